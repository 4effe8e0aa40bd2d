package io.symbolon.vault.object;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;

/**
 * The kinds of object a vault holds, with the shape of their secret.
 *
 * <p>Labels are stable: they are stored, put into fingerprints and shown to users. Never rename one.
 */
public enum ObjectType {
    AES_128("AES-128", DigestSection.KEY, 16),
    AES_256("AES-256", DigestSection.KEY, 32),
    HMAC_SHA256("HMAC-SHA256", DigestSection.KEY, 32),
    /** A P-256 private scalar, shared additively modulo the group order. */
    EC_P256("EC-P256", DigestSection.KEY, 32),
    /** An Ed25519 secret scalar {@code s} (not the seed), shared additively modulo the group order. */
    ED25519("Ed25519", DigestSection.KEY, 32),
    /** Opaque secret bytes of any length from 1 to {@link #MAX_SECRET_DATA} bytes, XOR-shared. */
    SECRET_DATA("secret-data", DigestSection.DATA, -1),
    /** A public X.509 certificate: no secret, so its share is empty. */
    CERTIFICATE("certificate", DigestSection.CERTIFICATE, 0);

    /** The largest secret data object, in bytes. */
    public static final int MAX_SECRET_DATA = 65536;

    private static final ObjectType[] VALUES = values();

    private final String label;
    private final DigestSection section;
    private final int secretLength;

    ObjectType(String label, DigestSection section, int secretLength) {
        this.label = label;
        this.section = section;
        this.secretLength = secretLength;
    }

    /** The stable name, e.g. {@code AES-256}. */
    public String label() {
        return label;
    }

    /** Which digest section counts objects of this type. */
    public DigestSection section() {
        return section;
    }

    /** Whether the secret is a scalar shared modulo a group order (EC P-256, Ed25519). */
    public boolean isScalar() {
        return this == EC_P256 || this == ED25519;
    }

    /** Whether objects of this type carry a public key (the sum of the two public shares). */
    public boolean hasPublicKey() {
        return isScalar();
    }

    /** Checks that a secret or share of {@code length} bytes fits this type. */
    public void requireSecretLength(int length) {
        boolean fits = secretLength >= 0 ? length == secretLength : length >= 1 && length <= MAX_SECRET_DATA;
        if (!fits) {
            String expected =
                    secretLength >= 0 ? secretLength + " bytes" : "between 1 and " + MAX_SECRET_DATA + " bytes";
            throw new SymbolonException(
                    ErrorCode.USAGE, "a " + label + " secret is " + expected + ", not " + length + " bytes");
        }
    }

    /** Parses a label (case-insensitive), e.g. {@code aes-256}. */
    public static ObjectType parse(String text) {
        // Stored labels are exact: try them first, as every object row a backup reads is parsed.
        for (ObjectType type : VALUES) {
            if (type.label.equals(text)) {
                return type;
            }
        }
        for (ObjectType type : VALUES) {
            if (type.label.equalsIgnoreCase(text)) {
                return type;
            }
        }
        throw new SymbolonException(
                ErrorCode.USAGE,
                "unknown object type '" + text
                        + "': expected AES-128, AES-256, HMAC-SHA256, EC-P256, Ed25519, secret-data or certificate");
    }
}
