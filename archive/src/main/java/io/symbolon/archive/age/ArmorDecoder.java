package io.symbolon.archive.age;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Objects;

/**
 * Reads the ASCII armor of age.md, "ASCII armor", strictly: optional whitespace, the BEGIN line, lines
 * of exactly 64 columns of padded canonical base64 but the last (1 to 64 columns, the only one that may
 * hold padding), the END line, optional whitespace, end of file. Lines end in LF, or all in CRLF.
 */
final class ArmorDecoder extends InputStream {
    private static final int COLUMNS = 64;
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private enum LineEnd {
        LF,
        CRLF,
        END_OF_FILE
    }

    private record Line(String text, LineEnd end) {}

    private final InputStream in;
    private final byte[] input = new byte[8192];
    private int inputPosition;
    private int inputLimit;
    private LineEnd style;
    private boolean finished;
    private int lineNumber;
    private byte[] decoded = new byte[0];
    private int position;
    private AgeException failure;

    ArmorDecoder(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public int read() throws IOException {
        return ensureAvailable() ? decoded[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensureAvailable()) {
            return -1;
        }
        int n = Math.min(len, decoded.length - position);
        System.arraycopy(decoded, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean ensureAvailable() throws IOException {
        while (position == decoded.length) {
            if (failure != null) {
                throw failure;
            }
            if (finished) {
                return false;
            }
            try {
                if (style == null) {
                    readBegin();
                } else {
                    readBodyLine();
                }
            } catch (AgeException e) {
                failure = e;
                throw e;
            }
        }
        return true;
    }

    private void readBegin() throws IOException {
        int skipped = 0;
        while (Armor.isWhitespace(peek())) {
            if (++skipped > Armor.MAX_WHITESPACE) {
                throw failure("more than " + Armor.MAX_WHITESPACE + " bytes of whitespace before the armor");
            }
            inputPosition++;
        }
        Line begin = readLine();
        if (!begin.text().equals(Armor.BEGIN)) {
            throw failure("the armor does not start with the line " + Armor.BEGIN);
        }
        if (begin.end() == LineEnd.END_OF_FILE) {
            throw failure("the armor ends after its BEGIN line");
        }
        style = begin.end();
    }

    private void readBodyLine() throws IOException {
        Line line = readLine();
        if (line.text().equals(Armor.END)) {
            readEnd(line);
            return;
        }
        if (line.end() == LineEnd.END_OF_FILE) {
            throw failure("the armor has no END line");
        }
        if (line.end() != style) {
            throw failure("line " + lineNumber + " mixes LF and CRLF line ends");
        }
        String text = line.text();
        if (text.isEmpty()) {
            throw failure("line " + lineNumber + " is empty");
        }
        if (text.length() > COLUMNS) {
            throw failure("line " + lineNumber + " is longer than 64 columns");
        }
        byte[] bytes = decodeCanonical(text);
        if (text.length() < COLUMNS || text.endsWith("=")) {
            // This was the last line: the END line must follow, and it is checked before release.
            Line end = readLine();
            if (!end.text().equals(Armor.END)) {
                throw failure("line " + lineNumber + ": only the last line may be shorter than 64 columns or padded");
            }
            readEnd(end);
        }
        decoded = bytes;
        position = 0;
    }

    private byte[] decodeCanonical(String text) {
        if (text.length() % 4 != 0) {
            throw failure("line " + lineNumber + " is not padded base64");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean valid = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '=';
            if (!valid) {
                throw failure("line " + lineNumber + " holds a character that is not base64");
            }
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw failure("line " + lineNumber + " is not valid base64");
        }
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw failure("line " + lineNumber + " is not canonical base64");
        }
        return bytes;
    }

    private void readEnd(Line end) throws IOException {
        if (end.end() != LineEnd.END_OF_FILE && end.end() != style) {
            throw failure("the END line mixes LF and CRLF line ends");
        }
        int trailing = 0;
        int b;
        while ((b = peek()) >= 0) {
            if (!Armor.isWhitespace(b)) {
                throw failure("data follows the END line of the armor");
            }
            if (++trailing > Armor.MAX_WHITESPACE) {
                throw failure("more than " + Armor.MAX_WHITESPACE + " bytes of whitespace after the armor");
            }
            inputPosition++;
        }
        finished = true;
    }

    /** One line, without its line end; a line is never longer than the base64 lines plus CR. */
    private Line readLine() throws IOException {
        lineNumber++;
        StringBuilder text = new StringBuilder(COLUMNS);
        while (true) {
            int b = peek();
            if (b < 0) {
                return new Line(text.toString(), LineEnd.END_OF_FILE);
            }
            inputPosition++;
            if (b == '\n') {
                int length = text.length();
                if (length > 0 && text.charAt(length - 1) == '\r') {
                    text.setLength(length - 1);
                    return new Line(text.toString(), LineEnd.CRLF);
                }
                return new Line(text.toString(), LineEnd.LF);
            }
            if (text.length() > COLUMNS) {
                throw failure("line " + lineNumber + " is longer than 64 columns");
            }
            text.append((char) b);
        }
    }

    /** The next input byte without consuming it, or -1 at end of file. */
    private int peek() throws IOException {
        if (inputPosition == inputLimit) {
            int n = in.read(input);
            while (n == 0) {
                n = in.read(input);
            }
            if (n < 0) {
                return -1;
            }
            inputPosition = 0;
            inputLimit = n;
        }
        return input[inputPosition] & 0xff;
    }

    private static AgeException failure(String message) {
        return new AgeException(AgeException.Kind.ARMOR, "malformed age armor: " + message);
    }
}
