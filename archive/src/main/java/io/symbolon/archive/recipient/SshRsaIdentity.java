package io.symbolon.archive.recipient;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;

/**
 * The private half of an RSA backup key, as an age {@code ssh-rsa} identity (see {@link SshRsa}). It
 * unwraps stanzas whose tag matches its public key and ignores the others. For reading old files it
 * accepts keys of 2048 bits, below what new recipients need.
 */
public final class SshRsaIdentity implements Identity {
    /** The smallest RSA modulus accepted for decryption, in bits. */
    public static final int MIN_BITS = 2048;

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String tag;

    /**
     * @throws IllegalArgumentException if the two keys are not halves of one key pair
     * @throws SymbolonException with {@link ErrorCode#WEAK_KEY} below 2048 bits
     */
    public SshRsaIdentity(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        if (!privateKey.getModulus().equals(publicKey.getModulus())) {
            throw new IllegalArgumentException("the RSA private key does not belong to the public key");
        }
        int bits = publicKey.getModulus().bitLength();
        if (bits < MIN_BITS) {
            throw new SymbolonException(
                    ErrorCode.WEAK_KEY,
                    "the RSA key " + fingerprint() + " has " + bits + " bits, fewer than " + MIN_BITS);
        }
        this.tag = SshRsa.tag(SshWire.encodeRsa(publicKey));
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The public fingerprint, as {@link Fingerprints#ofRsa}. */
    public String fingerprint() {
        return Fingerprints.ofRsa(publicKey);
    }

    /** The recipient of this identity's public key; it requires at least 3072 bits. */
    public SshRsaRecipient recipient() {
        return SshRsaRecipient.of(publicKey);
    }

    @Override
    public Optional<FileKey> unwrap(List<Stanza> stanzas) {
        for (Stanza stanza : stanzas) {
            if (!stanza.type().equals(SshRsa.STANZA_TYPE)) {
                continue;
            }
            if (stanza.arguments().size() != 2) {
                throw malformed("an ssh-rsa stanza has " + stanza.arguments().size() + " arguments instead of 2");
            }
            if (!stanza.arguments().get(1).equals(tag)) {
                continue;
            }
            Optional<FileKey> fileKey = unwrap(stanza.body());
            if (fileKey.isPresent()) {
                return fileKey;
            }
        }
        return Optional.empty();
    }

    private Optional<FileKey> unwrap(byte[] body) {
        int modulusBytes = (publicKey.getModulus().bitLength() + 7) / 8;
        if (body.length != modulusBytes) {
            throw malformed("an ssh-rsa stanza for " + fingerprint() + " has a body of " + body.length
                    + " bytes instead of " + modulusBytes);
        }
        Cipher cipher = SshRsa.oaep(Cipher.DECRYPT_MODE, privateKey);
        byte[] fileKey;
        try {
            fileKey = cipher.doFinal(body);
        } catch (BadPaddingException e) {
            // Not wrapped for this key, or damaged: let the caller try its other identities.
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP refused to unwrap a file key", e);
        }
        try {
            if (fileKey.length != FileKey.LENGTH) {
                throw malformed("an ssh-rsa stanza for " + fingerprint() + " wraps " + fileKey.length
                        + " bytes instead of a 16-byte file key");
            }
            return Optional.of(FileKey.of(fileKey));
        } finally {
            Arrays.fill(fileKey, (byte) 0);
        }
    }

    @Override
    public String describe() {
        return SshRsa.STANZA_TYPE + " " + fingerprint();
    }

    @Override
    public String toString() {
        return "SshRsaIdentity[" + fingerprint() + "]";
    }

    private static AgeException malformed(String problem) {
        return new AgeException(AgeException.Kind.HEADER, "malformed age header: " + problem);
    }
}
