package io.symbolon.server.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failed logins in a row for one login name,
 * or {@link #FREE_ADDRESS_FAILURES} from one source address, further attempts are refused without
 * checking the password until a back-off has passed (doubling from one second, at most five minutes).
 * A success clears the login's count. Unknown and known login names are throttled alike, so a refusal
 * says nothing about whether a user exists. Bounded memory: the least recently seen entries are
 * forgotten past {@link #MAX_TRACKED}. Thread-safe.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    public static final int FREE_ADDRESS_FAILURES = 20;
    static final int MAX_TRACKED = 100_000;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Failures> logins = lru();
    private final Map<String, Failures> addresses = lru();

    private record Failures(int count, Instant blockedUntil) {}

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code login} from {@code address} must wait, if it is blocked now. */
    public synchronized Optional<Duration> blocked(String login, String address) {
        Instant now = clock.instant();
        Instant until = later(until(logins.get(login)), until(addresses.get(address)));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public synchronized void failed(String login, String address) {
        record(logins, login, FREE_FAILURES);
        record(addresses, address, FREE_ADDRESS_FAILURES);
    }

    public synchronized void succeeded(String login) {
        logins.remove(login);
    }

    private void record(Map<String, Failures> map, String key, int free) {
        Failures previous = map.get(key);
        int count = previous == null ? 1 : previous.count() + 1;
        Instant until = Instant.MIN;
        if (count >= free) {
            long seconds = 1L << Math.min(count - free, 16);
            Duration backoff = Duration.ofSeconds(seconds);
            until = clock.instant().plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
        }
        map.put(key, new Failures(count, until));
    }

    private static Instant until(Failures failures) {
        return failures == null ? Instant.MIN : failures.blockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Map<String, Failures> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
