package io.symbolon.vault.object;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.partition.Partition;

/**
 * One object of a vault as both nodes know it: everything except the share, which each node keeps
 * sealed on its own. EP and Partner hold equal {@code VaultObject}s for the same object, and so the same
 * {@link #fingerprint()}.
 *
 * @param uid the object's unique id
 * @param partition the partition it lives in
 * @param name unique within the partition, 1 to 255 characters, no control characters, not padded
 * @param type what it is
 * @param version starts at 1, incremented when the object changes
 * @param epoch the generation of its shares; two halves combine only at the same epoch
 * @param attributes PKCS#11-style attributes
 * @param publicData the public key (EC P-256, Ed25519), the certificate's DER, or nothing
 */
public record VaultObject(
        ObjectUid uid,
        String partition,
        String name,
        ObjectType type,
        long version,
        long epoch,
        Attributes attributes,
        PublicData publicData) {
    /** The largest certificate, in bytes of DER. */
    public static final int MAX_CERTIFICATE = 65536;

    public VaultObject {
        if (uid == null || type == null || attributes == null || publicData == null) {
            throw new SymbolonException(ErrorCode.USAGE, "an object needs a uid, a type, attributes and public data");
        }
        Partition.requireValidName(partition);
        requireValidName(name);
        if (version < 1) {
            throw new SymbolonException(ErrorCode.USAGE, "versions start at 1, not " + version + " (" + uid + ")");
        }
        if (epoch < 0) {
            throw new SymbolonException(ErrorCode.USAGE, "the epoch cannot be negative (" + uid + ")");
        }
        requirePublicDataFits(uid, type, publicData);
    }

    /** Checks an object name, naming it in the error. */
    public static String requireValidName(String name) {
        if (name == null
                || name.isEmpty()
                || name.length() > 255
                || hasControlCharacter(name)
                || !name.strip().equals(name)) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "'" + name + "' is not a valid object name: use 1 to 255 characters, without control"
                            + " characters or surrounding spaces");
        }
        return name;
    }

    /** A loop rather than a stream: every object a restore or snapshot reads passes here. */
    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void requirePublicDataFits(ObjectUid uid, ObjectType type, PublicData publicData) {
        byte[] bytes = publicData.bytes();
        boolean fits = switch (type) {
            case EC_P256 -> bytes.length == 65 && bytes[0] == 0x04;
            case ED25519 -> bytes.length == 32;
            case CERTIFICATE -> bytes.length > 0 && bytes.length <= MAX_CERTIFICATE && bytes[0] == 0x30;
            default -> bytes.length == 0;
        };
        if (!fits) {
            String expected = switch (type) {
                case EC_P256 -> "a 65-byte uncompressed SEC1 public key";
                case ED25519 -> "a 32-byte RFC 8032 public key";
                case CERTIFICATE -> "a DER certificate of at most " + MAX_CERTIFICATE + " bytes";
                default -> "no public data";
            };
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "a " + type.label() + " object carries " + expected + " (" + uid + " has " + publicData.length()
                            + " bytes)");
        }
    }

    /** This object at another epoch (a refresh moves every share to the next one). */
    public VaultObject withEpoch(long newEpoch) {
        return new VaultObject(uid, partition, name, type, version, newEpoch, attributes, publicData);
    }

    /** This object with other attributes, at the next version. */
    public VaultObject withAttributes(Attributes newAttributes) {
        return new VaultObject(uid, partition, name, type, version + 1, epoch, newAttributes, publicData);
    }

    /** The canonical fingerprint of everything in this record; see {@link ObjectFingerprint}. */
    public ObjectFingerprint fingerprint() {
        return ObjectFingerprint.of(this);
    }
}
