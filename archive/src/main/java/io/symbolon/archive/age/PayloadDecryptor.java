package io.symbolon.archive.age;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Decrypts an age payload (age.md, "Payload") one chunk at a time. A chunk's plaintext is released only
 * after its tag has verified, so everything read is authentic; but it is a prefix of the plaintext
 * until this stream has returned end-of-file, which it does only after a valid final chunk that is
 * followed by nothing. Any tampering, truncation or extension throws {@link AgeException} of kind
 * {@code PAYLOAD}, and so does every read after it.
 */
public final class PayloadDecryptor extends InputStream {
    private final InputStream in;
    private final SecretKey payloadKey;
    private final Cipher cipher;
    private final ChunkNonce nonce = new ChunkNonce();
    private final byte[] sealed = new byte[ChunkNonce.SEALED_CHUNK_SIZE];
    private final byte[] plaintext = new byte[ChunkNonce.CHUNK_SIZE];
    private int position;
    private int limit;
    private boolean finished;
    private AgeException failure;
    private boolean closed;

    /**
     * Reads the payload nonce from {@code in} and prepares to decrypt; {@code key} is not kept.
     *
     * @throws AgeException of kind {@code PAYLOAD} if {@code in} ends before the 16-byte nonce
     */
    public PayloadDecryptor(InputStream in, FileKey key) throws IOException {
        this(in, key, readNonce(in));
    }

    /** Decrypts the payload whose nonce the caller has already read from {@code in}. */
    PayloadDecryptor(InputStream in, FileKey key, byte[] payloadNonce) {
        this.in = Objects.requireNonNull(in, "in");
        this.payloadKey = KeySchedule.payloadKey(key, payloadNonce);
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is unavailable in this JDK", e);
        }
    }

    private static byte[] readNonce(InputStream in) throws IOException {
        byte[] payloadNonce = in.readNBytes(ChunkNonce.PAYLOAD_NONCE_LENGTH);
        if (payloadNonce.length != ChunkNonce.PAYLOAD_NONCE_LENGTH) {
            throw new AgeException(AgeException.Kind.PAYLOAD, "the age payload ends before its 16-byte nonce");
        }
        return payloadNonce;
    }

    @Override
    public int read() throws IOException {
        if (!ensureAvailable()) {
            return -1;
        }
        return plaintext[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensureAvailable()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(plaintext, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(plaintext, (byte) 0);
        position = limit = 0;
        in.close();
    }

    /** Makes plaintext available; false at the end of an intact payload. */
    private boolean ensureAvailable() throws IOException {
        if (closed) {
            throw new IOException("the age payload stream is closed");
        }
        while (position == limit) {
            if (failure != null) {
                throw failure;
            }
            if (finished) {
                return false;
            }
            try {
                openNextChunk();
            } catch (AgeException e) {
                failure = e;
                throw e;
            }
        }
        return true;
    }

    private void openNextChunk() throws IOException {
        long index = nonce.counter();
        int length = in.readNBytes(sealed, 0, sealed.length);
        if (length == 0) {
            throw failure(
                    index == 0
                            ? "the payload has no chunks"
                            : "the payload ends after chunk " + (index - 1)
                                    + " without a final chunk: it is truncated");
        }
        boolean last;
        if (length < sealed.length) {
            if (length < ChunkNonce.TAG_LENGTH) {
                throw failure("chunk " + index + " is shorter than its authentication tag: the payload is truncated");
            }
            if (length == ChunkNonce.TAG_LENGTH && index != 0) {
                throw failure("the final chunk " + index + " is empty, which only an empty payload may have");
            }
            last = true;
            limit = open(length, true);
        } else {
            // A full-length chunk is the final one only if it says so; try it as a middle chunk first.
            int opened = open(length, false);
            last = opened < 0;
            limit = last ? open(length, true) : opened;
        }
        if (limit < 0) {
            limit = 0;
            throw failure("chunk " + index + " does not authenticate: the payload was modified");
        }
        position = 0;
        nonce.increment();
        if (last) {
            finished = true;
            if (in.read() >= 0) {
                // The final chunk is authentic and is released; what follows it is refused on the next read.
                failure = failure("data follows the final chunk " + index + ": the payload was extended");
            }
        }
    }

    /** Opens the sealed chunk into {@link #plaintext}; the plaintext length, or -1 if the tag is wrong. */
    private int open(int length, boolean last) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, payloadKey, nonce.spec(last));
            return cipher.doFinal(sealed, 0, length, plaintext, 0);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 refused to open an age payload chunk", e);
        }
    }

    private static AgeException failure(String message) {
        return new AgeException(AgeException.Kind.PAYLOAD, "age payload: " + message);
    }
}
