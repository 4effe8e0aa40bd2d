package io.symbolon.archive.recipient;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.Bech32;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An X25519 identity (age.md, "The X25519 recipient type"), written {@code AGE-SECRET-KEY-1…}. It
 * unwraps {@code X25519} stanzas and applies the specification's rules: exactly two arguments, a
 * canonical 32-byte share, a 32-byte body, and abort on a low-order share. Close it to wipe the key.
 */
public final class X25519Identity implements Identity, AutoCloseable {
    static final String HRP = "AGE-SECRET-KEY-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBytes scalar;
    private final byte[] publicKey;

    private X25519Identity(SecretBytes scalar) {
        this.scalar = scalar;
        this.publicKey = X25519Keys.publicFromScalar(scalar.reveal());
    }

    /** A fresh identity from the system's CSPRNG. */
    public static X25519Identity generate() {
        byte[] scalar = new byte[X25519Keys.KEY_LENGTH];
        RANDOM.nextBytes(scalar);
        return new X25519Identity(SecretBytes.adopt(scalar));
    }

    /**
     * Parses an {@code AGE-SECRET-KEY-1…} identity. Error messages never repeat the text, which is a
     * secret.
     */
    public static X25519Identity parse(String encoded) {
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (!decoded.hrp().equals(HRP)) {
            Arrays.fill(decoded.data(), (byte) 0);
            throw invalid(
                    decoded.hrp().equals("AGE-SECRET-KEY-PQ-")
                            ? "it is a post-quantum identity (AGE-SECRET-KEY-PQ-1…), not an X25519 one"
                            : "it must start with AGE-SECRET-KEY-1 in uppercase");
        }
        if (decoded.data().length != X25519Keys.KEY_LENGTH) {
            Arrays.fill(decoded.data(), (byte) 0);
            throw invalid("the key is not 32 bytes");
        }
        return new X25519Identity(SecretBytes.adopt(decoded.data()));
    }

    /** The recipient that files for this identity are encrypted to. */
    public X25519Recipient recipient() {
        return X25519Recipient.of(publicKey);
    }

    /**
     * <b>Secret.</b> The {@code AGE-SECRET-KEY-1…} encoding of this identity, for writing an identity
     * file; never log or print it.
     */
    public String encoded() {
        return Bech32.encode(HRP, scalar.reveal());
    }

    @Override
    public Optional<FileKey> unwrap(List<Stanza> stanzas) {
        for (Stanza stanza : stanzas) {
            if (!stanza.type().equals(X25519Keys.STANZA_TYPE)) {
                continue;
            }
            Optional<FileKey> fileKey = unwrap(stanza);
            if (fileKey.isPresent()) {
                return fileKey;
            }
        }
        return Optional.empty();
    }

    private Optional<FileKey> unwrap(Stanza stanza) {
        if (stanza.arguments().size() != 2) {
            throw malformed("has " + stanza.arguments().size() + " arguments instead of 2");
        }
        byte[] share = Base64Raw.decode(stanza.arguments().get(1), "the X25519 stanza's share");
        if (share.length != X25519Keys.KEY_LENGTH) {
            throw malformed("has a share of " + share.length + " bytes instead of 32");
        }
        if (stanza.bodyLength() != WrapCipher.BODY_LENGTH) {
            throw malformed("has a body of " + stanza.bodyLength() + " bytes instead of 32");
        }
        byte[] shared;
        try {
            shared = X25519Keys.sharedSecret(X25519Keys.privateKey(scalar.reveal()), share);
        } catch (X25519Keys.LowOrderPointException e) {
            throw malformed("has a low-order share, which makes the shared secret all zeros");
        }
        try {
            return WrapCipher.open(X25519Keys.wrapKey(shared, share, publicKey), stanza.body());
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    @Override
    public String describe() {
        return X25519Keys.STANZA_TYPE + " " + Fingerprints.ofX25519(publicKey);
    }

    @Override
    public void close() {
        scalar.close();
    }

    @Override
    public String toString() {
        return "X25519Identity[" + Fingerprints.ofX25519(publicKey) + "]";
    }

    private static AgeException malformed(String problem) {
        return new AgeException(AgeException.Kind.HEADER, "malformed age header: an X25519 stanza " + problem);
    }

    private static SymbolonException invalid(String reason) {
        return new SymbolonException(ErrorCode.MALFORMED, "not an age X25519 identity (AGE-SECRET-KEY-1…): " + reason);
    }
}
