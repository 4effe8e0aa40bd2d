package io.symbolon.archive.recipient;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The one format of a recipient's public fingerprint in Symbolon: {@code SHA256:} followed by the
 * unpadded standard base64 of a SHA-256 digest — of the SSH wire encoding for RSA keys (the same string
 * {@code ssh-keygen -lf} prints), of the raw 32-byte public key for X25519, of the raw 1,216-byte public key
 * (ML-KEM-768 encapsulation key, then X25519 key) for the hybrid post-quantum {@code mlkem768x25519} type — and
 * {@code passphrase} for a passphrase, which has no public part.
 */
public final class Fingerprints {
    /** The fingerprint of every passphrase recipient. */
    public static final String PASSPHRASE = "passphrase";

    private static final String PREFIX = "SHA256:";

    private Fingerprints() {}

    /** The fingerprint of an RSA public key, equal to {@code ssh-keygen -lf}'s for the same key. */
    public static String ofRsa(RSAPublicKey key) {
        return ofBytes(SshWire.encodeRsa(key));
    }

    /** The fingerprint of a raw 32-byte X25519 public key. */
    public static String ofX25519(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes");
        }
        return ofBytes(publicKey);
    }

    /** The fingerprint of a raw 1,216-byte MLKEM768-X25519 public key (the data of its {@code age1pq1…}). */
    public static String ofMlKem768X25519(byte[] publicKey) {
        if (publicKey.length != MlKem768X25519Keys.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an MLKEM768-X25519 public key has 1216 bytes");
        }
        return ofBytes(publicKey);
    }

    private static String ofBytes(byte[] publicBytes) {
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sha256(publicBytes));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}
