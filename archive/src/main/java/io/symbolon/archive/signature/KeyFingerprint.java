package io.symbolon.archive.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The fingerprint of a signing key (ARCHIVE-FORMAT.md §8.1): {@code SHA256:} and the unpadded base64 of
 * the SHA-256 of its DER SubjectPublicKeyInfo. Reproducible with openssl:
 * {@code openssl x509 -in node.crt -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64 | tr -d =}.
 */
public final class KeyFingerprint {
    private KeyFingerprint() {}

    public static String of(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
