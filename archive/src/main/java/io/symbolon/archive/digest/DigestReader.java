package io.symbolon.archive.digest;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a digest member (ARCHIVE-FORMAT.md §5) as a stream of entries, checking as it goes every rule
 * a writer must follow: the format line, canonical fields, strictly ascending uids, counts that match
 * the entries and a root hash that matches the lines. Memory does not grow with the number of entries;
 * every byte is hashed once for the root (and from it the whole member's hash), and the entry lines of
 * shared sections once more for the shared-entries hash (§5.5).
 *
 * <p>Call {@link #next()} until it returns {@code null}, then {@link #summary()}.
 */
public final class DigestReader {
    private static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final String source;
    private final MessageDigest root = DigestWriter.sha256();
    private final MessageDigest shared = DigestWriter.sha256();
    private final java.nio.charset.CharsetDecoder utf8 = DigestLine.strictUtf8();
    private final Map<String, Long> counted = new TreeMap<>();
    private final byte[] line = new byte[MAX_LINE + 1];
    private final byte[] buffer = new byte[64 * 1024];
    private MessageDigest member;
    private int bufferPosition;
    private int bufferLimit;
    private int lineLength;
    private long lineNumber;
    private final int[] tabs = new int[7];
    private final byte[] lastUid = new byte[64];
    private int lastUidLength = -1;
    private final byte[] lastSectionBytes = new byte[32];
    private int lastSectionLength = -1;
    private String lastSection;
    private long lastCount;
    private boolean positioned;
    private DigestEntry entry;
    private DigestSummary summary;

    /**
     * @param in the member's bytes, positioned at its start; read to its end
     * @param source the name to put in error messages, e.g. {@code digest.txt}
     */
    public DigestReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
        if (!readLine()) {
            throw fail("line 1 must be '" + DigestWriter.FORMAT_LINE + "'");
        }
        String first = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        if (!first.equals(DigestWriter.FORMAT_LINE)) {
            if (first.startsWith("symbolon-digest/")) {
                throw new ArchiveException(
                        ErrorCode.UNSUPPORTED_VERSION,
                        source,
                        "digest format "
                                + DigestLine.printable(first.substring(16))
                                + " is not supported by this version (it reads format 1); use a newer Symbolon");
            }
            throw fail("line 1 must be '" + DigestWriter.FORMAT_LINE + "'");
        }
        hashLine(root);
    }

    /** Reads an entire digest member and returns its summary, handing each entry to {@code sink}. */
    public static DigestSummary readAll(InputStream in, String source, java.util.function.Consumer<DigestEntry> sink) {
        DigestReader reader = new DigestReader(in, source);
        for (DigestEntry entry = reader.next(); entry != null; entry = reader.next()) {
            sink.accept(entry);
        }
        return reader.summary();
    }

    /** The next entry, or {@code null} after the last one (the trailer has then been checked). */
    public DigestEntry next() {
        return advance() ? entry() : null;
    }

    /**
     * Moves to the next entry's line and checks it as {@link #next()} does — canonical fields, uid
     * order, counts, root — without building the entry, which {@link #entry()} then does on demand;
     * false after the last one (the trailer has then been checked). A pass that only needs the
     * summary, or compares lines as bytes ({@link DigestComparison}), builds no strings for plain
     * lines.
     */
    public boolean advance() {
        entry = null;
        positioned = false;
        if (summary != null) {
            return false;
        }
        if (!readLine()) {
            throw fail("ends without its count and root lines (truncated?)");
        }
        if (startsWith("count\t") || startsWith("root\t")) {
            readTrailer();
            return false;
        }
        if (!DigestLine.isPlainCanonical(line, lineLength, tabs)) {
            // Decoding accepts only lines of seven tabs, which the check above has then put in tabs.
            try {
                entry = DigestLine.decode(line, lineLength, utf8);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }
        int uidFrom = tabs[1] + 1;
        int uidTo = tabs[2];
        if (lastUidLength >= 0 && Arrays.compareUnsigned(line, uidFrom, uidTo, lastUid, 0, lastUidLength) <= 0) {
            throw fail("uid " + ascii(uidFrom, uidTo) + " is not after "
                    + new String(lastUid, 0, lastUidLength, StandardCharsets.ISO_8859_1)
                    + " (entries must be in strictly ascending uid order)");
        }
        System.arraycopy(line, uidFrom, lastUid, 0, uidTo - uidFrom);
        lastUidLength = uidTo - uidFrom;
        hashLine(root);
        if (!nodeLocal()) {
            hashLine(shared);
        }
        countLine();
        positioned = true;
        return true;
    }

    /** The entry {@link #advance()} moved to, decoded once. */
    public DigestEntry entry() {
        if (entry == null) {
            if (!positioned) {
                throw new IllegalStateException("not positioned on an entry");
            }
            entry = DigestLine.decode(line, lineLength, utf8); // already checked by advance()
        }
        return entry;
    }

    /** True when this reader's current line and {@code other}'s are the same bytes. */
    boolean sameLine(DigestReader other) {
        return Arrays.equals(line, 0, lineLength, other.line, 0, other.lineLength);
    }

    /** Orders the current lines' uids as {@link String#compareTo} orders them (uids are ASCII). */
    int compareUid(DigestReader other) {
        return Arrays.compareUnsigned(line, tabs[1] + 1, tabs[2], other.line, other.tabs[1] + 1, other.tabs[2]);
    }

    /** True when the current line's section is node-local ({@link DigestComparison#isNodeLocal}). */
    boolean nodeLocal() {
        return startsWith(DigestComparison.NODE_LOCAL_PREFIX);
    }

    /**
     * The counts and root stated by a digest's trailer, read from the member's last bytes without
     * checking them against the entries: for a caller that already knows the member is authentic (its
     * hash is signed) and only copies it.
     */
    public static DigestSummary trailer(byte[] tail, String source) {
        String text = new String(tail, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n")) {
            throw new ArchiveException(ErrorCode.MALFORMED, source, "does not end with a line feed");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        String last = lines[lines.length - 1];
        if (!last.startsWith("root\tsha256:")
                || last.length() != 76
                || !DigestEntry.isFingerprint(last.substring(12))) {
            throw new ArchiveException(ErrorCode.MALFORMED, source, "does not end with its root line");
        }
        Map<String, Long> counts = new TreeMap<>();
        for (int i = lines.length - 2; i >= 0 && lines[i].startsWith("count\t"); i--) {
            String[] fields = lines[i].split("\t", -1);
            if (fields.length != 3 || !DigestEntry.isSection(fields[1])) {
                throw new ArchiveException(ErrorCode.MALFORMED, source, "malformed count line");
            }
            counts.put(fields[1], DigestLine.decimal(fields[2], "count"));
        }
        return new DigestSummary(counts, HexFormat.of().parseHex(last.substring(12)), Optional.empty());
    }

    /** The summary; available once {@link #next()} has returned {@code null}. */
    public DigestSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("digest not read to its end");
        }
        return summary;
    }

    /** SHA-256 of the whole member, hex; available once {@link #next()} has returned {@code null}. */
    public String memberSha256() {
        summary();
        return HexFormat.of().formatHex(member.digest());
    }

    private void readTrailer() {
        count(null);
        try {
            member = (MessageDigest) root.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        byte[] expectedRoot = root.digest();
        Map<String, Long> declared = new TreeMap<>();
        String previousSection = null;
        while (startsWith("count\t")) {
            String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
            String[] fields = text.split("\t", -1);
            if (fields.length != 3 || !DigestEntry.isSection(fields[1])) {
                throw fail("malformed count line");
            }
            if (previousSection != null && fields[1].compareTo(previousSection) <= 0) {
                throw fail("count lines must be in ascending section order, once each");
            }
            previousSection = fields[1];
            long count;
            try {
                count = DigestLine.decimal(fields[2], "count");
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
            if (count == 0) {
                throw fail("a zero count is never written");
            }
            declared.put(fields[1], count);
            hashLine(member);
            if (!readLine()) {
                throw fail("ends without its root line (truncated?)");
            }
        }
        if (!declared.equals(counted)) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    source,
                    "declared counts " + declared + " do not match the entries " + counted);
        }
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("root\tsha256:")
                || text.length() != 12 + 64
                || !DigestEntry.isFingerprint(text.substring(12))) {
            throw fail("malformed root line");
        }
        hashLine(member);
        byte[] declaredRoot = HexFormat.of().parseHex(text.substring(12));
        if (!MessageDigest.isEqual(declaredRoot, expectedRoot)) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    source,
                    "root hash does not match the entries (the digest was modified)");
        }
        if (readLine()) {
            throw fail("data after the root line");
        }
        summary = new DigestSummary(
                counted, expectedRoot, Optional.of(HexFormat.of().formatHex(shared.digest())));
    }

    /** Counts the current line in its section; the section's name is built only when it changes. */
    private void countLine() {
        int length = tabs[0];
        if (length == lastSectionLength && sameSection(length)) {
            lastCount++;
            return;
        }
        count(ascii(0, length));
        System.arraycopy(line, 0, lastSectionBytes, 0, length);
        lastSectionLength = length;
    }

    /** A loop, not {@code Arrays.equals}: sections are a few bytes, where its set-up costs more than it saves. */
    private boolean sameSection(int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] != lastSectionBytes[i]) {
                return false;
            }
        }
        return true;
    }

    private void count(String section) {
        if (lastSection != null) {
            counted.merge(lastSection, lastCount, Long::sum);
        }
        lastSection = section;
        lastCount = 1;
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private boolean startsWith(String prefix) {
        if (lineLength < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the next line into {@code line} (without its LF); false at the end of the member. */
    private boolean readLine() {
        int length = 0;
        while (true) {
            if (bufferPosition == bufferLimit && !fill()) {
                if (length == 0) {
                    return false;
                }
                throw fail("line " + (lineNumber + 1) + " has no terminating LF (truncated?)");
            }
            // Scan the buffer for the end of the line in one loop.
            int start = bufferPosition;
            int end = start;
            while (end < bufferLimit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (length + chunk > MAX_LINE) {
                throw fail("line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " bytes");
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            bufferPosition = end;
            if (end < bufferLimit) {
                bufferPosition++;
                break;
            }
        }
        for (int i = 0; i < length; i++) {
            if (line[i] == '\r') {
                throw fail("line " + (lineNumber + 1) + " contains a CR; lines end with LF only");
            }
        }
        lineNumber++;
        lineLength = length;
        return true;
    }

    private void hashLine(MessageDigest digest) {
        digest.update(line, 0, lineLength);
        digest.update((byte) '\n');
    }

    private boolean fill() {
        try {
            int read = in.read(buffer, 0, buffer.length);
            if (read <= 0) {
                return false;
            }
            bufferPosition = 0;
            bufferLimit = read;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ArchiveException fail(String message) {
        String where = message.startsWith("line ") || lineNumber == 0 ? "" : "line " + lineNumber + ": ";
        return new ArchiveException(ErrorCode.MALFORMED, source, where + message);
    }
}
