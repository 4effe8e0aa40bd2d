package io.symbolon.archive.digest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a digest member (ARCHIVE-FORMAT.md §5) as a stream: the format line, one line per entry in
 * strictly ascending uid order, then the section counts and the root hash. Refuses entries out of
 * order, so that two digests can later be compared by a single merge pass in constant memory. Hashes
 * every byte once for the root, and from it the hash of the whole member, and the entry lines of shared
 * (not node-local) sections once more for the pair's shared-entries hash (§5.5). Lines are gathered into
 * blocks of about 64 KiB that are hashed and written at once.
 */
public final class DigestWriter {
    static final String FORMAT_LINE = "symbolon-digest/1";
    private static final int BLOCK = 64 * 1024;

    private final OutputStream out;
    private final MessageDigest root;
    private final MessageDigest shared = sha256();
    private final Map<String, Long> counts = new TreeMap<>();
    private final DigestLine.Buffer block = new DigestLine.Buffer();
    /** Where the block's bytes not yet in {@link #shared} start: node-local lines are skipped. */
    private int sharedFrom;

    private String lastUid;
    private String lastSection;
    private long lastCount;
    private byte[] memberSha256;
    private boolean finished;

    public DigestWriter(OutputStream out) {
        this.out = out;
        this.root = sha256();
        block.putAscii(FORMAT_LINE + "\n");
        sharedFrom = block.length;
    }

    /** Appends one entry; its uid must be greater than every uid written before. */
    public void add(DigestEntry entry) {
        if (finished) {
            throw new IllegalStateException("digest already finished");
        }
        if (lastUid != null && entry.uid().compareTo(lastUid) <= 0) {
            throw new IllegalArgumentException(
                    "digest entries must be in strictly ascending uid order: " + entry.uid() + " after " + lastUid);
        }
        lastUid = entry.uid();
        count(entry.section());
        if (DigestComparison.isNodeLocal(entry.section())) {
            shared.update(block.bytes, sharedFrom, block.length - sharedFrom);
            DigestLine.encode(entry, block);
            sharedFrom = block.length;
        } else {
            DigestLine.encode(entry, block);
        }
        if (block.length >= BLOCK) {
            writeBlock();
        }
    }

    /** Writes the trailer and returns the summary; does not close the stream. */
    public DigestSummary finish() {
        if (finished) {
            throw new IllegalStateException("digest already finished");
        }
        finished = true;
        count(null);
        writeBlock();
        MessageDigest member;
        try {
            member = (MessageDigest) root.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        DigestSummary summary = new DigestSummary(
                counts, root.digest(), Optional.of(HexFormat.of().formatHex(shared.digest())));
        StringBuilder trailer = new StringBuilder();
        summary.counts()
                .forEach((section, count) -> trailer.append("count\t")
                        .append(section)
                        .append('\t')
                        .append(count)
                        .append('\n'));
        trailer.append("root\t").append(summary.rootText()).append('\n');
        byte[] bytes = trailer.toString().getBytes(StandardCharsets.US_ASCII);
        member.update(bytes);
        memberSha256 = member.digest();
        write(bytes, bytes.length);
        return summary;
    }

    /** SHA-256 of the whole member, hex; available after {@link #finish()}. */
    public String memberSha256() {
        if (memberSha256 == null) {
            throw new IllegalStateException("digest not finished");
        }
        return HexFormat.of().formatHex(memberSha256);
    }

    // Entries of one section usually come in runs: count runs, not entries, in the map.
    private void count(String section) {
        if (section != null && section.equals(lastSection)) {
            lastCount++;
            return;
        }
        if (lastSection != null) {
            counts.merge(lastSection, lastCount, Long::sum);
        }
        lastSection = section;
        lastCount = 1;
    }

    private void writeBlock() {
        root.update(block.bytes, 0, block.length);
        shared.update(block.bytes, sharedFrom, block.length - sharedFrom);
        sharedFrom = 0;
        write(block.bytes, block.length);
        block.reset();
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
