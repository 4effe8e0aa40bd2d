package io.symbolon.archive.digest;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a digest member (ARCHIVE-FORMAT.md §5) as a stream of entries, checking as it goes every rule
 * a writer must follow: the format line, canonical fields, strictly ascending uids, counts that match
 * the entries and a root hash that matches the lines. Memory does not grow with the number of entries.
 *
 * <p>Call {@link #next()} until it returns {@code null}, then {@link #summary()}.
 */
public final class DigestReader {
    private static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final String source;
    private final MessageDigest root = DigestWriter.sha256();
    private final Map<String, Long> counted = new TreeMap<>();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] line = new byte[MAX_LINE + 1];
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPosition;
    private int bufferLimit;
    private int lineLength;
    private long lineNumber;
    private String lastUid;
    private String pending;
    private DigestSummary summary;

    /**
     * @param in the member's bytes, positioned at its start; read to its end
     * @param source the name to put in error messages, e.g. {@code digest.txt}
     */
    public DigestReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
        String first = readLine();
        hashLine();
        if (first == null || !first.equals(DigestWriter.FORMAT_LINE)) {
            if (first != null && first.startsWith("symbolon-digest/")) {
                throw new ArchiveException(
                        ErrorCode.UNSUPPORTED_VERSION,
                        source,
                        "digest format " + DigestLine.printable(first.substring(16))
                                + " is not supported by this version (it reads format 1); use a newer Symbolon");
            }
            throw fail("line 1 must be '" + DigestWriter.FORMAT_LINE + "'");
        }
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
        if (summary != null) {
            return null;
        }
        String text = readLine();
        if (text == null) {
            throw fail("ends without its count and root lines (truncated?)");
        }
        if (text.startsWith("count\t") || text.startsWith("root\t")) {
            pending = text;
            readTrailer();
            return null;
        }
        DigestEntry entry;
        try {
            entry = DigestLine.decode(text);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        if (!DigestLine.encode(entry).equals(text)) {
            throw fail("entry is not in canonical form");
        }
        if (lastUid != null && entry.uid().compareTo(lastUid) <= 0) {
            throw fail("uid " + entry.uid() + " is not after " + lastUid
                    + " (entries must be in strictly ascending uid order)");
        }
        hashLine();
        lastUid = entry.uid();
        counted.merge(entry.section(), 1L, Long::sum);
        return entry;
    }

    /** The summary; available once {@link #next()} has returned {@code null}. */
    public DigestSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("digest not read to its end");
        }
        return summary;
    }

    private void readTrailer() {
        byte[] expectedRoot = root.digest();
        Map<String, Long> declared = new TreeMap<>();
        String previousSection = null;
        String text = pending;
        while (text.startsWith("count\t")) {
            String[] fields = text.split("\t", -1);
            if (fields.length != 3 || !fields[1].matches("[A-Z][A-Z0-9_]{0,31}")) {
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
            text = readLine();
            if (text == null) {
                throw fail("ends without its root line (truncated?)");
            }
        }
        if (!declared.equals(counted)) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    source,
                    "declared counts " + declared + " do not match the entries " + counted);
        }
        if (!text.startsWith("root\tsha256:") || !text.substring(12).matches("[0-9a-f]{64}")) {
            throw fail("malformed root line");
        }
        byte[] declaredRoot = HexFormat.of().parseHex(text.substring(12));
        if (!MessageDigest.isEqual(declaredRoot, expectedRoot)) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    source,
                    "root hash does not match the entries (the digest was modified)");
        }
        if (readLine() != null) {
            throw fail("data after the root line");
        }
        summary = new DigestSummary(counted, expectedRoot);
    }

    private String readLine() {
        int length = 0;
        while (true) {
            int b = nextByte();
            if (b < 0) {
                if (length == 0) {
                    return null;
                }
                throw fail("line " + (lineNumber + 1) + " has no terminating LF (truncated?)");
            }
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                throw fail("line " + (lineNumber + 1) + " contains a CR; lines end with LF only");
            }
            if (length == MAX_LINE) {
                throw fail("line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " bytes");
            }
            line[length++] = (byte) b;
        }
        lineNumber++;
        lineLength = length;
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw fail("line " + lineNumber + " is not valid UTF-8");
        }
    }

    private void hashLine() {
        root.update(line, 0, lineLength);
        root.update((byte) '\n');
    }

    private int nextByte() {
        if (bufferPosition == bufferLimit) {
            try {
                int read = in.read(buffer, 0, buffer.length);
                if (read <= 0) {
                    return -1;
                }
                bufferPosition = 0;
                bufferLimit = read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return buffer[bufferPosition++] & 0xff;
    }

    private ArchiveException fail(String message) {
        String where = message.startsWith("line ") || lineNumber == 0 ? "" : "line " + lineNumber + ": ";
        return new ArchiveException(ErrorCode.MALFORMED, source, where + message);
    }
}
