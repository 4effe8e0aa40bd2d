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
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * A hybrid post-quantum identity (age.md, "The MLKEM768-X25519 (i.e. X-Wing) hybrid post-quantum
 * recipient type"), written {@code AGE-SECRET-KEY-PQ-1…} as {@code age-keygen -pq} writes it: a 32-byte
 * seed from which the ML-KEM-768 and X25519 private keys are derived. It unwraps {@code mlkem768x25519}
 * stanzas under the specification's rules: exactly two arguments, an encapsulated key that is the
 * canonical base64 of 1,120 bytes, a 32-byte body; a low-order X25519 share aborts. Close it to wipe the
 * seed; the derived private keys exist only during an unwrap.
 */
public final class MlKem768X25519Identity implements Identity, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BODY_LENGTH = FileKey.LENGTH + 16;

    private final SecretBytes seed;
    private final byte[] publicKey;

    private MlKem768X25519Identity(SecretBytes seed) {
        this.seed = seed;
        HPKE hpke = MlKem768X25519Keys.hpke();
        this.publicKey = hpke.serializePublicKey(keyPair(hpke).getPublic());
    }

    /** A fresh identity from the system's CSPRNG. */
    public static MlKem768X25519Identity generate() {
        byte[] seed = new byte[MlKem768X25519Keys.SEED_LENGTH];
        RANDOM.nextBytes(seed);
        return new MlKem768X25519Identity(SecretBytes.adopt(seed));
    }

    /**
     * Parses an {@code AGE-SECRET-KEY-PQ-1…} identity. Error messages never repeat the text, which is a
     * secret.
     */
    public static MlKem768X25519Identity parse(String encoded) {
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (!decoded.hrp().equals(MlKem768X25519Keys.IDENTITY_HRP)) {
            Arrays.fill(decoded.data(), (byte) 0);
            throw invalid("it must start with AGE-SECRET-KEY-PQ-1 in uppercase");
        }
        if (decoded.data().length != MlKem768X25519Keys.SEED_LENGTH) {
            Arrays.fill(decoded.data(), (byte) 0);
            throw invalid("the key is not 32 bytes");
        }
        return new MlKem768X25519Identity(SecretBytes.adopt(decoded.data()));
    }

    /** The recipient that files for this identity are encrypted to. */
    public MlKem768X25519Recipient recipient() {
        return MlKem768X25519Recipient.of(publicKey);
    }

    /**
     * <b>Secret.</b> The {@code AGE-SECRET-KEY-PQ-1…} encoding of this identity, for writing an identity
     * file; never log or print it.
     */
    public String encoded() {
        return Bech32.encode(MlKem768X25519Keys.IDENTITY_HRP, seed.reveal());
    }

    @Override
    public Optional<FileKey> unwrap(List<Stanza> stanzas) {
        for (Stanza stanza : stanzas) {
            if (!stanza.type().equals(MlKem768X25519Keys.STANZA_TYPE)) {
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
        byte[] enc = Base64Raw.decode(stanza.arguments().get(1), "the mlkem768x25519 stanza's encapsulated key");
        if (enc.length != MlKem768X25519Keys.ENC_LENGTH) {
            throw malformed("has an encapsulated key of " + enc.length + " bytes instead of 1120");
        }
        if (stanza.bodyLength() != BODY_LENGTH) {
            throw malformed("has a body of " + stanza.bodyLength() + " bytes instead of 32");
        }
        if (MlKem768X25519Keys.hasLowOrderX25519(enc)) {
            throw malformed("has a low-order X25519 share, which makes its shared secret all zeros");
        }
        HPKE hpke = MlKem768X25519Keys.hpke();
        byte[] fileKey;
        try {
            fileKey = hpke.open(
                    enc,
                    keyPair(hpke),
                    MlKem768X25519Keys.INFO,
                    MlKem768X25519Keys.AAD,
                    stanza.body(),
                    null,
                    null,
                    null);
        } catch (InvalidCipherTextException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(FileKey.of(fileKey));
        } finally {
            Arrays.fill(fileKey, (byte) 0);
        }
    }

    private AsymmetricCipherKeyPair keyPair(HPKE hpke) {
        return hpke.deserializePrivateKey(seed.reveal(), null);
    }

    @Override
    public String describe() {
        return MlKem768X25519Keys.STANZA_TYPE + " " + Fingerprints.ofMlKem768X25519(publicKey);
    }

    @Override
    public void close() {
        seed.close();
    }

    @Override
    public String toString() {
        return "MlKem768X25519Identity[" + Fingerprints.ofMlKem768X25519(publicKey) + "]";
    }

    private static AgeException malformed(String problem) {
        return new AgeException(AgeException.Kind.HEADER, "malformed age header: an mlkem768x25519 stanza " + problem);
    }

    private static SymbolonException invalid(String reason) {
        return new SymbolonException(
                ErrorCode.MALFORMED, "not an age post-quantum identity (AGE-SECRET-KEY-PQ-1…): " + reason);
    }
}
