package io.symbolon.vault.object;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 over a canonical encoding of every non-secret field of an object. EP and Partner compute the
 * same fingerprint for the same object; the backup digest compares them, and every sealed share is
 * bound to it (so no column of a row can be edited without the share refusing to open).
 *
 * <p>Encoding, version 1 (integers big-endian; {@code str} is a u16 length then UTF-8; {@code bin} is a
 * u32 length then the bytes; {@code time} is a u64 of milliseconds since the epoch):
 *
 * <pre>
 * str  "symbolon object fingerprint v1"
 * u64  uid
 * str  partition
 * str  name
 * str  type label (ObjectType.label)
 * u64  version
 * u64  epoch
 * str  label
 * bin  id (hex-decoded)
 * u8   extractable (0 or 1)
 * u8   sensitive (0 or 1)
 * u32  usages (Usage.mask)
 * time created
 * u8   activation present (0 or 1), then time (0 when absent)
 * u8   deactivation present (0 or 1), then time (0 when absent)
 * bin  public data
 * </pre>
 *
 * Changing this encoding changes every fingerprint: add a new version instead.
 */
public record ObjectFingerprint(byte[] bytes) {
    private static final byte[] DOMAIN = "symbolon object fingerprint v1".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    });

    public ObjectFingerprint {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a fingerprint is 32 bytes");
        }
        bytes = bytes.clone();
    }

    /** Computes the fingerprint of {@code object}. */
    public static ObjectFingerprint of(VaultObject object) {
        return new ObjectFingerprint(SHA256.get().digest(encode(object)));
    }

    /** The canonical encoding the fingerprint hashes (exposed for tests and the format documentation). */
    static byte[] encode(VaultObject object) {
        Attributes attributes = object.attributes();
        byte[] partition = utf8(object.partition());
        byte[] name = utf8(object.name());
        byte[] type = utf8(object.type().label());
        byte[] label = utf8(attributes.label());
        byte[] id = HexFormat.of().parseHex(attributes.id());
        byte[] publicData = object.publicData().bytes();
        int size = 2
                + DOMAIN.length
                + 8
                + 2
                + partition.length
                + 2
                + name.length
                + 2
                + type.length
                + 8
                + 8
                + 2
                + label.length
                + 4
                + id.length
                + 1
                + 1
                + 4
                + 8
                + 9
                + 9
                + 4
                + publicData.length;
        ByteBuffer out = ByteBuffer.allocate(size);
        putString(out, DOMAIN);
        out.putLong(object.uid().value());
        putString(out, partition);
        putString(out, name);
        putString(out, type);
        out.putLong(object.version());
        out.putLong(object.epoch());
        putString(out, label);
        out.putInt(id.length).put(id);
        out.put((byte) (attributes.extractable() ? 1 : 0));
        out.put((byte) (attributes.sensitive() ? 1 : 0));
        out.putInt(Usage.mask(attributes.usages()));
        out.putLong(attributes.created().toEpochMilli());
        putOptionalTime(
                out,
                attributes.activation().map(java.time.Instant::toEpochMilli).orElse(null));
        putOptionalTime(
                out,
                attributes.deactivation().map(java.time.Instant::toEpochMilli).orElse(null));
        out.putInt(publicData.length).put(publicData);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        // Every string field is bounded far below 65,535 bytes by the records' validation.
        out.putShort((short) utf8.length).put(utf8);
    }

    private static void putOptionalTime(ByteBuffer out, Long millis) {
        if (millis == null) {
            out.put((byte) 0);
            out.putLong(0);
        } else {
            out.put((byte) 1);
            out.putLong(millis);
        }
    }

    /** A copy of the 32 bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the 32 bytes into {@code out} at {@code offset}, without a copy in between. */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, bytes.length);
    }

    /** Lowercase hex, as written into digests. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectFingerprint that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
