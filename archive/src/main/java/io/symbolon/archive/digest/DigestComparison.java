package io.symbolon.archive.digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two digests in one merge pass over their uid-ordered entries, in constant memory apart from
 * the reported differences (at most {@code limit} entries per section). Both digests are read to their
 * end, so their own integrity (counts, root) is checked as well.
 */
public final class DigestComparison {
    private final String leftLabel;
    private final String rightLabel;
    private final int limit;
    private final Map<String, List<DigestDiff.EntryDiff>> entries = new TreeMap<>();
    private final Map<String, Long> omitted = new LinkedHashMap<>();

    private DigestComparison(String leftLabel, String rightLabel, int limit) {
        this.leftLabel = leftLabel;
        this.rightLabel = rightLabel;
        this.limit = limit;
    }

    /**
     * @param left the first digest, e.g. EP's
     * @param leftLabel its name in messages, e.g. {@code EP}
     * @param right the second digest
     * @param rightLabel e.g. {@code Partner}
     * @param limit the most entries to report per section
     */
    public static DigestDiff compare(
            DigestReader left, String leftLabel, DigestReader right, String rightLabel, int limit) {
        return new DigestComparison(leftLabel, rightLabel, limit).run(left, right);
    }

    private DigestDiff run(DigestReader left, DigestReader right) {
        // Lines are compared as bytes: the same bytes are the same entry (the encoding is canonical),
        // so only lines that differ are decoded. Each reader still checks every line it reads.
        boolean hasLeft = nextShared(left);
        boolean hasRight = nextShared(right);
        while (hasLeft || hasRight) {
            if (hasLeft && hasRight && left.sameLine(right)) {
                hasLeft = nextShared(left);
                hasRight = nextShared(right);
                continue;
            }
            int order = !hasLeft ? 1 : !hasRight ? -1 : left.compareUid(right);
            if (order < 0) {
                report(left.entry(), leftLabel, "exists only in " + leftLabel);
                hasLeft = nextShared(left);
            } else if (order > 0) {
                report(right.entry(), rightLabel, "exists only in " + rightLabel);
                hasRight = nextShared(right);
            } else {
                String detail = differences(left.entry(), right.entry());
                if (detail != null) {
                    report(left.entry(), leftLabel, detail);
                }
                hasLeft = nextShared(left);
                hasRight = nextShared(right);
            }
        }
        DigestSummary leftSummary = left.summary();
        DigestSummary rightSummary = right.summary();
        TreeSet<String> sections = new TreeSet<>(entries.keySet());
        sections.addAll(leftSummary.counts().keySet());
        sections.addAll(rightSummary.counts().keySet());
        sections.removeIf(DigestComparison::isNodeLocal);
        List<DigestDiff.SectionDiff> records = new ArrayList<>();
        for (String section : sections) {
            long leftCount = leftSummary.count(section);
            long rightCount = rightSummary.count(section);
            List<DigestDiff.EntryDiff> sectionEntries = entries.getOrDefault(section, List.of());
            if (leftCount == rightCount && sectionEntries.isEmpty()) {
                continue;
            }
            String kind = leftCount != rightCount ? "count" : "entries";
            String sentence = "Mismatch in " + section + " " + kind + ". " + leftLabel + " digest count : " + leftCount
                    + ", " + rightLabel + " digest count : " + rightCount;
            records.add(
                    new DigestDiff.SectionDiff(section, sentence, sectionEntries, omitted.getOrDefault(section, 0L)));
        }
        return new DigestDiff(records);
    }

    /**
     * Sections named {@code LOCAL_…} describe state only one node of a pair holds (ARCHIVE-FORMAT.md
     * §5.4): they are read and checked like the others, but not compared.
     */
    public static boolean isNodeLocal(String section) {
        return section.startsWith(NODE_LOCAL_PREFIX);
    }

    /** The prefix of node-local section names. */
    public static final String NODE_LOCAL_PREFIX = "LOCAL_";

    private static boolean nextShared(DigestReader reader) {
        boolean found = reader.advance();
        while (found && reader.nodeLocal()) {
            found = reader.advance();
        }
        return found;
    }

    private String differences(DigestEntry a, DigestEntry b) {
        List<String> parts = new ArrayList<>();
        compareField(parts, "section", a.section(), b.section());
        compareField(parts, "type", a.type(), b.type());
        compareField(parts, "version", Long.toString(a.version()), Long.toString(b.version()));
        compareField(parts, "epoch", Long.toString(a.epoch()), Long.toString(b.epoch()));
        compareField(parts, "partition", a.partition(), b.partition());
        compareField(parts, "name", a.name(), b.name());
        if (!a.fingerprint().equals(b.fingerprint())) {
            parts.add("attributes differ");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private void compareField(List<String> parts, String field, String left, String right) {
        if (!Objects.equals(left, right)) {
            parts.add(field + " differs: " + leftLabel + " " + DigestLine.printable(left) + ", " + rightLabel + " "
                    + DigestLine.printable(right));
        }
    }

    private void report(DigestEntry entry, String source, String detail) {
        List<DigestDiff.EntryDiff> list = entries.computeIfAbsent(entry.section(), s -> new ArrayList<>());
        if (list.size() >= limit) {
            omitted.merge(entry.section(), 1L, Long::sum);
            return;
        }
        list.add(new DigestDiff.EntryDiff(
                entry.section(),
                source,
                entry.uid(),
                entry.name(),
                entry.partition(),
                Long.toString(entry.version()),
                detail));
    }
}
