package io.symbolon.archive.digest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte encoding of one digest line (ARCHIVE-FORMAT.md §5.2): eight tab-separated fields; in the
 * free-text fields (partition and name) the bytes {@code %}, 0x00–0x1F and 0x7F are written as
 * {@code %XX} (upper-case hex), everything else as UTF-8. Encoding and decoding work on bytes, with no
 * regular expression and no intermediate strings beyond the fields themselves: a backup writes and a
 * verification reads one line per object.
 *
 * <p>Decoding accepts exactly the canonical encoding, so that decode-then-encode is the identity.
 */
final class DigestLine {
    private static final byte TAB = '\t';
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private DigestLine() {}

    /**
     * A growable byte buffer that one writer reuses: it holds many lines, so that they are hashed and
     * written in blocks rather than one by one.
     */
    static final class Buffer {
        byte[] bytes = new byte[512];
        int length;

        void reset() {
            length = 0;
        }

        /** Makes room for {@code more} bytes, so that the puts that follow need no check of their own. */
        void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void putAscii(String text) {
            int n = text.length();
            ensure(n);
            byte[] target = bytes;
            int at = length;
            for (int i = 0; i < n; i++) {
                target[at + i] = (byte) text.charAt(i);
            }
            length = at + n;
        }

        void putDecimal(long value) {
            if (value >= 0 && value < 10) {
                put((byte) ('0' + value));
            } else {
                putAscii(Long.toString(value));
            }
        }
    }

    /** Appends the encoded line, with its LF, to {@code out}. */
    static void encode(DigestEntry entry, Buffer out) {
        out.putAscii(entry.section());
        out.put(TAB);
        out.putAscii(entry.type());
        out.put(TAB);
        out.putAscii(entry.uid());
        out.put(TAB);
        out.putDecimal(entry.version());
        out.put(TAB);
        out.putDecimal(entry.epoch());
        out.put(TAB);
        out.putAscii(entry.fingerprint());
        out.put(TAB);
        putEscaped(entry.partition(), out);
        out.put(TAB);
        putEscaped(entry.name(), out);
        out.put((byte) '\n');
    }

    /** The encoded line as a string, without its LF (for tests and messages). */
    static String encode(DigestEntry entry) {
        Buffer buffer = new Buffer();
        encode(entry, buffer);
        return new String(buffer.bytes, 0, buffer.length - 1, StandardCharsets.UTF_8);
    }

