package io.symbolon.archive.recipient;

import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.Bech32;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A hybrid post-quantum recipient (age.md, "The MLKEM768-X25519 (i.e. X-Wing) hybrid post-quantum
 * recipient type"), written {@code age1pq1…} as {@code age-keygen -pq} prints it: it seals a file key with
 * HPKE to the recipient's ML-KEM-768 + X25519 public key, in a stanza
 * {@code -> mlkem768x25519 <encapsulated key>} for the matching {@link MlKem768X25519Identity}. The file
 * stays confidential unless both ML-KEM-768 and X25519 are broken.
 *
 * <p>It is {@linkplain #postQuantum() post-quantum}: a file encrypted to it must not also be encrypted to
 * a classic recipient (age.md: "SHOULD NOT"; the age program refuses the mix), since that stanza would
 * open the file to whoever breaks the classic key.
 */
public final class MlKem768X25519Recipient implements Recipient {
    /** The stanza type, and the kind recorded in an archive's metadata. */
    public static final String KIND = MlKem768X25519Keys.STANZA_TYPE;

    private final byte[] publicKey;

    private MlKem768X25519Recipient(byte[] publicKey) {
        this.publicKey = publicKey;
    }

    /** Parses an {@code age1pq1…} recipient, checking its ML-KEM-768 key (FIPS 203 §7.2) and X25519 key. */
    public static MlKem768X25519Recipient parse(String encoded) {
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (!decoded.hrp().equals(MlKem768X25519Keys.RECIPIENT_HRP)) {
            throw invalid("it must start with age1pq1 in lowercase");
        }
        return of(decoded.data());
    }

    /** The recipient of a raw 1,216-byte public key (ML-KEM-768 encapsulation key, then X25519 key). */
    public static MlKem768X25519Recipient of(byte[] publicKey) {
        if (publicKey.length != MlKem768X25519Keys.PUBLIC_KEY_LENGTH) {
            throw invalid("the key has " + publicKey.length + " bytes instead of 1216");
        }
        try {
            MlKem768X25519Keys.hpke().deserializePublicKey(publicKey);
        } catch (IllegalArgumentException e) {
            throw invalid("its ML-KEM-768 key is not valid (" + e.getMessage() + ")");
        }
        if (MlKem768X25519Keys.hasLowOrderX25519(publicKey)) {
            throw invalid("its X25519 key is a low-order point");
        }
        return new MlKem768X25519Recipient(publicKey.clone());
    }

    /** The {@code age1pq1…} encoding. */
    public String encoded() {
        return Bech32.encode(MlKem768X25519Keys.RECIPIENT_HRP, publicKey);
    }

    /** A copy of the raw 1,216-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public List<Stanza> wrap(FileKey fileKey) {
        HPKE hpke = MlKem768X25519Keys.hpke();
        AsymmetricKeyParameter recipient = hpke.deserializePublicKey(publicKey);
        byte[] plaintext = fileKey.secret().copy();
        try {
            byte[][] sealed =
                    hpke.seal(recipient, MlKem768X25519Keys.INFO, MlKem768X25519Keys.AAD, plaintext, null, null, null);
            byte[] body = sealed[0];
            byte[] enc = sealed[1];
            return List.of(Stanza.of(MlKem768X25519Keys.STANZA_TYPE, List.of(Base64Raw.encode(enc)), body));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE sealing failed", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public String fingerprint() {
        return Fingerprints.ofMlKem768X25519(publicKey);
    }

    @Override
    public String kind() {
        return MlKem768X25519Keys.STANZA_TYPE;
    }

    @Override
    public boolean postQuantum() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MlKem768X25519Recipient that && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** The fingerprint: the {@code age1pq1…} string is nearly two thousand characters long. */
    @Override
    public String toString() {
        return "MlKem768X25519Recipient[" + fingerprint() + "]";
    }

    private static SymbolonException invalid(String reason) {
        return new SymbolonException(
                ErrorCode.BAD_RECIPIENT, "not an age post-quantum recipient (age1pq1…): " + reason);
    }
}
