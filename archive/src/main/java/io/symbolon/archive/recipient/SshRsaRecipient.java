package io.symbolon.archive.recipient;

import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * An RSA recipient in age's {@code ssh-rsa} format (see {@link SshRsa}): the public half of a backup key
 * kept in a keystore, which the reference {@code age} tool can also encrypt to with {@code age -R} on
 * its {@link #sshLine one-line SSH form}. New recipients must have at least 3072 bits.
 */
public final class SshRsaRecipient implements Recipient {
    /** The smallest RSA modulus accepted for encrypting new files, in bits. */
    public static final int MIN_BITS = 3072;

    private final RSAPublicKey publicKey;
    private final byte[] wire;
    private final String tag;

    private SshRsaRecipient(RSAPublicKey publicKey) {
        this.publicKey = publicKey;
        this.wire = SshWire.encodeRsa(publicKey);
        this.tag = SshRsa.tag(wire);
    }

    /**
     * The recipient of {@code publicKey}.
     *
     * @throws SymbolonException with {@link ErrorCode#WEAK_KEY} if the key has fewer than 3072 bits
     */
    public static SshRsaRecipient of(RSAPublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        int bits = publicKey.getModulus().bitLength();
        if (bits < MIN_BITS) {
            throw new SymbolonException(
                    ErrorCode.WEAK_KEY,
                    "the RSA key " + Fingerprints.ofRsa(publicKey) + " has " + bits + " bits; backups are encrypted"
                            + " only to RSA keys of at least " + MIN_BITS + " bits — generate a new backup key");
        }
        return new SshRsaRecipient(publicKey);
    }

    /** Parses {@code ssh-rsa <base64 of the wire encoding> [comment]}, as in {@code id_rsa.pub}. */
    public static SshRsaRecipient parseSshLine(String line) {
        String[] fields = line.strip().split("[ \t]+", 3);
        if (fields.length < 2 || !fields[0].equals(SshWire.RSA_TYPE)) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT, "not an ssh-rsa public key line (ssh-rsa AAAA… comment)");
        }
        try {
            byte[] wire = Base64.getDecoder().decode(fields[1]);
            RSAPublicKey key = SshWire.decodeRsa(wire);
            if (!Base64.getEncoder().encodeToString(SshWire.encodeRsa(key)).equals(fields[1])) {
                throw new IllegalArgumentException("the key is not canonically encoded");
            }
            return of(key);
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT, "not a valid ssh-rsa public key line: " + e.getMessage());
        }
    }

    /** The one-line SSH form, {@code ssh-rsa AAAA… comment}, that {@code age -R} reads. */
    public String sshLine(String comment) {
        String line = SshWire.RSA_TYPE + " " + Base64.getEncoder().encodeToString(wire);
        if (comment == null || comment.isBlank()) {
            return line;
        }
        if (comment.contains("\n") || comment.contains("\r")) {
            throw new IllegalArgumentException("an ssh key comment is one line");
        }
        return line + " " + comment.strip();
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public List<Stanza> wrap(FileKey fileKey) {
        Cipher cipher = SshRsa.oaep(Cipher.ENCRYPT_MODE, publicKey);
        try {
            byte[] body = cipher.doFinal(fileKey.secret().reveal());
            return List.of(Stanza.of(SshRsa.STANZA_TYPE, List.of(tag), body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP refused to wrap a file key", e);
        }
    }

    @Override
    public String fingerprint() {
        return Fingerprints.ofRsa(publicKey);
    }

    @Override
    public String kind() {
        return SshRsa.STANZA_TYPE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshRsaRecipient that && publicKey.equals(that.publicKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "SshRsaRecipient[" + fingerprint() + "]";
    }
}
