package io.symbolon.archive.age;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The ASCII armor of age files (age.md, "ASCII armor"): the strict PEM encoding of RFC 7468 §3 with
 * the label {@code AGE ENCRYPTED FILE}, padded base64 in 64-column lines. Decoding tolerates what the
 * specification allows — whitespace before and after the PEM block and CRLF line ends (used
 * consistently) — and refuses everything else with {@link AgeException} of kind {@code ARMOR}.
 */
public final class Armor {
    static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    static final String END = "-----END AGE ENCRYPTED FILE-----";
    /** Whitespace accepted before and after the PEM block, at most. */
    static final int MAX_WHITESPACE = 1024;

    private Armor() {}

    /** A stream of the binary age file armored in {@code in}, checked as it is read. */
    public static InputStream decode(InputStream in) {
        return new ArmorDecoder(in);
    }

    /** A stream that armors what is written to it into {@code out}; closing it ends the armor and {@code out}. */
    public static OutputStream encode(OutputStream out) throws IOException {
        return new ArmorEncoder(out);
    }

    /**
     * Whether the stream starts, after optional whitespace, with the armor's first line; it peeks
     * without consuming, so {@code in} must support mark/reset.
     */
    public static boolean looksArmored(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("looksArmored needs a stream that supports mark and reset");
        }
        in.mark(MAX_WHITESPACE + BEGIN.length());
        try {
            return looksArmored(in.readNBytes(MAX_WHITESPACE + BEGIN.length()));
        } finally {
            in.reset();
        }
    }

    /** Whether {@code prefix}, the first bytes of a file, starts like armor after optional whitespace. */
    public static boolean looksArmored(byte[] prefix) {
        int start = 0;
        while (start < prefix.length && isWhitespace(prefix[start])) {
            start++;
        }
        byte[] begin = BEGIN.getBytes(StandardCharsets.US_ASCII);
        if (prefix.length - start < begin.length) {
            return false;
        }
        for (int i = 0; i < begin.length; i++) {
            if (prefix[start + i] != begin[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
