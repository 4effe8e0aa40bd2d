package io.symbolon.server.replay;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What makes one pair-channel message unique: a random request id EP draws for it and the time EP sent
 * it. The Partner's {@link ReplayGuard} accepts each id once, and only while it is fresh.
 *
 * @param id 32 lowercase hex digits (128 random bits)
 * @param sentAt when EP sent the message, in milliseconds since 1970-01-01 UTC (EP's clock)
 */
public record MessageStamp(String id, long sentAt) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    public MessageStamp {
        if (id == null || !ID.matcher(id).matches()) {
            throw new SymbolonException(ErrorCode.USAGE, "a message stamp's id is 32 lowercase hex digits");
        }
    }

    /** A new stamp: a fresh random id, sent now. */
    public static MessageStamp fresh(SecureRandom random, Clock clock) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new MessageStamp(HexFormat.of().formatHex(id), clock.millis());
    }
}
