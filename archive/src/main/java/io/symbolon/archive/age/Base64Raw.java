package io.symbolon.archive.age;

import java.util.Base64;

/**
 * The base64 of the age header (age.md, "Conventions used in this document"): the standard alphabet
 * without {@code =} padding, and only canonical encodings (RFC 4648 §3.5: unused trailing bits zero).
 */
public final class Base64Raw {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private Base64Raw() {}

    public static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /**
     * Decodes canonical unpadded base64, or throws {@link AgeException} of kind {@code HEADER} naming
     * {@code what} (e.g. "the X25519 share"); the encoded text is never put in the message.
     */
    public static byte[] decode(String text, String what) {
        byte[] decoded = decodeOrNull(text);
        if (decoded == null) {
            throw new AgeException(AgeException.Kind.HEADER, what + " is not canonical unpadded base64");
        }
        return decoded;
    }

    /** Decodes canonical unpadded base64, or returns {@code null} if {@code text} is anything else. */
    public static byte[] decodeOrNull(String text) {
        if (text.length() % 4 == 1) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!alphabet) {
                return null;
            }
        }
        byte[] decoded = DECODER.decode(text);
        // The JDK ignores non-zero unused bits in the last character; re-encoding exposes them.
        return ENCODER.encodeToString(decoded).equals(text) ? decoded : null;
    }
}
