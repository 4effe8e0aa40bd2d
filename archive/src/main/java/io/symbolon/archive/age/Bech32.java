package io.symbolon.archive.age;

import java.util.Arrays;
import java.util.Locale;

/**
 * Bech32 as age uses it (age.md, "Conventions used in this document"): BIP173 without its 90-character
 * limit; a string is all lowercase or all uppercase, and the checksum is over the lowercase form.
 * Error messages never repeat the input, which may be a secret key.
 */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int CHECKSUM_LENGTH = 6;

    private Bech32() {}

    /** A decoded string: its human-readable part, in the case it was written in, and its data. */
    public record Decoded(String hrp, byte[] data) {}

    /**
     * Encodes {@code data} under {@code hrp}. The result is uppercase if {@code hrp} is uppercase (as in
     * {@code AGE-SECRET-KEY-1…}) and lowercase otherwise.
     */
    public static String encode(String hrp, byte[] data) {
        boolean upper = !hrp.equals(hrp.toLowerCase(Locale.ROOT));
        if (upper && !hrp.equals(hrp.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a Bech32 human-readable part is all lowercase or all uppercase");
        }
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        checkHrp(lowerHrp);
        byte[] values = toFiveBits(data);
        byte[] checksum = checksum(lowerHrp, values);
        StringBuilder out = new StringBuilder(lowerHrp.length() + 1 + values.length + CHECKSUM_LENGTH);
        out.append(lowerHrp).append('1');
        for (byte value : values) {
            out.append(CHARSET.charAt(value));
        }
        for (byte value : checksum) {
            out.append(CHARSET.charAt(value));
        }
        Arrays.fill(values, (byte) 0);
        String encoded = out.toString();
        return upper ? encoded.toUpperCase(Locale.ROOT) : encoded;
    }

    /** Decodes a Bech32 string, or throws {@link IllegalArgumentException} saying why it is not one. */
    public static Decoded decode(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals(text) && !text.toUpperCase(Locale.ROOT).equals(text)) {
            throw new IllegalArgumentException("Bech32 text mixes uppercase and lowercase");
        }
        int separator = lower.lastIndexOf('1');
        if (separator < 1 || separator + 1 + CHECKSUM_LENGTH > lower.length()) {
            throw new IllegalArgumentException("Bech32 text lacks a human-readable part or a checksum");
        }
        String lowerHrp = lower.substring(0, separator);
        checkHrp(lowerHrp);
        byte[] values = new byte[lower.length() - separator - 1];
        try {
            for (int i = 0; i < values.length; i++) {
                int value = CHARSET.indexOf(lower.charAt(separator + 1 + i));
                if (value < 0) {
                    throw new IllegalArgumentException("Bech32 text contains a character outside its alphabet");
                }
                values[i] = (byte) value;
            }
            if (polymod(lowerHrp, values, values.length) != 1) {
                throw new IllegalArgumentException("Bech32 checksum does not match");
            }
            byte[] data = fromFiveBits(values, values.length - CHECKSUM_LENGTH);
            return new Decoded(text.substring(0, separator), data);
        } finally {
            Arrays.fill(values, (byte) 0);
        }
    }

    private static void checkHrp(String hrp) {
        if (hrp.isEmpty()) {
            throw new IllegalArgumentException("a Bech32 human-readable part is not empty");
        }
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("a Bech32 human-readable part is printable ASCII");
            }
        }
    }

    private static byte[] checksum(String hrp, byte[] values) {
        byte[] padded = Arrays.copyOf(values, values.length + CHECKSUM_LENGTH);
        int mod = polymod(hrp, padded, padded.length) ^ 1;
        Arrays.fill(padded, (byte) 0);
        byte[] checksum = new byte[CHECKSUM_LENGTH];
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            checksum[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return checksum;
    }

    private static int polymod(String hrp, byte[] values, int length) {
        int checksum = 1;
        for (int i = 0; i < hrp.length(); i++) {
            checksum = step(checksum, hrp.charAt(i) >> 5);
        }
        checksum = step(checksum, 0);
        for (int i = 0; i < hrp.length(); i++) {
            checksum = step(checksum, hrp.charAt(i) & 31);
        }
        for (int i = 0; i < length; i++) {
            checksum = step(checksum, values[i]);
        }
        return checksum;
    }

    private static int step(int checksum, int value) {
        int top = checksum >>> 25;
        checksum = ((checksum & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < GENERATOR.length; i++) {
            if (((top >>> i) & 1) != 0) {
                checksum ^= GENERATOR[i];
            }
        }
        return checksum;
    }

    private static byte[] toFiveBits(byte[] data) {
        byte[] out = new byte[(data.length * 8 + 4) / 5];
        int accumulator = 0;
        int bits = 0;
        int index = 0;
        for (byte b : data) {
            accumulator = (accumulator << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[index++] = (byte) ((accumulator >>> bits) & 31);
            }
        }
        if (bits > 0) {
            out[index] = (byte) ((accumulator << (5 - bits)) & 31);
        }
        return out;
    }

    /** Regroups 5-bit values into bytes; the left-over bits must be fewer than five and all zero. */
    private static byte[] fromFiveBits(byte[] values, int length) {
        byte[] out = new byte[length * 5 / 8];
        int index = 0;
        int accumulator = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            accumulator = ((accumulator << 5) | values[i]) & 0xfff;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[index++] = (byte) (accumulator >>> bits);
            }
        }
        if (bits >= 5 || ((accumulator << (8 - bits)) & 0xff) != 0) {
            Arrays.fill(out, (byte) 0);
            throw new IllegalArgumentException("Bech32 data has invalid padding");
        }
        return out;
    }
}
