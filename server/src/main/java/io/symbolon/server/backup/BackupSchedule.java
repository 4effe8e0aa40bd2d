package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When EP runs its scheduled coordinated backups ({@code schedule=} in {@code backup.conf}), in the
 * syntax of Unix cron, which most operators already know ({@link CronSchedule}), with its usual
 * shorthands and one extension:
 *
 * <pre>
 * schedule=30 2 * * *       five cron fields: every day at 02:30 (UTC unless schedule.timeZone says otherwise)
 * schedule=@daily           @hourly, @daily (= 0 0 * * *), @weekly, @monthly, @yearly
 * schedule=@every 6h        a fixed interval from EP's start ({@link IntervalSchedule}): s, m, h or d
 * </pre>
 *
 * A schedule only answers "when next, after this instant"; {@link BackupScheduler} decides what to do
 * with a run that is due while another backup runs, or that was missed while EP was down.
 */
public sealed interface BackupSchedule permits CronSchedule, IntervalSchedule {
    /** cron's shorthands (crontab(5)). */
    Map<String, String> SHORTHANDS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    /** The first time after {@code after} the schedule is due; empty if it never is again. */
    Optional<Instant> next(Instant after);

    /** The schedule as the operator wrote it, with its time zone, for messages and the status API. */
    String describe();

    /** The schedule as written in the settings (without the time zone). */
    String text();

    /** The time zone cron fields are read in (UTC for {@code @every}). */
    default ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /**
     * Parses a schedule; {@code USAGE} saying what is wrong and what the syntax is.
     *
     * @param text as in {@code backup.conf}
     * @param timeZone the time zone of cron fields (an id such as {@code Europe/Paris}); empty for UTC
     */
    static BackupSchedule parse(String text, Optional<String> timeZone) {
        ZoneId zone = ZoneOffset.UTC;
        if (timeZone.isPresent()) {
            try {
                zone = ZoneId.of(timeZone.get());
            } catch (DateTimeException e) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "schedule.timeZone '" + timeZone.get() + "' is not a time zone id (e.g. UTC, Europe/Paris)");
            }
        }
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new SymbolonException(ErrorCode.USAGE, "the schedule is empty; e.g. '30 2 * * *' or '@every 6h'");
        }
        String lower = stripped.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@every")) {
            return IntervalSchedule.parse(stripped);
        }
        if (lower.startsWith("@")) {
            String cron = SHORTHANDS.get(lower);
            if (cron == null) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "schedule '" + stripped + "': unknown shorthand; known: @every <interval>, "
                                + String.join(", ", new java.util.TreeSet<>(SHORTHANDS.keySet())));
            }
            CronSchedule parsed = CronSchedule.parse(cron, zone);
            return new CronSchedule(
                    lower,
                    zone,
                    parsed.minutes(),
                    parsed.hours(),
                    parsed.days(),
                    parsed.months(),
                    parsed.weekdays(),
                    parsed.anyDay(),
                    parsed.anyWeekday());
        }
        return CronSchedule.parse(stripped, zone);
    }
}
