package io.symbolon.archive.metadata;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The text encoding of {@link Metadata} (ARCHIVE-FORMAT.md §4.1): {@code key: value} lines in a fixed
 * order, LF-terminated UTF-8. Parsing is strict: every key in its place, repeated keys only where
 * allowed, values canonical, nothing unknown, so that one metadata has exactly one encoding.
 */
public final class MetadataCodec {
    private static final String FORMAT_PREFIX = "format: symbolon-archive/";
    static final String FORMAT_LINE = FORMAT_PREFIX + Metadata.FORMAT_VERSION;

    private MetadataCodec() {}

    public static byte[] encode(Metadata metadata) {
        StringBuilder out = new StringBuilder(1024);
        out.append(FORMAT_PREFIX).append(metadata.formatVersion()).append('\n');
        line(out, "software", metadata.software());
        line(out, "archive-id", metadata.archiveId());
        line(out, "name", metadata.name());
        line(out, "created", metadata.created().toString());
        line(out, "role", metadata.role());
        line(out, "pair-id", metadata.pairId());
        line(out, "node-id", metadata.nodeId());
        metadata.pairHostnames().forEach(h -> line(out, "pair-hostname", h));
        line(out, "epoch", Long.toString(metadata.epoch()));
        metadata.objects().forEach((section, count) -> line(out, "objects", section + " " + count));
        metadata.digestSharedSha256().ifPresent(hash -> line(out, "digest-shared-sha256", hash));
        line(out, "records", Long.toString(metadata.records()));
        line(out, "record-bytes", Long.toString(metadata.recordBytes()));
        line(out, "compression", metadata.compression());
        line(out, "content-size", Long.toString(metadata.contentSize()));
        line(out, "content-sha256", metadata.contentSha256());
        metadata.recipients().forEach(r -> line(out, "recipient", r.encode()));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a metadata member.
     *
     * @param source the member name for error messages
     */
    public static Metadata decode(byte[] bytes, String source) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(source, "is not valid UTF-8");
        }
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw malformed(source, "must end with a line feed");
        }
        if (text.indexOf('\r') >= 0) {
            throw malformed(source, "contains a CR; lines end with LF only");
        }
        Lines lines = new Lines(text.substring(0, text.length() - 1).split("\n", -1), source);
        String format = lines.peekRaw();
        int version = version(format);
        if (version < 0) {
            if (format.startsWith(FORMAT_PREFIX)) {
                throw new ArchiveException(
                        ErrorCode.UNSUPPORTED_VERSION,
                        source,
                        "archive format " + format.substring(FORMAT_PREFIX.length())
                                + " is not supported by this version (it reads formats "
                                + Metadata.OLDEST_FORMAT_VERSION + " to " + Metadata.FORMAT_VERSION
                                + "); use a newer Symbolon");
            }
            throw malformed(source, "line 1 must be '" + FORMAT_LINE + "'");
        }
        lines.skip();
        try {
            String software = lines.one("software");
            String archiveId = lines.one("archive-id");
            String name = lines.one("name");
            Instant created = instant(lines.one("created"));
            String role = lines.one("role");
            String pairId = lines.one("pair-id");
            String nodeId = lines.one("node-id");
            List<String> hostnames = lines.many("pair-hostname", 0);
            long epoch = decimal(lines.one("epoch"));
            Map<String, Long> objects = new TreeMap<>();
            String previous = null;
            for (String value : lines.many("objects", 0)) {
                String[] parts = value.split(" ", -1);
                if (parts.length != 2 || (previous != null && parts[0].compareTo(previous) <= 0)) {
                    throw new IllegalArgumentException(
                            "objects lines are 'SECTION count', sections ascending, once each");
                }
                previous = parts[0];
                objects.put(parts[0], decimal(parts[1]));
            }
            Optional<String> digestShared =
                    version >= 2 ? Optional.of(lines.one("digest-shared-sha256")) : Optional.empty();
            long records = decimal(lines.one("records"));
            long recordBytes = decimal(lines.one("record-bytes"));
            String compression = lines.one("compression");
            long contentSize = decimal(lines.one("content-size"));
            String contentSha256 = lines.one("content-sha256");
            List<RecipientDescriptor> recipients = lines.many("recipient", 1).stream()
                    .map(RecipientDescriptor::decode)
                    .toList();
            lines.end();
            Metadata metadata = new Metadata(
                    software,
                    archiveId,
                    name,
                    created,
                    role,
                    pairId,
                    nodeId,
                    hostnames,
                    epoch,
                    objects,
                    digestShared,
                    records,
                    recordBytes,
                    compression,
                    contentSize,
                    contentSha256,
                    recipients);
            if (!java.util.Arrays.equals(encode(metadata), bytes)) {
                throw new IllegalArgumentException("not in canonical form");
            }
            return metadata;
        } catch (IllegalArgumentException e) {
            throw malformed(source, e.getMessage());
        }
    }

    /** The version a format line names, if this version reads it; else -1. */
    private static int version(String format) {
        for (int version = Metadata.OLDEST_FORMAT_VERSION; version <= Metadata.FORMAT_VERSION; version++) {
            if (format.equals(FORMAT_PREFIX + version)) {
                return version;
            }
        }
        return -1;
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(": ").append(value).append('\n');
    }

    private static long decimal(String text) {
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("not a canonical decimal number: " + text);
        }
        return Long.parseLong(text);
    }

    private static Instant instant(String text) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")) {
            throw new IllegalArgumentException("created must be yyyy-MM-ddTHH:mm:ssZ");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created is not a valid time");
        }
    }

    private static ArchiveException malformed(String source, String message) {
        return new ArchiveException(ErrorCode.MALFORMED, source, message);
    }

    /** A cursor over the metadata lines that enforces the fixed key order. */
    private static final class Lines {
        private final String[] lines;
        private final String source;
        private int next;

        Lines(String[] lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        String peekRaw() {
            return lines[next];
        }

        void skip() {
            next++;
        }

        String one(String key) {
            String value = valueOf(key);
            if (value == null) {
                throw new IllegalArgumentException("line " + (next + 1) + ": expected '" + key + ": …'");
            }
            next++;
            return value;
        }

        List<String> many(String key, int minimum) {
            List<String> values = new ArrayList<>();
            for (String value = valueOf(key); value != null; value = valueOf(key)) {
                values.add(value);
                next++;
            }
            if (values.size() < minimum) {
                throw new IllegalArgumentException("line " + (next + 1) + ": expected '" + key + ": …'");
            }
            return values;
        }

        void end() {
            if (next != lines.length) {
                String line = lines[next];
                String key = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
                throw new IllegalArgumentException("line " + (next + 1) + ": unexpected '"
                        + (key.length() > 40 ? key.substring(0, 40) + "…" : key) + "'");
            }
        }

        private String valueOf(String key) {
            if (next >= lines.length) {
                return null;
            }
            String prefix = key + ": ";
            return lines[next].startsWith(prefix) ? lines[next].substring(prefix.length()) : null;
        }

        @Override
        public String toString() {
            return source;
        }
    }
}
