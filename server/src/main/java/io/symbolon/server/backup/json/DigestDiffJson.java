package io.symbolon.server.backup.json;

import io.symbolon.archive.digest.DigestDiff;
import java.util.List;

/**
 * The JSON form of a {@link DigestDiff}, exactly as seed 000's backup result shows it (the REST API's
 * {@code digestDiff} and {@code backup verify --json}):
 *
 * <pre>
 * {"diffRecords": [{"sectionDiff": "Mismatch in KEY count. EP digest count : 87, Partner digest count : 88",
 *   "entriesDiff": [{"objectType": "KEY", "digestSource": "Partner", "uid": "0x…", "name": "256AES",
 *                    "partitionName": "part4", "version": "1", "detail": "exists only in Partner"}]}]}
 * </pre>
 *
 * Nothing else: entries beyond the comparison's limit are not listed (callers report how many in their
 * warnings). Serialise it with any Jackson mapper; it depends only on the archive library.
 */
public record DigestDiffJson(List<DiffRecord> diffRecords) {

    /** The JSON form of {@code diff}. */
    public static DigestDiffJson of(DigestDiff diff) {
        return new DigestDiffJson(
                diff.diffRecords().stream().map(DiffRecord::of).toList());
    }

    /** One section that differs. */
    public record DiffRecord(String sectionDiff, List<EntryDiff> entriesDiff) {
        public static DiffRecord of(DigestDiff.SectionDiff section) {
            return new DiffRecord(
                    section.sectionDiff(),
                    section.entriesDiff().stream().map(EntryDiff::of).toList());
        }
    }

    /** One object that differs, as seen in one digest. */
    public record EntryDiff(
            String objectType,
            String digestSource,
            String uid,
            String name,
            String partitionName,
            String version,
            String detail) {
        public static EntryDiff of(DigestDiff.EntryDiff entry) {
            return new EntryDiff(
                    entry.objectType(),
                    entry.digestSource(),
                    entry.uid(),
                    entry.name(),
                    entry.partitionName(),
                    entry.version(),
                    entry.detail());
        }
    }
}
