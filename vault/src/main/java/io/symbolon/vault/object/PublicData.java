package io.symbolon.vault.object;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The public part of an object, immutable: the public key of an EC P-256 (SEC1 uncompressed, 65 bytes)
 * or Ed25519 key (RFC 8032, 32 bytes), the DER of a certificate, and nothing for other types.
 */
public record PublicData(byte[] bytes) {
    /** No public data. */
    public static final PublicData NONE = new PublicData(new byte[0]);

    public PublicData {
        bytes = bytes == null ? new byte[0] : bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicData that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 65
                ? "PublicData[" + HexFormat.of().formatHex(bytes) + "]"
                : "PublicData[" + bytes.length + " bytes]";
    }
}
