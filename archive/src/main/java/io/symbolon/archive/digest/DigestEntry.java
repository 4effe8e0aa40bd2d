package io.symbolon.archive.digest;

import java.util.HexFormat;

/**
 * One object's line in the digest member (ARCHIVE-FORMAT.md §5): the non-secret facts by which two
 * halves of a pair, or an archive and a live node, are compared without decrypting anything.
 *
 * @param section the digest section the object counts in, e.g. {@code KEY}, {@code CERTIFICATE}, {@code DATA}
 * @param type the object's type, e.g. {@code AES-256}
 * @param uid the object's unique id; entries are ordered by it
 * @param version the object's version
 * @param epoch the share epoch the object's secret was at when it was written
 * @param fingerprint the SHA-256 of the canonical encoding of the object's non-secret attributes, 64
 *     lower-case hex digits
 * @param partition the partition the object lives in
 * @param name the object's name
 */
public record DigestEntry(
        String section,
        String type,
        String uid,
        long version,
        long epoch,
        String fingerprint,
        String partition,
        String name) {

    // Validation by character ranges, not regular expressions: a node builds and a reader checks one
    // entry per object, millions per backup (docs/BENCHMARKS.md).
    public DigestEntry {
        require(isSection(section), "section", section);
        require(isToken(type), "type", type);
        require(isToken(uid), "uid", uid);
        require(version >= 0, "version", version);
        require(epoch >= 0, "epoch", epoch);
        require(isFingerprint(fingerprint), "fingerprint", fingerprint);
        require(partition != null && !partition.isEmpty() && partition.length() <= 1024, "partition", partition);
        require(name != null && !name.isEmpty() && name.length() <= 4096, "name", name);
    }

    /** {@code [A-Z][A-Z0-9_]{0,31}}. */
    static boolean isSection(String text) {
        if (text == null || text.isEmpty() || text.length() > 32 || !isUpper(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUpper(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** 1 to 64 printable ASCII characters without spaces. */
    static boolean isToken(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** 64 lower-case hex digits. */
    static boolean isFingerprint(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        // Without a branch per character: fingerprints are random, so branches on them mispredict
        // (3× slower, one entry per object). (9 - d) | d is negative unless 0 <= d <= 9, likewise
        // (5 - h) | h for 0 <= h <= 5; a character that is neither digit nor a–f makes both negative.
        int outside = 0;
        for (int i = 0; i < 64; i++) {
            int c = text.charAt(i);
            int digit = c - '0';
            int letter = c - 'a';
            outside |= ((9 - digit) | digit) & ((5 - letter) | letter);
        }
        return outside >= 0;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** The fingerprint field computed from raw SHA-256 output. */
    public static String fingerprintOf(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("an attribute fingerprint is a 32-byte SHA-256");
        }
        return HexFormat.of().formatHex(sha256);
    }

    private static void require(boolean valid, String field, long value) {
        if (!valid) {
            throw new IllegalArgumentException("invalid digest entry " + field + ": " + value);
        }
    }

    private static void require(boolean valid, String field, String value) {
        if (!valid) {
            throw new IllegalArgumentException("invalid digest entry " + field + ": " + DigestLine.printable(value));
        }
    }
}
