package io.symbolon.archive.digest;

import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trailer of a digest member (ARCHIVE-FORMAT.md §5.3): how many objects each section holds and
 * the root hash over every entry line, and — when the entries were read or written, not only the
 * trailer — the hash of the entries a pair shares (§5.5).
 *
 * @param counts objects per section, sections in ascending order, no zero counts
 * @param root SHA-256 over the member from its first byte through the last entry line
 * @param sharedSha256 SHA-256, 64 lower-case hex digits, over the entry lines of every section that is
 *     not node-local ({@link DigestComparison#isNodeLocal}); empty when only the trailer was read
 */
public record DigestSummary(Map<String, Long> counts, byte[] root, Optional<String> sharedSha256) {

    public DigestSummary {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
        root = root.clone();
        if (root.length != 32) {
            throw new IllegalArgumentException("a digest root is a 32-byte SHA-256");
        }
        if (sharedSha256.isPresent() && !DigestEntry.isFingerprint(sharedSha256.get())) {
            throw new IllegalArgumentException("a shared-entries hash is 64 lower-case hex digits");
        }
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** {@code sha256:} and the root in lower-case hex, as written in the member. */
    public String rootText() {
        return "sha256:" + HexFormat.of().formatHex(root);
    }

    /** The number of entries in every section together. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The count of one section, zero when absent. */
    public long count(String section) {
        return counts.getOrDefault(section, 0L);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DigestSummary that
                && counts.equals(that.counts)
                && java.util.Arrays.equals(root, that.root)
                && sharedSha256.equals(that.sharedSha256);
    }

    @Override
    public int hashCode() {
        return (counts.hashCode() * 31 + java.util.Arrays.hashCode(root)) * 31 + sharedSha256.hashCode();
    }

    @Override
    public String toString() {
        return "DigestSummary" + counts + " root " + rootText();
    }
}
