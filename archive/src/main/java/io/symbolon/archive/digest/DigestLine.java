package io.symbolon.archive.digest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The text encoding of one digest line (ARCHIVE-FORMAT.md §5.2): eight tab-separated fields; in the
 * free-text fields (partition and name) the bytes {@code %}, TAB, LF, CR and other C0 controls and DEL
 * are written as {@code %XX}, everything else as UTF-8.
 */
final class DigestLine {
    private DigestLine() {}

    static String encode(DigestEntry entry) {
        return entry.section()
                + '\t'
                + entry.type()
                + '\t'
                + entry.uid()
                + '\t'
                + entry.version()
                + '\t'
                + entry.epoch()
                + '\t'
                + entry.fingerprint()
                + '\t'
                + escape(entry.partition())
                + '\t'
                + escape(entry.name());
    }

    /** Parses one line (without its LF); throws IllegalArgumentException naming what is wrong. */
    static DigestEntry decode(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 8) {
            throw new IllegalArgumentException("expected 8 tab-separated fields, found " + fields.length);
        }
        return new DigestEntry(
                fields[0],
                fields[1],
                fields[2],
                decimal(fields[3], "version"),
                decimal(fields[4], "epoch"),
                fields[5],
                unescape(fields[6]),
                unescape(fields[7]));
    }

    static long decimal(String text, String field) {
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException(field + " is not a canonical decimal number: " + printable(text));
        }
        return Long.parseLong(text);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c < 0x20 || c == 0x7f) {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                if (i + 2 >= raw.length) {
                    throw new IllegalArgumentException("truncated %-escape");
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0 || Character.isLowerCase(raw[i + 1]) || Character.isLowerCase(raw[i + 2])) {
                    throw new IllegalArgumentException("invalid %-escape");
                }
                int value = hi << 4 | lo;
                if (!(value == '%' || value < 0x20 || value == 0x7f)) {
                    throw new IllegalArgumentException("needless %-escape (not canonical)");
                }
                bytes.write(value);
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A value made safe to show in an error message: at most 80 characters, controls escaped. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String escaped = escape(value);
        return escaped.length() > 80 ? escaped.substring(0, 77) + "..." : escaped;
    }
}
