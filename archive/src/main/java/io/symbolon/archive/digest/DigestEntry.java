package io.symbolon.archive.digest;

import java.util.HexFormat;
import java.util.regex.Pattern;

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

    private static final Pattern SECTION = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,64}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    public DigestEntry {
        require(SECTION.matcher(section).matches(), "section", section);
        require(TOKEN.matcher(type).matches(), "type", type);
        require(TOKEN.matcher(uid).matches(), "uid", uid);
        require(version >= 0, "version", Long.toString(version));
        require(epoch >= 0, "epoch", Long.toString(epoch));
        require(FINGERPRINT.matcher(fingerprint).matches(), "fingerprint", fingerprint);
        require(partition != null && !partition.isEmpty() && partition.length() <= 1024, "partition", partition);
        require(name != null && !name.isEmpty() && name.length() <= 4096, "name", name);
    }

    /** The fingerprint field computed from raw SHA-256 output. */
    public static String fingerprintOf(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("an attribute fingerprint is a 32-byte SHA-256");
        }
        return HexFormat.of().formatHex(sha256);
    }

    private static void require(boolean valid, String field, String value) {
        if (!valid) {
            throw new IllegalArgumentException("invalid digest entry " + field + ": " + DigestLine.printable(value));
        }
    }
}
