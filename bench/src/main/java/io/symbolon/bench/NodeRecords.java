package io.symbolon.bench;

import io.symbolon.archive.digest.DigestEntry;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Synthetic node objects, as compressible as a real node's and no more: text fields drawn from small
 * vocabularies with counters (names, partitions, types, attribute lists, timestamps), and secret or
 * hashed fields made of random bytes that no compressor can shrink (a 48-byte share, a 32-byte
 * attribute fingerprint, and for about a third of the objects a 32- or 65-byte public key).
 *
 * <p>A record is binary, fields in this order: {@code u8 section, u8 version, u32 epoch, u8+uid,
 * u8+type, u8+partition, u8+name, u16+attributes, 32 fingerprint, 48 share, u8+public key}. Its
 * digest entry is parsed back out of it ({@link #entry(byte[], int)}), as a vault would take it from
 * the row it backs up. Records average about 230 bytes.
 */
public final class NodeRecords {
    static final String[] SECTIONS = {"KEY", "CERTIFICATE", "DATA"};
    private static final String[] KEY_TYPES = {"AES-256", "AES-128", "HMAC-SHA256", "RSA-3072", "EC-P256", "ED25519"};
    private static final String[] APPLICATIONS = {
        "payments", "billing", "identity", "storage", "messaging", "ledger", "reports", "gateway"
    };
    private static final String[] KINDS = {"dek", "kek", "signing", "api", "session", "wrap"};
    private static final String[] USAGES = {"encrypt,decrypt", "sign,verify", "wrap,unwrap", "mac", "derive"};
    private static final String[] STATES = {"active", "active", "active", "pre-active", "deactivated"};
    private static final String[] OWNERS = {"svc-payments", "svc-billing", "ops-team", "svc-ledger", "svc-gateway"};
    private static final HexFormat HEX = HexFormat.of();

    private final SplittableRandom random;
    private final byte[] buffer = new byte[1024];
    private long index;

    public NodeRecords(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The number of records produced so far; also the index of the next. */
    long index() {
        return index;
    }

    /** Writes the next record into {@link #buffer()} and returns its length. */
    public int next() {
        long i = index++;
        int p = 0;
        int roll = random.nextInt(10);
        int section = roll < 8 ? 0 : roll == 8 ? 1 : 2;
        byte[] b = buffer;
        b[p++] = (byte) section;
        b[p++] = (byte) (1 + random.nextInt(3));
        p = putInt(b, p, 7);
        // uid: ascending, as the digest requires; 0x + 16 hex digits
        p = putShortText(b, p, "0x" + hex16(i * 7919L + 4096));
        String type = section == 0 ? KEY_TYPES[random.nextInt(KEY_TYPES.length)] : section == 1 ? "X509" : "SECRET";
        p = putShortText(b, p, type);
        int tenant = random.nextInt(64);
        p = putShortText(b, p, "tenant-" + pad(tenant, 4));
        String application = APPLICATIONS[random.nextInt(APPLICATIONS.length)];
        p = putShortText(
                b, p, application + "/" + KINDS[random.nextInt(KINDS.length)] + "-" + pad((int) (i % 1_000_000), 6));
        long created = 1_767_225_600L + i * 3 + random.nextInt(3); // 2026-01-01 onwards, a few objects a second
        String attributes = "usage=" + USAGES[random.nextInt(USAGES.length)]
                + ";state=" + STATES[random.nextInt(STATES.length)]
                + ";created=" + java.time.Instant.ofEpochSecond(created)
                + ";owner=" + OWNERS[random.nextInt(OWNERS.length)];
        byte[] text = attributes.getBytes(StandardCharsets.US_ASCII);
        b[p++] = (byte) (text.length >>> 8);
        b[p++] = (byte) text.length;
        System.arraycopy(text, 0, b, p, text.length);
        p += text.length;
        p = putRandom(b, p, 32); // fingerprint of the attributes: a hash
        p = putRandom(b, p, 48); // the share: random
        int publicKey = section == 1 ? 65 : random.nextInt(4) == 0 ? 32 : 0;
        b[p++] = (byte) publicKey;
        p = putRandom(b, p, publicKey);
        return p;
    }

    public byte[] buffer() {
        return buffer;
    }

    /** The digest entry of the record in {@code record[0, length)}, parsed from its fields. */
    public static DigestEntry entry(byte[] record, int offset) {
        int p = offset;
        String section = SECTIONS[record[p++]];
        int version = record[p++];
        int epoch = (record[p] & 0xff) << 24
                | (record[p + 1] & 0xff) << 16
                | (record[p + 2] & 0xff) << 8
                | (record[p + 3] & 0xff);
        p += 4;
        int n = record[p++] & 0xff;
        String uid = new String(record, p, n, StandardCharsets.ISO_8859_1);
        p += n;
        n = record[p++] & 0xff;
        String type = new String(record, p, n, StandardCharsets.ISO_8859_1);
        p += n;
        n = record[p++] & 0xff;
        String partition = new String(record, p, n, StandardCharsets.UTF_8);
        p += n;
        n = record[p++] & 0xff;
        String name = new String(record, p, n, StandardCharsets.UTF_8);
        p += n;
        n = (record[p] & 0xff) << 8 | (record[p + 1] & 0xff);
        p += 2 + n;
        String fingerprint = HEX.formatHex(record, p, p + 32);
        return new DigestEntry(section, type, uid, version, epoch, fingerprint, partition, name);
    }

    private int putRandom(byte[] b, int p, int n) {
        for (int end = p + n; p < end; ) {
            long bits = random.nextLong();
            for (int k = 0; k < 8 && p < end; k++, bits >>>= 8) {
                b[p++] = (byte) bits;
            }
        }
        return p;
    }

    private static int putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        return p + 4;
    }

    private static int putShortText(byte[] b, int p, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        b[p++] = (byte) bytes.length;
        System.arraycopy(bytes, 0, b, p, bytes.length);
        return p + bytes.length;
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
