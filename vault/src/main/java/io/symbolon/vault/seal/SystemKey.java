package io.symbolon.vault.seal;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A node's system key: 32 random bytes drawn at boot, kept only sealed on disk ({@link SystemKeyFile})
 * and in memory while the node runs. Every share is encrypted under keys derived from it ({@link
 * ShareCipher}); it never leaves the machine, never goes into a backup and is never logged.
 *
 * <p>Besides shares it protects the node's other local secrets (such as a refresh's mask seed) with
 * {@link #encryptLocal}, under a key derived for each purpose.
 */
public final class SystemKey implements AutoCloseable {
    /** The length of a system key in bytes. */
    public static final int LENGTH = 32;

    private static final int NONCE = 12;
    private static final int TAG = 16;

    private final SecretBytes material;
    private final SecureRandom random;

    private SystemKey(SecretBytes material, SecureRandom random) {
        if (material.length() != LENGTH) {
            throw new SymbolonException(ErrorCode.SEALED, "a system key is " + LENGTH + " bytes");
        }
        this.material = material;
        this.random = random;
    }

    /** Draws a fresh system key. */
    public static SystemKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new SystemKey(SecretBytes.adopt(bytes), random);
    }

    /** Takes ownership of unsealed key material (closing this key wipes it). */
    public static SystemKey adopt(SecretBytes material, SecureRandom random) {
        return new SystemKey(material, random);
    }

    /** The key material, for sealing it or deriving keys from it; never store or print it. */
    SecretBytes material() {
        return material;
    }

    SecureRandom random() {
        return random;
    }

    /** Derives {@code length} bytes for {@code info}; the caller wipes them. */
    byte[] derive(byte[] info, int length) {
        return Hkdf.derive(material.reveal(), info, length);
    }

    /**
     * Encrypts a small local secret for {@code purpose} (AES-256-GCM under HKDF(system key, "symbolon
     * local secret v1 " + purpose), a random nonce, the purpose as associated data). Only this node,
     * with this system key and the same purpose, can decrypt it.
     */
    public byte[] encryptLocal(String purpose, SecretBytes secret) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] out = Arrays.copyOf(nonce, NONCE + secret.length() + TAG);
        try {
            Cipher cipher = localCipher(Cipher.ENCRYPT_MODE, purpose, nonce);
            cipher.doFinal(secret.reveal(), 0, secret.length(), out, NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** Decrypts what {@link #encryptLocal} produced for the same purpose. */
    public SecretBytes decryptLocal(String purpose, byte[] encrypted) {
        if (encrypted.length < NONCE + TAG) {
            throw tampered(purpose);
        }
        try {
            Cipher cipher = localCipher(Cipher.DECRYPT_MODE, purpose, Arrays.copyOf(encrypted, NONCE));
            return SecretBytes.adopt(cipher.doFinal(encrypted, NONCE, encrypted.length - NONCE));
        } catch (AEADBadTagException e) {
            throw tampered(purpose);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private Cipher localCipher(int mode, String purpose, byte[] nonce) throws GeneralSecurityException {
        byte[] purposeBytes = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] info = ("symbolon local secret v1 " + purpose).getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = derive(info, 32);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(purposeBytes);
            return cipher;
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    private static SymbolonException tampered(String purpose) {
        return new SymbolonException(
                ErrorCode.SEALED,
                "the node's local secret '" + purpose + "' does not open under this node's system key: it was"
                        + " modified or comes from another node");
    }

    @Override
    public void close() {
        material.close();
    }

    @Override
    public String toString() {
        return "SystemKey[redacted]";
    }
}
