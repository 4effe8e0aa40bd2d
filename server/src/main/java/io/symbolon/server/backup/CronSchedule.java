package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A schedule in the five fields of Unix cron ({@code crontab(5)}): minute, hour, day of month, month,
 * day of week, evaluated in a time zone (UTC unless the settings name another).
 *
 * <pre>
 * 30 2 * * *        every day at 02:30
 * 0 *&#47;6 * * *      every six hours, on the hour
 * 15 3 * * 1-5      at 03:15 from Monday to Friday
 * 0 4 1,15 * *      at 04:00 on the 1st and the 15th
 * </pre>
 *
 * Each field is {@code *}, a number, a range {@code a-b}, a step {@code *&#47;n} or {@code a-b/n}, or a
 * comma-separated list of those; months and days of week also take English abbreviations ({@code jan},
 * {@code mon}); Sunday is 0 or 7. As in Vixie cron, when both the day of month and the day of week are
 * restricted (neither is {@code *}), a day matches if either matches. A local time that does not exist
 * (a daylight-saving gap) runs at the first instant after the gap; a local time that exists twice runs
 * once, at its first occurrence.
 *
 * @param text the five fields as written
 * @param zone the time zone the fields are read in
 */
record CronSchedule(
        String text,
        ZoneId zone,
        BitSet minutes,
        BitSet hours,
        BitSet days,
        BitSet months,
        BitSet weekdays,
        boolean anyDay,
        boolean anyWeekday)
        implements BackupSchedule {
    /** How far ahead {@link #next} looks before it concludes the schedule never fires (leap days, weekdays). */
    private static final int SEARCH_YEARS = 8;

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    CronSchedule {
        minutes = (BitSet) minutes.clone();
        hours = (BitSet) hours.clone();
        days = (BitSet) days.clone();
        months = (BitSet) months.clone();
        weekdays = (BitSet) weekdays.clone();
    }

    /** Parses the five fields; {@code USAGE} naming the field at fault. */
    static CronSchedule parse(String text, ZoneId zone) {
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 5) {
            throw invalid(
                    text,
                    "a cron schedule has five fields (minute hour day-of-month month day-of-week), e.g. '30 2 * * *',"
                            + " not " + fields.length);
        }
        BitSet weekdays = field(text, "day of week", fields[4], 0, 7, WEEKDAYS);
        if (weekdays.get(7)) {
            weekdays.set(0); // 7 is Sunday too
            weekdays.clear(7);
        }
        CronSchedule schedule = new CronSchedule(
                String.join(" ", fields),
                zone,
                field(text, "minute", fields[0], 0, 59, List.of()),
                field(text, "hour", fields[1], 0, 23, List.of()),
                field(text, "day of month", fields[2], 1, 31, List.of()),
                field(text, "month", fields[3], 1, 12, MONTHS),
                weekdays,
                fields[2].startsWith("*"),
                fields[4].startsWith("*"));
        if (schedule.next(Instant.parse("2000-01-01T00:00:00Z")).isEmpty()) {
            throw invalid(text, "no date ever matches it (e.g. the 31st of a month that has 30 days)");
        }
        return schedule;
    }

    @Override
    public Optional<Instant> next(Instant after) {
        ZonedDateTime start = after.atZone(zone);
        LocalDate day = start.toLocalDate();
        LocalDate last = day.plusYears(SEARCH_YEARS);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!months.get(day.getMonthValue()) || !dayMatches(day)) {
                continue;
            }
            for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                    LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, minute));
                    // ofLocal moves a time in a daylight-saving gap past the gap, and takes the earlier
                    // of two offsets in an overlap
                    Instant candidate = ZonedDateTime.ofLocal(local, zone, null).toInstant();
                    if (candidate.isAfter(after)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return text + (zone.equals(java.time.ZoneOffset.UTC) ? " (UTC)" : " (" + zone.getId() + ")");
    }

    private boolean dayMatches(LocalDate day) {
        boolean dayOfMonth = days.get(day.getDayOfMonth());
        boolean dayOfWeek = weekdays.get(
                day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        if (anyDay || anyWeekday) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek; // Vixie cron: both restricted, either one matches
    }

    private static BitSet field(String text, String name, String field, int min, int max, List<String> names) {
        BitSet values = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            if (part.isEmpty()) {
                throw invalid(text, "the " + name + " field '" + field + "' has an empty list element");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(text, name, part.substring(slash + 1), 1, max - min + 1, List.of());
                if (!range.equals("*") && !range.contains("-")) {
                    throw invalid(
                            text,
                            "the " + name + " field's '" + part + "': a step goes with '*' or a range, e.g. '*/" + step
                                    + "' or '" + range + "-" + max + "/" + step + "'");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", -1);
                if (bounds.length != 2) {
                    throw invalid(text, "the " + name + " field's '" + part + "' is not a range a-b");
                }
                from = number(text, name, bounds[0], min, max, names);
                to = number(text, name, bounds[1], min, max, names);
                if (to < from) {
                    throw invalid(text, "the " + name + " field's range '" + range + "' runs backwards");
                }
            } else {
                from = number(text, name, range, min, max, names);
                to = from;
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, String name, String value, int min, int max, List<String> names) {
        int index = names.indexOf(value.toLowerCase(Locale.ROOT));
        if (index >= 0) {
            return index + (name.equals("month") ? 1 : 0);
        }
        if (!value.matches("[0-9]{1,2}")) {
            throw invalid(
                    text,
                    "the " + name + " field's '" + value + "' is not a number" + (names.isEmpty() ? "" : " or a name"));
        }
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw invalid(text, "the " + name + " field's " + number + " is outside " + min + "-" + max);
        }
        return number;
    }

    private static SymbolonException invalid(String text, String why) {
        return new SymbolonException(ErrorCode.USAGE, "schedule '" + text.strip() + "': " + why);
    }
}
