package io.symbolon.archive;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What the writer of an archive says about it, for the metadata member (ARCHIVE-FORMAT.md §4): all
 * public. The archive library gives these fields no meaning beyond their format; the vault fills them
 * from its node.
 *
 * @param software the writing software and version, e.g. {@code symbolon 0.1.0}
 * @param role e.g. {@code EP}
 * @param pairId the pair's id
 * @param nodeId the node's id
 * @param pairHostnames e.g. {@code ["EP : ep1", "Partner : partner1"]}
 * @param epoch the share epoch the content is taken at
 * @param created when the backup was taken (truncated to seconds); also names the file
 */
public record ArchiveDescription(
        String software,
        String role,
        String pairId,
        String nodeId,
        List<String> pairHostnames,
        long epoch,
        Instant created) {

    public ArchiveDescription {
        Objects.requireNonNull(software);
        Objects.requireNonNull(role);
        Objects.requireNonNull(pairId);
        Objects.requireNonNull(nodeId);
        pairHostnames = List.copyOf(pairHostnames);
        created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The file name an archive with this description gets. */
    public String fileName() {
        return ArchiveName.at(created);
    }
}
