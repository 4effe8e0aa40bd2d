package io.symbolon.server.backup;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intervals as operators write them: a whole number of seconds ({@code s}), minutes ({@code m}), hours
 * ({@code h}) or days ({@code d}), or a sum of them ({@code 1h30m}) — {@code @every} schedules and
 * {@code symbolon backup status --max-age}.
 */
public final class Intervals {
    private static final Pattern PART = Pattern.compile("([0-9]{1,6})([smhd])");
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]{1,6}[smhd])+");

    private Intervals() {}

    /** The interval {@code text} (spaces ignored) says, or empty if it is not one. */
    public static Optional<Duration> parse(String text) {
        String value = text.strip().replace(" ", "");
        if (!WHOLE.matcher(value).matches()) {
            return Optional.empty();
        }
        Duration interval = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            interval = interval.plus(
                    switch (part.group(2)) {
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        return Optional.of(interval);
    }
}
