package io.symbolon.vault.object;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

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
    /** Encodings up to this size reuse their thread's buffer; larger ones (certificates) get their own. */
    private static final int REUSED = 4096;

    private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

    public ObjectFingerprint {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a fingerprint is 32 bytes");
        }
        bytes = bytes.clone();
    }

    /** Computes the fingerprint of {@code object}. */
    public static ObjectFingerprint of(VaultObject object) {
        return new ObjectFingerprint(ENCODERS.get().fingerprint(object));
    }

    /** The canonical encoding the fingerprint hashes (exposed for tests and the format documentation). */
    static byte[] encode(VaultObject object) {
        Encoder encoder = new Encoder();
        int length = encoder.encode(object);
        return Arrays.copyOf(encoder.buffer, length);
    }

    /**
     * Writes the encoding into one buffer per thread and hashes it from there: a restore or a backup
     * fingerprints every object, and building each field as its own array cost as much as the hash. The
     * buffer holds only non-secret fields.
     */
    private static final class Encoder {
        private final MessageDigest sha256;
        private byte[] buffer = new byte[512];
        private int length;

        Encoder() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        }

        byte[] fingerprint(VaultObject object) {
            int encoded = encode(object);
            sha256.update(buffer, 0, encoded);
            if (buffer.length > REUSED) {
                buffer = new byte[512];
            }
            return sha256.digest();
        }

        int encode(VaultObject object) {
            Attributes attributes = object.attributes();
            String id = attributes.id();
            byte[] publicData = object.publicData().bytes();
            length = 0;
            // At most 3 UTF-8 bytes per UTF-16 char (a surrogate pair, two chars, takes 4).
            int most = 2
                    + DOMAIN.length
                    + 8
                    + 2
                    + 3 * object.partition().length()
                    + 2
                    + 3 * object.name().length()
                    + 2
                    + 3 * object.type().label().length()
                    + 8
                    + 8
                    + 2
                    + 3 * attributes.label().length()
                    + 4
                    + id.length() / 2
                    + 1
                    + 1
                    + 4
                    + 8
                    + 9
                    + 9
                    + 4
                    + publicData.length;
            if (buffer.length < most) {
                buffer = new byte[most];
            }
            putString(DOMAIN);
            putLong(object.uid().value());
            putString(object.partition());
            putString(object.name());
            putString(object.type().label());
            putLong(object.version());
            putLong(object.epoch());
            putString(attributes.label());
            putHex(id);
            buffer[length++] = (byte) (attributes.extractable() ? 1 : 0);
            buffer[length++] = (byte) (attributes.sensitive() ? 1 : 0);
            putInt(Usage.mask(attributes.usages()));
            putLong(attributes.created().toEpochMilli());
            putOptionalTime(attributes.activation());
            putOptionalTime(attributes.deactivation());
            putInt(publicData.length);
            System.arraycopy(publicData, 0, buffer, length, publicData.length);
            length += publicData.length;
            return length;
        }

        private void putString(byte[] utf8) {
            // Every string field is bounded far below 65,535 bytes by the records' validation.
            buffer[length++] = (byte) (utf8.length >>> 8);
            buffer[length++] = (byte) utf8.length;
            System.arraycopy(utf8, 0, buffer, length, utf8.length);
            length += utf8.length;
        }

        /** UTF-8 of {@code text}: ASCII (nearly every name) copied char by char, anything else encoded. */
        private void putString(String text) {
            int count = text.length();
            int start = length + 2;
            for (int i = 0; i < count; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    length = start - 2;
                    putString(text.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                buffer[start + i] = (byte) c;
            }
            buffer[length] = (byte) (count >>> 8);
            buffer[length + 1] = (byte) count;
            length = start + count;
        }

        /** bin of the hex-decoded id (already checked to be lowercase hex pairs by Attributes). */
        private void putHex(String hex) {
            int count = hex.length() / 2;
            putInt(count);
            for (int i = 0; i < count; i++) {
                buffer[length++] = (byte) HexFormat.fromHexDigits(hex, 2 * i, 2 * i + 2);
            }
        }

        private void putInt(int value) {
            buffer[length++] = (byte) (value >>> 24);
            buffer[length++] = (byte) (value >>> 16);
            buffer[length++] = (byte) (value >>> 8);
            buffer[length++] = (byte) value;
        }

        private void putLong(long value) {
            putInt((int) (value >>> 32));
            putInt((int) value);
        }

        private void putOptionalTime(Optional<Instant> time) {
            if (time.isPresent()) {
                buffer[length++] = 1;
                putLong(time.get().toEpochMilli());
            } else {
                buffer[length++] = 0;
                putLong(0);
            }
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
