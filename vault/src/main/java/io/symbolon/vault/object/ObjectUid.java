package io.symbolon.vault.object;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An object's unique id, written {@code 0x00} followed by 16 lowercase hex digits, e.g. {@code
 * 0x0063858a832dc39a59} (the seeds' form).
 *
 * <p>Uids are random and positive: 63 random bits, so that they are stored as a plain signed 64-bit
 * integer in both databases and ascending numeric order, ascending text order and the order of every
 * snapshot are the same thing on EP and Partner.
 */
public record ObjectUid(long value) implements Comparable<ObjectUid> {
    private static final Pattern TEXT = Pattern.compile("0x00[0-7][0-9a-f]{15}");

    public ObjectUid {
        if (value <= 0) {
            throw new SymbolonException(ErrorCode.USAGE, "a uid is a positive 63-bit number, not " + value);
        }
    }

    /** A fresh random uid; the database's primary key refuses the (negligible) collision. */
    public static ObjectUid random(SecureRandom random) {
        long value;
        do {
            value = random.nextLong() >>> 1;
        } while (value == 0);
        return new ObjectUid(value);
    }

    /** Parses {@code 0x00} + 16 hex digits (either case), naming the text when it is not a uid. */
    public static ObjectUid parse(String text) {
        String lower = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
        if (!TEXT.matcher(lower).matches()) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "'" + text + "' is not a uid: expected 0x00 followed by 16 hex digits");
        }
        return new ObjectUid(HexFormat.fromHexDigitsToLong(lower, 4, 20));
    }

    @Override
    public int compareTo(ObjectUid other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "0x00" + HexFormat.of().toHexDigits(value);
    }
}
