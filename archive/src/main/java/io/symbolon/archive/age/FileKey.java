package io.symbolon.archive.age;

import io.symbolon.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The 128-bit symmetric key of one age file (age.md, "File key"): it is wrapped by every recipient
 * stanza, keys the header MAC and, with the payload nonce, the payload. Close it to wipe it.
 */
public final class FileKey implements AutoCloseable {
    /** The length of every age file key, in bytes. */
    public static final int LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBytes secret;

    private FileKey(SecretBytes secret) {
        this.secret = secret;
    }

    /** A fresh key from the system's CSPRNG; never reuse it for a second file. */
    public static FileKey generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new FileKey(SecretBytes.adopt(bytes));
    }

    /** A copy of {@code sixteenBytes}; the caller stays responsible for wiping its array. */
    public static FileKey of(byte[] sixteenBytes) {
        Objects.requireNonNull(sixteenBytes, "sixteenBytes");
        if (sixteenBytes.length != LENGTH) {
            throw new IllegalArgumentException("an age file key has " + LENGTH + " bytes, not " + sixteenBytes.length);
        }
        return new FileKey(SecretBytes.copyOf(sixteenBytes));
    }

    /** The key's bytes, for wrapping and key derivation only. */
    public SecretBytes secret() {
        return secret;
    }

    @Override
    public void close() {
        secret.close();
    }

    @Override
    public String toString() {
        return "FileKey[redacted]";
    }
}
