package io.symbolon.archive.age;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Encrypts an age payload (age.md, "Payload"): a fresh 16-byte nonce, then the plaintext in 64 KiB
 * chunks, each sealed with ChaCha20-Poly1305 under the payload key and its {@link ChunkNonce}. It holds
 * at most one chunk of plaintext. {@link #close()} seals the final chunk, which is short or full and
 * empty only if the whole payload is; until then the output is not a complete age payload.
 */
public final class PayloadEncryptor extends OutputStream {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutputStream out;
    private final SecretKey payloadKey;
    private final Cipher cipher;
    private final ChunkNonce nonce = new ChunkNonce();
    private final byte[] plaintext = new byte[ChunkNonce.CHUNK_SIZE];
    private final byte[] sealed = new byte[ChunkNonce.SEALED_CHUNK_SIZE];
    private int buffered;
    private boolean closed;

    /** Writes a fresh random nonce to {@code out}; the payload key is derived now, {@code key} not kept. */
    public PayloadEncryptor(OutputStream out, FileKey key) throws IOException {
        this(out, key, randomNonce());
    }

    private PayloadEncryptor(OutputStream out, FileKey key, byte[] payloadNonce) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        if (payloadNonce.length != ChunkNonce.PAYLOAD_NONCE_LENGTH) {
            throw new IllegalArgumentException("an age payload nonce has 16 bytes");
        }
        this.payloadKey = KeySchedule.payloadKey(key, payloadNonce);
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is unavailable in this JDK", e);
        }
        out.write(payloadNonce);
    }

    /**
     * An encryptor with a chosen nonce, for reproducing test vectors only: a nonce must never be used
     * twice with the same file key, and production code uses {@link #PayloadEncryptor(OutputStream,
     * FileKey)}.
     */
    public static PayloadEncryptor withNonceForTesting(OutputStream out, FileKey key, byte[] payloadNonce)
            throws IOException {
        return new PayloadEncryptor(out, key, payloadNonce.clone());
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (buffered == plaintext.length) {
            seal(plaintext, 0, buffered, false);
            buffered = 0;
        }
        plaintext[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (buffered == plaintext.length) {
                seal(plaintext, 0, buffered, false);
                buffered = 0;
            }
            if (buffered == 0 && len > ChunkNonce.CHUNK_SIZE) {
                // More data follows this chunk, so it is not the final one: seal it straight from b.
                seal(b, off, ChunkNonce.CHUNK_SIZE, false);
                off += ChunkNonce.CHUNK_SIZE;
                len -= ChunkNonce.CHUNK_SIZE;
                continue;
            }
            int n = Math.min(len, plaintext.length - buffered);
            System.arraycopy(b, off, plaintext, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    /** Flushes sealed chunks to the underlying stream; the buffered partial chunk stays until sealed. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Seals the final chunk and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            seal(plaintext, 0, buffered, true);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            buffered = 0;
        }
    }

    private void seal(byte[] source, int offset, int length, boolean last) throws IOException {
        int sealedLength;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, payloadKey, nonce.spec(last));
            sealedLength = cipher.doFinal(source, offset, length, sealed, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 refused to seal an age payload chunk", e);
        }
        out.write(sealed, 0, sealedLength);
        nonce.increment();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the age payload stream is closed");
        }
    }

    private static byte[] randomNonce() {
        byte[] nonce = new byte[ChunkNonce.PAYLOAD_NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }
}
