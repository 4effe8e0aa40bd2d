package io.symbolon.archive.recipient;

import io.symbolon.archive.age.FileKey;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * The body of the X25519 and scrypt stanzas (age.md, "X25519 recipient stanza", "scrypt recipient
 * stanza"): {@code ChaCha20-Poly1305(key = wrap key, plaintext = file key)} with a nonce of 12 zero
 * bytes — safe because every wrap key is used once.
 */
final class WrapCipher {
    /** The length of a wrapped file key: 16 bytes and a 16-byte tag. */
    static final int BODY_LENGTH = FileKey.LENGTH + 16;

    private WrapCipher() {}

    static byte[] seal(SecretKey wrapKey, FileKey fileKey) {
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.ENCRYPT_MODE, wrapKey, new IvParameterSpec(new byte[12]));
            return cipher.doFinal(fileKey.secret().reveal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 refused to wrap a file key", e);
        }
    }

    /** The unwrapped file key, or empty if the body does not authenticate under {@code wrapKey}. */
    static Optional<FileKey> open(SecretKey wrapKey, byte[] body) {
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.DECRYPT_MODE, wrapKey, new IvParameterSpec(new byte[12]));
            byte[] fileKey = cipher.doFinal(body);
            try {
                return Optional.of(FileKey.of(fileKey));
            } finally {
                java.util.Arrays.fill(fileKey, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 refused to unwrap a file key", e);
        }
    }
}
