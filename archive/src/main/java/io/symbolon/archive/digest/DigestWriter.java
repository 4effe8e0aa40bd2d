package io.symbolon.archive.digest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a digest member (ARCHIVE-FORMAT.md §5) as a stream: the format line, one line per entry in
 * strictly ascending uid order, then the section counts and the root hash. Refuses entries out of
 * order, so that two digests can later be compared by a single merge pass in constant memory.
 */
public final class DigestWriter {
    static final String FORMAT_LINE = "symbolon-digest/1";

    private final OutputStream out;
    private final MessageDigest root;
    private final Map<String, Long> counts = new TreeMap<>();
    private String lastUid;
    private boolean finished;

    public DigestWriter(OutputStream out) {
        this.out = out;
        this.root = sha256();
        writeHashed(FORMAT_LINE + "\n");
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
        counts.merge(entry.section(), 1L, Long::sum);
        writeHashed(DigestLine.encode(entry) + "\n");
    }

    /** Writes the trailer and returns the summary; does not close the stream. */
    public DigestSummary finish() {
        if (finished) {
            throw new IllegalStateException("digest already finished");
        }
        finished = true;
        DigestSummary summary = new DigestSummary(counts, root.digest());
        StringBuilder trailer = new StringBuilder();
        summary.counts()
                .forEach((section, count) -> trailer.append("count\t")
                        .append(section)
                        .append('\t')
                        .append(count)
                        .append('\n'));
        trailer.append("root\t").append(summary.rootText()).append('\n');
        write(trailer.toString().getBytes(StandardCharsets.US_ASCII));
        return summary;
    }

    private void writeHashed(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        root.update(bytes);
        write(bytes);
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
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
