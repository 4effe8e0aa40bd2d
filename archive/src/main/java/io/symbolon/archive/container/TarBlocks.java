package io.symbolon.archive.container;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * The tar side of the container (ARCHIVE-FORMAT.md §3.2): ustar headers for regular files with fixed,
 * non-identifying owner fields, 512-byte padding and the end-of-archive blocks. Headers come from
 * Commons Compress; sizes past 8 GiB use its star/GNU base-256 encoding.
 */
final class TarBlocks {
    static final int BLOCK = TarConstants.DEFAULT_RCDSIZE;
    /** The end of a tar archive: two zero blocks. */
    static final byte[] END = new byte[2 * BLOCK];

    private TarBlocks() {}

    static byte[] header(Member member, long size, Instant modified) {
        TarArchiveEntry entry = new TarArchiveEntry(member.fileName(), TarConstants.LF_NORMAL);
        entry.setSize(size);
        entry.setMode(0100600);
        entry.setModTime(modified.toEpochMilli());
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        byte[] header = new byte[BLOCK];
        try {
            entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8), true);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode a tar header for " + member.fileName(), e);
        }
        return header;
    }

    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }
}
