package io.symbolon.archive.recipient;

import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.Bech32;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;

/**
 * An X25519 recipient (age.md, "The X25519 recipient type"), written {@code age1…}: it wraps a file key
 * in a stanza {@code -> X25519 <ephemeral share>} for the matching {@link X25519Identity}.
 */
public final class X25519Recipient implements Recipient {
    static final String HRP = "age";

    private final byte[] publicKey;

    private X25519Recipient(byte[] publicKey) {
        this.publicKey = publicKey;
    }

    /** Parses an {@code age1…} recipient. */
    public static X25519Recipient parse(String encoded) {
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT, "not an age X25519 recipient (age1…): " + e.getMessage());
        }
        if (!decoded.hrp().equals(HRP)) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT,
                    "not an age X25519 recipient: it must start with age1 in lowercase"
                            + (decoded.hrp().equals(MlKem768X25519Keys.RECIPIENT_HRP)
                                    ? " (this is a post-quantum age1pq1… recipient)"
                                    : ""));
        }
        if (decoded.data().length != X25519Keys.KEY_LENGTH) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT, "not an age X25519 recipient: the key is not 32 bytes");
        }
        return new X25519Recipient(decoded.data());
    }

    /** The recipient of a raw 32-byte X25519 public key. */
    public static X25519Recipient of(byte[] publicKey) {
        if (publicKey.length != X25519Keys.KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes");
        }
        return new X25519Recipient(publicKey.clone());
    }

    /** The {@code age1…} encoding, as {@code age-keygen} prints it. */
    public String encoded() {
        return Bech32.encode(HRP, publicKey);
    }

    /** A copy of the raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public List<Stanza> wrap(FileKey fileKey) {
        KeyPair ephemeral = X25519Keys.generateEphemeral();
        byte[] share = X25519Keys.raw(ephemeral.getPublic());
        byte[] shared;
        try {
            shared = X25519Keys.sharedSecret(ephemeral.getPrivate(), publicKey);
        } catch (X25519Keys.LowOrderPointException e) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT, "the X25519 recipient " + encoded() + " is a low-order point");
        }
        try {
            byte[] body = WrapCipher.seal(X25519Keys.wrapKey(shared, share, publicKey), fileKey);
            return List.of(Stanza.of(X25519Keys.STANZA_TYPE, List.of(Base64Raw.encode(share)), body));
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    @Override
    public String fingerprint() {
        return Fingerprints.ofX25519(publicKey);
    }

    @Override
    public String kind() {
        return X25519Keys.STANZA_TYPE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X25519Recipient that && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
