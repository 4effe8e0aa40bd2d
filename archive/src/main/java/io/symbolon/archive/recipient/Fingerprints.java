package io.symbolon.archive.recipient;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The one format of a recipient's public fingerprint in Symbolon: {@code SHA256:} followed by the
 * unpadded standard base64 of a SHA-256 digest — of the SSH wire encoding for RSA keys (the same string
 * {@code ssh-keygen -lf} prints), of the raw 32-byte public key for X25519 — and {@code passphrase} for a
 * passphrase, which has no public part.
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
