package io.symbolon.server.replay;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Partner's refusal of replayed pair-channel messages (joint signing, ECDH and refresh). TLS already
 * refuses a replayed or altered record on the wire; this guards the application against a message
 * delivered twice by anything that can reach it (a captured request sent again, a retry of a request
 * that had in fact arrived). Each message carries a {@link MessageStamp}; a stamp is accepted once, and
 * only when it was sent less than {@link #FRESHNESS} ago (or ahead, for clocks that differ). Ids are
 * remembered for twice that, so a stamp is either remembered or refused as stale: never accepted twice.
 *
 * <p>Memory: one entry per message of the last two minutes, swept as new ones arrive, and at most
 * {@link #CAPACITY} (then messages are refused as {@code THROTTLED} until old ones expire). In memory
 * only: after a restart the freshness window alone protects, which is why it is short. Thread-safe.
 */
public final class ReplayGuard {
    /** How old (or how far ahead of this node's clock) a message may be. */
    public static final Duration FRESHNESS = Duration.ofSeconds(60);
    /** How many ids are remembered at most. */
    public static final int CAPACITY = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
    private static final long SWEEP_EVERY = 4096;

    private final Clock clock;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();

    public ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    /**
     * Accepts {@code stamp} for a message of kind {@code what} (for the refusal's wording), or refuses
     * it: {@code FORBIDDEN} for a replay or a stale message, {@code USAGE} when it has none.
     */
    public void accept(MessageStamp stamp, String what) {
        if (stamp == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a " + what + " message needs a stamp (id and time)");
        }
        long now = clock.millis();
        long freshness = FRESHNESS.toMillis();
        if (Math.abs(now - stamp.sentAt()) > freshness) {
            LOG.warn(
                    "pair message refused as stale kind={} id={} ageMillis={}", what, stamp.id(), now - stamp.sentAt());
            throw new SymbolonException(
                    ErrorCode.FORBIDDEN,
                    "the " + what + " message " + stamp.id() + " was sent " + (now - stamp.sentAt())
                            + " ms from now, outside the " + FRESHNESS.toSeconds() + " s window: refused as stale (a"
                            + " replay, or the two nodes' clocks differ; keep them in time with NTP)");
        }
        if (accepted.incrementAndGet() % SWEEP_EVERY == 0 || seen.size() >= CAPACITY) {
            sweep(now);
        }
        if (seen.size() >= CAPACITY) {
            throw new SymbolonException(
                    ErrorCode.THROTTLED, "too many pair-channel messages in the last minutes; retry shortly");
        }
        if (seen.putIfAbsent(stamp.id(), stamp.sentAt() + 2 * freshness) != null) {
            LOG.warn("pair message refused as a replay kind={} id={}", what, stamp.id());
            throw new SymbolonException(
                    ErrorCode.FORBIDDEN,
                    "the " + what + " message " + stamp.id() + " was already received: a replay, refused");
        }
    }

    /** How many ids are remembered now. */
    public int remembered() {
        return seen.size();
    }

    private void sweep(long now) {
        seen.values().removeIf(expiry -> expiry < now);
    }
}
