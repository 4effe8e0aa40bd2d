package io.symbolon.archive.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strict parser of the age header (age.md, "ABNF definition of file header"):
 *
 * <pre>
 * header     = v1-line 1*stanza end
 * v1-line    = %s"age-encryption.org/v1" LF
 * end        = "--- " 43base64char LF
 * stanza     = arg-line *full-line final-line
 * arg-line   = "-> " argument *(SP argument) LF
 * argument   = 1*VCHAR
 * full-line  = 64base64char LF
 * final-line = *63base64char LF
 * </pre>
 *
 * Base64 is canonical and unpadded. No CR is accepted anywhere. It reads one byte at a time and stops
 * at the MAC line's LF, so the payload is left unread.
 */
final class HeaderReader {
    /** No header of any recipient type comes close to this; it bounds memory for hostile input. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int COLUMNS = 64;

    private final InputStream in;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(512);
    private int lineNumber;

    private HeaderReader(InputStream in) {
        this.in = in;
    }

    static Header read(InputStream in) throws IOException {
        return new HeaderReader(in).readHeader();
    }

    private Header readHeader() throws IOException {
        String version = readLine(MAX_HEADER_BYTES);
        if (!version.startsWith("age-encryption.org/")) {
            throw failure("this is not an age file: it does not start with an age version line");
        }
        if (!version.equals(Header.VERSION_LINE)) {
            throw failure("unsupported age format version; only age-encryption.org/v1 is supported");
        }
        List<Stanza> stanzas = new ArrayList<>();
        String line = readLine(MAX_HEADER_BYTES);
        while (line.startsWith("->")) {
            List<String> arguments = parseArguments(line);
            byte[] body = readBody();
            stanzas.add(new Stanza(arguments, body));
            line = readLine(MAX_HEADER_BYTES);
        }
        if (!line.startsWith(Header.MAC_PREFIX)) {
            throw failure(
                    "line " + lineNumber + " is neither a recipient stanza (\"-> \") nor the MAC line (\"--- \")");
        }
        if (stanzas.isEmpty()) {
            throw failure("the header has no recipient stanza");
        }
        byte[] mac = parseMac(line);
        Header header = Header.assemble(stanzas, mac);
        // The grammar admits one encoding per header; this holds as long as the parser is strict.
        if (!Arrays.equals(header.encoded(), raw.toByteArray())) {
            throw failure("the header is not in canonical form");
        }
        return header;
    }

    private List<String> parseArguments(String line) {
        if (!line.startsWith("-> ")) {
            throw failure("line " + lineNumber + ": a stanza starts with \"-> \" followed by its arguments");
        }
        String[] arguments = line.substring(3).split(" ", -1);
        for (String argument : arguments) {
            if (!Stanza.isArgument(argument)) {
                throw failure("line " + lineNumber + ": a stanza argument is empty or not visible ASCII");
            }
        }
        return List.of(arguments);
    }

    private byte[] readBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(COLUMNS);
            byte[] decoded = Base64Raw.decodeOrNull(line);
            if (decoded == null) {
                String reason = line.startsWith("->") || line.startsWith(Header.MAC_PREFIX)
                        ? "a stanza body ends with a line shorter than 64 columns, which may be empty"
                        : "a stanza body line is not canonical unpadded base64";
                throw failure("line " + lineNumber + ": " + reason);
            }
            body.writeBytes(decoded);
            if (line.length() < COLUMNS) {
                return body.toByteArray();
            }
        }
    }

    private byte[] parseMac(String line) {
        String prefix = Header.MAC_PREFIX + " ";
        if (!line.startsWith(prefix)) {
            throw failure("the MAC line starts with \"--- \"");
        }
        byte[] mac = Base64Raw.decodeOrNull(line.substring(prefix.length()));
        if (mac == null || mac.length != Header.MAC_LENGTH) {
            throw failure("the MAC line does not hold a canonical base64 32-byte MAC");
        }
        return mac;
    }

    /** Reads one line, without its LF; refuses CR, non-ASCII, lines over {@code limit} and end of file. */
    private String readLine(int limit) throws IOException {
        lineNumber++;
        StringBuilder line = new StringBuilder(COLUMNS);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw failure("the file ends inside the age header (line " + lineNumber + ")");
            }
            if (raw.size() >= MAX_HEADER_BYTES) {
                throw failure("the age header is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            raw.write(b);
            if (b == '\n') {
                return line.toString();
            }
            if (b == '\r') {
                throw failure("line " + lineNumber + " contains a carriage return; age header lines end with LF only");
            }
            if (b < 0x20 || b > 0x7e) {
                throw failure("line " + lineNumber + " contains a byte that is not printable ASCII");
            }
            if (line.length() >= limit) {
                throw failure("line " + lineNumber + " of the header is longer than " + limit + " columns");
            }
            line.append((char) b);
        }
    }

    private static AgeException failure(String message) {
        return new AgeException(AgeException.Kind.HEADER, "malformed age header: " + message);
    }
}
