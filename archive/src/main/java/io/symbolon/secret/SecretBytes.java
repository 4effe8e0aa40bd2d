package io.symbolon.secret;

import java.io.ObjectOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret key material that zeroes itself when closed, never prints its value and refuses Java
 * serialisation. Use it for file keys, shares, system keys and anything else whose bytes must not
 * leak into logs, errors or files.
 */
public final class SecretBytes implements AutoCloseable, Destroyable {
    private final byte[] bytes;
    private boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the caller must not keep or reuse the array. */
    public static SecretBytes adopt(byte[] bytes) {
        return new SecretBytes(bytes);
    }

    /** Copies a range of {@code source}; the caller stays responsible for wiping it. */
    public static SecretBytes copyOf(byte[] source, int offset, int length) {
        return new SecretBytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    public static SecretBytes copyOf(byte[] source) {
        return copyOf(source, 0, source.length);
    }

    public int length() {
        return bytes.length;
    }

    /**
     * The live array, for handing to a cipher or KDF. Never store it, print it or let it escape the
     * call that needs it.
     */
    public byte[] reveal() {
        if (destroyed) {
            throw new IllegalStateException("secret already destroyed");
        }
        return bytes;
    }

    /** A fresh copy that the caller must wipe. */
    public byte[] copy() {
        return reveal().clone();
    }

    /** Constant-time comparison. */
    public boolean sameAs(SecretBytes other) {
        return MessageDigest.isEqual(reveal(), other.reveal());
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes, redacted]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @SuppressWarnings("unused")
    private void writeObject(ObjectOutputStream out) {
        throw new UnsupportedOperationException("secrets are never serialised");
    }
}
