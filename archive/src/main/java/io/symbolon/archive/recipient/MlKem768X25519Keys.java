package io.symbolon.archive.recipient;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The constants and checks of age.md, "The MLKEM768-X25519 (i.e. X-Wing) hybrid post-quantum recipient
 * type": the file key is sealed with HPKE (RFC 9180, base mode) under the suite MLKEM768-X25519 /
 * HKDF-SHA256 / ChaCha20Poly1305 with {@code info = "age-encryption.org/mlkem768x25519"} and an empty
 * {@code aad}. The KEM and HPKE are Bouncy Castle's ({@link HPKE#kem_MLKEM768_X25519}); this class only
 * names the parameters and adds the low-order check on the X25519 half that the specification's test
 * vectors require to fail as a malformed header.
 */
final class MlKem768X25519Keys {
    static final String STANZA_TYPE = "mlkem768x25519";
    static final String RECIPIENT_HRP = "age1pq";
    static final String IDENTITY_HRP = "AGE-SECRET-KEY-PQ-";
    /** An identity is a 32-byte seed; ML-KEM-768's and X25519's private keys are derived from it. */
    static final int SEED_LENGTH = 32;
    /** ML-KEM-768's 1,184-byte encapsulation key, then X25519's 32-byte public key. */
    static final int PUBLIC_KEY_LENGTH = 1216;
    /** ML-KEM-768's 1,088-byte ciphertext, then X25519's 32-byte ephemeral share. */
    static final int ENC_LENGTH = 1120;

    static final int X25519_LENGTH = 32;

    static final byte[] INFO = "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);
    static final byte[] AAD = new byte[0];

    private MlKem768X25519Keys() {}

    /** A new HPKE instance for the suite (not shared between threads: Bouncy Castle's holds state). */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_MLKEM768_X25519, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    /**
     * Whether the X25519 point in the last 32 bytes of {@code value} (a public key or an encapsulated
     * key) has low order, so that any X25519 with it gives all zeros. Tested with a fresh scalar: the
     * result is zero for every scalar exactly when the point has low order.
     */
    static boolean hasLowOrderX25519(byte[] value) {
        byte[] point = Arrays.copyOfRange(value, value.length - X25519_LENGTH, value.length);
        try {
            byte[] shared =
                    X25519Keys.sharedSecret(X25519Keys.generateEphemeral().getPrivate(), point);
            Arrays.fill(shared, (byte) 0);
            return false;
        } catch (X25519Keys.LowOrderPointException e) {
            return true;
        }
    }
}
