package io.symbolon.archive.age;

import javax.crypto.spec.IvParameterSpec;

/**
 * The ChaCha20-Poly1305 nonce of one payload chunk (age.md, "Payload"): an 11-byte big-endian chunk
 * counter starting at zero, then {@code 0x01} for the final chunk and {@code 0x00} for the others.
 */
final class ChunkNonce {
    static final int PAYLOAD_NONCE_LENGTH = 16;
    static final int CHUNK_SIZE = 64 * 1024;
    static final int TAG_LENGTH = 16;
    static final int SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_LENGTH;

    private final byte[] nonce = new byte[12];
    private long counter;

    /** The index of the current chunk, counting from zero. */
    long counter() {
        return counter;
    }

    /** The nonce of the current chunk, as final or not. */
    IvParameterSpec spec(boolean last) {
        nonce[11] = (byte) (last ? 1 : 0);
        return new IvParameterSpec(nonce);
    }

    /** Moves on to the next chunk. */
    void increment() {
        if (counter == Long.MAX_VALUE) {
            // 2^63 chunks of 64 KiB: unreachable, but the counter must never wrap.
            throw new IllegalStateException("age payload chunk counter exhausted");
        }
        counter++;
        long value = counter;
        for (int i = 10; i >= 3; i--) {
            nonce[i] = (byte) value;
            value >>>= 8;
        }
    }
}
