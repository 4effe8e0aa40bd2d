package io.symbolon.archive.recipient;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * The X25519 operations of age.md, "The X25519 recipient type", on the JDK's XDH: raw 32-byte keys as
 * RFC 7748 encodes them, and the stanza's wrap key
 *
 * <pre>
 * salt     = ephemeral share || recipient
 * wrap key = HKDF-SHA-256(ikm = X25519(secret, public), salt, info = "age-encryption.org/v1/X25519")
 * </pre>
 */
final class X25519Keys {
    static final String STANZA_TYPE = "X25519";
    static final int KEY_LENGTH = 32;

    private static final byte[] INFO = "age-encryption.org/v1/X25519".getBytes(StandardCharsets.US_ASCII);
    /** The DER prefix of an X25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");

    private static final byte[] BASE_POINT = new byte[KEY_LENGTH];

    static {
        BASE_POINT[0] = 9;
    }

    /** Thrown when the peer's share is a low-order point, so the shared secret would be all zeros. */
    static final class LowOrderPointException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private X25519Keys() {}

    static PrivateKey privateKey(byte[] scalar) {
        try {
            return KeyFactory.getInstance("XDH")
                    .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is unavailable in this JDK", e);
        }
    }

    static PublicKey publicKey(byte[] raw) {
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_LENGTH);
        System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, KEY_LENGTH);
        try {
            return KeyFactory.getInstance("XDH").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is unavailable in this JDK", e);
        }
    }

    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - KEY_LENGTH, encoded.length);
    }

    static KeyPair generateEphemeral() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is unavailable in this JDK", e);
        }
    }

    /** {@code X25519(scalar, basepoint)}: the recipient of an identity. */
    static byte[] publicFromScalar(byte[] scalar) {
        try {
            return sharedSecret(privateKey(scalar), BASE_POINT);
        } catch (LowOrderPointException e) {
            throw new IllegalStateException("the X25519 base point is not of low order", e);
        }
    }

    /** {@code X25519(secret, peer)}; refuses a low-order {@code peer}, whose result would be all zeros. */
    static byte[] sharedSecret(PrivateKey secret, byte[] peer) throws LowOrderPointException {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(secret);
            try {
                agreement.doPhase(publicKey(peer), true);
            } catch (InvalidKeyException e) {
                // The JDK refuses exactly the points of small order here ("Point has small order").
                throw new LowOrderPointException();
            }
            byte[] shared = agreement.generateSecret();
            if (isZero(shared)) {
                throw new LowOrderPointException();
            }
            return shared;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is unavailable in this JDK", e);
        }
    }

    static SecretKey wrapKey(byte[] sharedSecret, byte[] share, byte[] recipient) {
        byte[] salt = Arrays.copyOf(share, KEY_LENGTH * 2);
        System.arraycopy(recipient, 0, salt, KEY_LENGTH, KEY_LENGTH);
        try {
            return KDF.getInstance("HKDF-SHA256")
                    .deriveKey(
                            "ChaCha20",
                            HKDFParameterSpec.ofExtract()
                                    .addIKM(sharedSecret)
                                    .addSalt(salt)
                                    .thenExpand(INFO, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is unavailable in this JDK", e);
        }
    }

    private static boolean isZero(byte[] bytes) {
        int accumulator = 0;
        for (byte b : bytes) {
            accumulator |= b;
        }
        return accumulator == 0;
    }
}
