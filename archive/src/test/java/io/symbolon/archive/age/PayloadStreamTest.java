package io.symbolon.archive.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The STREAM payload of age.md, "Payload", on its own: sizes, streaming, and damage to the chunks. */
class PayloadStreamTest {
    private static final int CHUNK = 64 * 1024;
    private static final int SEALED = CHUNK + 16;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1, 3 * CHUNK - 7})
    void roundTripsAtChunkBoundaries(int size) throws IOException {
        byte[] plaintext = random(size, size);
        try (FileKey key = FileKey.generate()) {
            byte[] payload = encrypt(key, plaintext, 4096);
            int chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
            assertThat(payload).hasSize(16 + size + 16 * chunks);
            assertThat(decrypt(key, payload)).isEqualTo(plaintext);
            // Writing byte by byte or in one call gives the same chunks.
            byte[] nonce = Arrays.copyOf(payload, 16);
            ByteArrayOutputStream single = new ByteArrayOutputStream();
            try (OutputStream out = PayloadEncryptor.withNonceForTesting(single, key, nonce)) {
                out.write(plaintext);
            }
            ByteArrayOutputStream bytewise = new ByteArrayOutputStream();
            try (OutputStream out = PayloadEncryptor.withNonceForTesting(bytewise, key, nonce)) {
                for (byte b : plaintext) {
                    out.write(b);
                }
            }
            assertThat(single.toByteArray()).isEqualTo(payload);
            assertThat(bytewise.toByteArray()).isEqualTo(payload);
        }
    }

    @Test
    void encryptorHoldsAtMostOneChunkOfPlaintext() throws IOException {
        CountingOutputStream sink = new CountingOutputStream(OutputStream.nullOutputStream());
        byte[] block = new byte[10_000];
        try (FileKey key = FileKey.generate();
                OutputStream out = new PayloadEncryptor(sink, key)) {
            long written = 0;
            for (int i = 0; i < 100; i++) {
                out.write(block);
                written += block.length;
                long sealedPlaintext = sink.count - 16 - 16 * ((sink.count - 16) / SEALED);
                assertThat(written - sealedPlaintext).isBetween(0L, (long) CHUNK);
            }
        }
    }

    @Test
    void decryptorReadsAtMostOneChunkAhead() throws IOException {
        byte[] plaintext = random(10 * CHUNK, 1);
        try (FileKey key = FileKey.generate()) {
            byte[] payload = encrypt(key, plaintext, CHUNK);
            CountingInputStream source = new CountingInputStream(new ByteArrayInputStream(payload));
            try (InputStream in = new PayloadDecryptor(source, key)) {
                byte[] buffer = new byte[1000];
                long read = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    read += n;
                    assertThat(source.count - 16).isLessThanOrEqualTo(read + 16 * ((read / CHUNK) + 1) + SEALED + 1);
                }
            }
        }
    }

    @Test
    void streams100MiBThroughAFileWithConstantBuffers(@TempDir Path directory) throws Exception {
        long size = 100L * 1024 * 1024;
        Path file = directory.resolve("large.age");
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        new Random(7).nextBytes(block);
        try (FileKey key = FileKey.generate()) {
            try (OutputStream out = new PayloadEncryptor(Files.newOutputStream(file), key)) {
                for (long done = 0; done < size; done += block.length) {
                    block[0] = (byte) done;
                    block[block.length - 1] = (byte) (done >>> 20);
                    written.update(block);
                    out.write(block);
                }
            }
            assertThat(Files.size(file)).isEqualTo(16 + size + 16 * (size / CHUNK));
            MessageDigest read = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new PayloadDecryptor(Files.newInputStream(file), key)) {
                byte[] buffer = new byte[300_000];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read.update(buffer, 0, n);
                }
            }
            assertThat(HexFormat.of().formatHex(read.digest()))
                    .isEqualTo(HexFormat.of().formatHex(written.digest()));
        }
    }

    @Test
    void refusesReorderedDuplicatedDroppedAndExtendedChunks() throws IOException {
        byte[] plaintext = random(3 * CHUNK + 100, 3);
        try (FileKey key = FileKey.generate()) {
            byte[] payload = encrypt(key, plaintext, CHUNK);
            byte[] nonce = Arrays.copyOf(payload, 16);
            byte[] c0 = chunk(payload, 0);
            byte[] c1 = chunk(payload, 1);
            byte[] c2 = chunk(payload, 2);
            byte[] last = Arrays.copyOfRange(payload, 16 + 3 * SEALED, payload.length);
            assertRefused(key, plaintext, join(nonce, c0, c2, c1, last));
            assertRefused(key, plaintext, join(nonce, c0, c0, c1, c2, last));
            assertRefused(key, plaintext, join(nonce, c0, c2, last));
            assertRefused(key, plaintext, join(nonce, c0, c1, c2));
            assertRefused(key, plaintext, join(nonce, c0, c1, c2, last, new byte[] {0}));
            assertRefused(key, plaintext, join(nonce, c0, c1, c2, last, last));
            assertRefused(key, plaintext, join(new byte[16], c0, c1, c2, last));
        }
    }

    @Test
    void refusesDamageAtChunkEdgesAndTruncationAtChunkBoundaries() throws IOException {
        byte[] plaintext = random(2 * CHUNK + 10, 4);
        try (FileKey key = FileKey.generate()) {
            byte[] payload = encrypt(key, plaintext, CHUNK);
            int[] edges = {
                0,
                15,
                16,
                17,
                16 + CHUNK - 1,
                16 + CHUNK,
                16 + SEALED - 1,
                16 + SEALED,
                16 + 2 * SEALED,
                payload.length - 17,
                payload.length - 1
            };
            for (int edge : edges) {
                byte[] damaged = payload.clone();
                damaged[edge] ^= 0x01;
                assertRefused(key, plaintext, damaged);
                assertRefused(key, plaintext, Arrays.copyOf(payload, edge));
                assertRefused(key, plaintext, Arrays.copyOf(payload, edge + 1 == payload.length ? edge : edge + 1));
            }
        }
    }

    @Test
    void refusesEmptyFinalChunkAfterFullChunk() throws IOException {
        byte[] plaintext = random(CHUNK, 5);
        try (FileKey key = FileKey.generate()) {
            byte[] payload = encrypt(key, plaintext, CHUNK);
            // Re-seal the single full chunk as a middle chunk, then append an empty final chunk.
            byte[] nonce = Arrays.copyOf(payload, 16);
            ByteArrayOutputStream twoChunks = new ByteArrayOutputStream();
            try (OutputStream out = PayloadEncryptor.withNonceForTesting(twoChunks, key, nonce)) {
                out.write(plaintext);
                out.write(0);
            }
            byte[] middle = Arrays.copyOf(twoChunks.toByteArray(), 16 + SEALED);
            // An empty final chunk cannot be forged without the key, so build it by hand.
            byte[] forged = join(middle, emptyFinalChunk(key, nonce));
            assertRefused(key, plaintext, forged);
        }
    }

    @Test
    void refusesShortNonceAndReadsAfterClose() throws IOException {
        try (FileKey key = FileKey.generate()) {
            assertThatThrownBy(() -> new PayloadDecryptor(new ByteArrayInputStream(new byte[15]), key))
                    .isInstanceOfSatisfying(
                            AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.PAYLOAD));
            InputStream in = new PayloadDecryptor(new ByteArrayInputStream(encrypt(key, new byte[3], 10)), key);
            in.close();
            assertThatThrownBy(in::read).isInstanceOf(IOException.class);
            OutputStream out = new PayloadEncryptor(OutputStream.nullOutputStream(), key);
            out.close();
            assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
        }
    }

    /** Decrypting must fail with PAYLOAD, and what was released before must be a prefix of the plaintext. */
    static void assertRefused(FileKey key, byte[] plaintext, byte[] payload) {
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
                    try (InputStream in = new PayloadDecryptor(new ByteArrayInputStream(payload), key)) {
                        in.transferTo(released);
                    }
                })
                .isInstanceOfSatisfying(
                        AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.PAYLOAD));
        byte[] prefix = released.toByteArray();
        assertThat(prefix.length).isLessThan(plaintext.length + 1);
        assertThat(prefix).isEqualTo(Arrays.copyOf(plaintext, prefix.length));
    }

    private static byte[] emptyFinalChunk(FileKey key, byte[] nonce) throws IOException {
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
            byte[] chunkNonce = new byte[12];
            chunkNonce[10] = 1;
            chunkNonce[11] = 1;
            cipher.init(
                    javax.crypto.Cipher.ENCRYPT_MODE,
                    KeySchedule.payloadKey(key, nonce),
                    new javax.crypto.spec.IvParameterSpec(chunkNonce));
            return cipher.doFinal(new byte[0]);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    static byte[] encrypt(FileKey key, byte[] plaintext, int writeSize) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (OutputStream out = new PayloadEncryptor(payload, key)) {
            for (int off = 0; off < plaintext.length; off += writeSize) {
                out.write(plaintext, off, Math.min(writeSize, plaintext.length - off));
            }
        }
        return payload.toByteArray();
    }

    static byte[] decrypt(FileKey key, byte[] payload) throws IOException {
        try (InputStream in = new PayloadDecryptor(new ByteArrayInputStream(payload), key)) {
            return in.readAllBytes();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] chunk(byte[] payload, int index) {
        return Arrays.copyOfRange(payload, 16 + index * SEALED, 16 + (index + 1) * SEALED);
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            count++;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            out.write(b, off, len);
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