    private static void putEscaped(String text, Buffer out) {
        // At most 3 bytes per UTF-16 unit, escaped or encoded: one check for the whole field.
        out.ensure(3 * text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out.bytes, out.length, utf8.length);
                out.length += utf8.length;
                i = end - 1;
            } else if (needsEscape(c)) {
                out.bytes[out.length++] = '%';
                out.bytes[out.length++] = HEX[c >> 4];
                out.bytes[out.length++] = HEX[c & 0xf];
            } else {
                out.bytes[out.length++] = (byte) c;
            }
        }
    }

    private static boolean needsEscape(int c) {
        return c == '%' || c < 0x20 || c == 0x7f;
    }

    /**
     * Decodes one line (without its LF) from {@code line[0, length)}; throws IllegalArgumentException
     * naming what is wrong, for anything but the canonical encoding.
     */
    static DigestEntry decode(byte[] line, int length, CharsetDecoder utf8) {
        int[] tabs = new int[7];
        int found = 0;
        for (int i = 0; i < length; i++) {
            if (line[i] == TAB) {
                if (found == 7) {
                    throw new IllegalArgumentException("expected 8 tab-separated fields, found more");
                }
                tabs[found++] = i;
            }
        }
        if (found != 7) {
            throw new IllegalArgumentException("expected 8 tab-separated fields, found " + (found + 1));
        }
        String section = ascii(line, 0, tabs[0]);
        String type = ascii(line, tabs[0] + 1, tabs[1]);
        String uid = ascii(line, tabs[1] + 1, tabs[2]);
        long version = decimal(line, tabs[2] + 1, tabs[3], "version");
        long epoch = decimal(line, tabs[3] + 1, tabs[4], "epoch");
        String fingerprint = ascii(line, tabs[4] + 1, tabs[5]);
        String partition = text(line, tabs[5] + 1, tabs[6], utf8, "partition");
        String name = text(line, tabs[6] + 1, length, utf8, "name");
        return new DigestEntry(section, type, uid, version, epoch, fingerprint, partition, name);
    }

    /**
     * Checks a line (without its LF) in {@code line[0, length)} without building any string, for the
     * common case of a line in printable ASCII with no {@code %}-escape: true when {@link #decode} would
     * accept it. False means only "not decided here" — a line with bytes above 0x7F or escapes in its
     * text fields, a 19-digit number, or any fault — and the caller then decodes it, which either
     * accepts it or names the fault. Whenever the line has exactly seven tabs, {@code tabs} holds their
     * positions on return, whatever the result.
     */
    static boolean isPlainCanonical(byte[] line, int length, int[] tabs) {
        int found = 0;
        for (int i = 0; i < length; i++) {
            if (line[i] == TAB) {
                if (found == 7) {
                    return false;
                }
                tabs[found++] = i;
            }
        }
        return found == 7
                && isSection(line, 0, tabs[0])
                && isToken(line, tabs[0] + 1, tabs[1])
                && isToken(line, tabs[1] + 1, tabs[2])
                && isSafeDecimal(line, tabs[2] + 1, tabs[3])
                && isSafeDecimal(line, tabs[3] + 1, tabs[4])
                && isFingerprint(line, tabs[4] + 1, tabs[5])
                && isPlainText(line, tabs[5] + 1, tabs[6], 1024)
                && isPlainText(line, tabs[6] + 1, length, 4096);
    }

    private static boolean isSection(byte[] line, int from, int to) {
        if (to - from < 1 || to - from > 32 || line[from] < 'A' || line[from] > 'Z') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            byte b = line[i];
            if (!(b >= 'A' && b <= 'Z') && !(b >= '0' && b <= '9') && b != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(byte[] line, int from, int to) {
        if (to - from < 1 || to - from > 64) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (line[i] < 0x21 || line[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** A canonical decimal of at most 18 digits (which always fits in a long). */
    private static boolean isSafeDecimal(byte[] line, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 18 || (line[from] == '0' && length > 1)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isFingerprint(byte[] line, int from, int to) {
        if (to - from != 64) {
            return false;
        }
        int outside = 0; // as DigestEntry.isFingerprint: no branch per (random) character
        for (int i = from; i < to; i++) {
            int digit = line[i] - '0';
            int letter = line[i] - 'a';
            outside |= ((9 - digit) | digit) & ((5 - letter) | letter);
        }
        return outside >= 0;
    }

    /** Printable ASCII and space, no {@code %}: a text field whose UTF-16 length is its byte length. */
    private static boolean isPlainText(byte[] line, int from, int to, int maxLength) {
        if (to - from < 1 || to - from > maxLength) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b < 0x20 || b > 0x7e || b == '%') {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] < 0x21 || line[i] > 0x7e) {
                throw new IllegalArgumentException("a field holds a byte outside printable ASCII");
            }
        }
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** A canonical decimal: {@code 0} or a non-zero digit and at most 18 more, fitting in a long. */
    static long decimal(byte[] bytes, int from, int to, String field) {
        int length = to - from;
        if (length < 1 || length > 19 || (bytes[from] == '0' && length > 1)) {
            throw new IllegalArgumentException(field + " is not a canonical decimal number");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException(field + " is not a canonical decimal number");
            }
            value = value * 10 + digit;
            if (value < 0) {
                throw new IllegalArgumentException(field + " is too large");
            }
        }
        return value;
    }

    static long decimal(String text, String field) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return decimal(bytes, 0, bytes.length, field);
    }

    private static String text(byte[] line, int from, int to, CharsetDecoder utf8, String field) {
        byte[] raw = line;
        int start = from;
        int end = to;
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            int b = line[i] & 0xff;
            if (b == '%') {
                escaped = true;
            } else if (b < 0x20 || b == 0x7f) {
                throw new IllegalArgumentException(field + " holds an unescaped control character");
            }
        }
        if (escaped) {
            raw = new byte[to - from];
            end = 0;
            start = 0;
            for (int i = from; i < to; i++) {
                if (line[i] == '%') {
                    if (i + 2 >= to) {
                        throw new IllegalArgumentException(field + " has a truncated %-escape");
                    }
                    int value = upperHex(line[i + 1]) << 4 | upperHex(line[i + 2]);
                    if (value < 0 || !needsEscape(value)) {
                        throw new IllegalArgumentException(
                                field + " has an invalid or needless %-escape (not canonical)");
                    }
                    raw[end++] = (byte) value;
                    i += 2;
                } else {
                    raw[end++] = line[i];
                }
            }
        }
        try {
            return utf8.decode(ByteBuffer.wrap(raw, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not valid UTF-8");
        }
    }

    private static int upperHex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -256;
    }

    /** A strict UTF-8 decoder (one per reader; decoders are not thread-safe). */
    static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** A value made safe to show in an error message: at most 80 characters, controls escaped. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 80; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return value.length() > 80 ? out.substring(0, 77) + "..." : out.toString();
    }
}
