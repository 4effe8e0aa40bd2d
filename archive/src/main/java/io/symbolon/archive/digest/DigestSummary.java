package io.symbolon.archive.digest;

import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trailer of a digest member (ARCHIVE-FORMAT.md §5.3): how many objects each section holds and
 * the root hash over every entry line.
 *
 * @param counts objects per section, sections in ascending order, no zero counts
 * @param root SHA-256 over the member from its first byte through the last entry line
 */
public record DigestSummary(Map<String, Long> counts, byte[] root) {

    public DigestSummary {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
        root = root.clone();
        if (root.length != 32) {
            throw new IllegalArgumentException("a digest root is a 32-byte SHA-256");
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
                && java.util.Arrays.equals(root, that.root);
    }

    @Override
    public int hashCode() {
        return counts.hashCode() * 31 + java.util.Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "DigestSummary" + counts + " root " + rootText();
    }
}
