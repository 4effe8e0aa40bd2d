package io.symbolon.archive.age;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * The keys age derives from the file key with HKDF-SHA-256 (age.md, "Header MAC" and "Payload"):
 *
 * <pre>
 * HMAC key    = HKDF-SHA-256(ikm = file key, salt = empty, info = "header")
 * payload key = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload")
 * </pre>
 */
final class KeySchedule {
    private static final byte[] HEADER_INFO = "header".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_INFO = "payload".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 32;

    private KeySchedule() {}

    /** HMAC-SHA-256 of {@code data[0, length)} under the header MAC key of {@code fileKey}. */
    static byte[] headerMac(FileKey fileKey, byte[] data, int length) {
        try {
            // An empty salt is, by RFC 5869, the same as the absent salt: a hash-length string of zeros.
            SecretKey key =
                    hkdf(HKDFParameterSpec.ofExtract().addIKM(fileKey.secret().reveal()), HEADER_INFO, "HmacSHA256");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is unavailable in this JDK", e);
        }
    }

    /** The ChaCha20-Poly1305 key of the payload that starts with {@code nonce}. */
    static SecretKey payloadKey(FileKey fileKey, byte[] nonce) {
        return hkdf(
                HKDFParameterSpec.ofExtract().addIKM(fileKey.secret().reveal()).addSalt(nonce),
                PAYLOAD_INFO,
                "ChaCha20");
    }

    private static SecretKey hkdf(HKDFParameterSpec.Builder extract, byte[] info, String algorithm) {
        try {
            KDF kdf = KDF.getInstance("HKDF-SHA256");
            return kdf.deriveKey(algorithm, extract.thenExpand(info, KEY_LENGTH));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is unavailable in this JDK", e);
        }
    }
}
