package io.symbolon.archive.digest;

import java.util.List;

/**
 * The differences between two digests, in the words of the coordinated backup's result (seed 000):
 * one record per section that differs, each with a {@code sectionDiff} sentence and the entries that
 * differ. Empty when the digests describe the same objects.
 *
 * @param diffRecords one record per differing section, in ascending section order
 */
public record DigestDiff(List<SectionDiff> diffRecords) {

    public DigestDiff {
        diffRecords = List.copyOf(diffRecords);
    }

    /** True when the two digests describe exactly the same objects. */
    public boolean isEmpty() {
        return diffRecords.isEmpty();
    }

    /**
     * The differences in one section.
     *
     * @param section the section, e.g. {@code KEY}
     * @param sectionDiff e.g. "Mismatch in KEY count. EP digest count : 87, Partner digest count : 88"
     * @param entriesDiff the differing entries, at most the comparison's limit
     * @param entriesOmitted how many more differing entries were found beyond the limit
     */
    public record SectionDiff(String section, String sectionDiff, List<EntryDiff> entriesDiff, long entriesOmitted) {
        public SectionDiff {
            entriesDiff = List.copyOf(entriesDiff);
        }
    }

    /**
     * One differing object, as seen in one of the two digests.
     *
     * @param objectType the section, e.g. {@code KEY}
     * @param digestSource the label of the digest this entry was read from, e.g. {@code Partner}
     * @param detail e.g. "exists only in Partner" or "version differs: EP 1, Partner 2"
     */
    public record EntryDiff(
            String objectType,
            String digestSource,
            String uid,
            String name,
            String partitionName,
            String version,
            String detail) {}
}
