package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code @every <interval>}: due every interval, counted from when the previous run was due (or from
 * EP's start), as in the Go cron library's {@code @every}. The interval is a whole number of seconds ({@code s}),
 * minutes ({@code m}), hours ({@code h}) or days ({@code d}), or a sum of them ({@code 1h30m}). Intervals
 * under a minute are meant for tests and drills: a backup of a large node outlasts them, and the runs due
 * meanwhile are skipped.
 *
 * @param text as written, e.g. {@code @every 6h}
 * @param interval the interval
 */
record IntervalSchedule(String text, Duration interval) implements BackupSchedule {
    IntervalSchedule {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new SymbolonException(ErrorCode.USAGE, "schedule '" + text + "': the interval must be at least 1s");
        }
    }

    static IntervalSchedule parse(String text) {
        String value = text.strip().substring("@every".length()).strip().replace(" ", "");
        Duration interval = Intervals.parse(value)
                .orElseThrow(() -> new SymbolonException(
                        ErrorCode.USAGE,
                        "schedule '" + text.strip() + "': '@every' takes an interval such as 6h, 90m, 1h30m or 1d"));
        return new IntervalSchedule("@every " + value, interval);
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.plus(interval));
    }

    @Override
    public String describe() {
        return text;
    }
}
