package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** backup.conf's {@code schedule=}: cron's five fields, its shorthands, and {@code @every}. */
class BackupScheduleTest {
    private static final Instant AFTER = Instant.parse("2026-11-23T10:17:42Z"); // a Monday

    private static Instant next(String schedule, Instant after) {
        return BackupSchedule.parse(schedule, Optional.empty()).next(after).orElseThrow();
    }

    @ParameterizedTest(name = "''{0}'' after 2026-11-23T10:17:42Z (Mon) → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "30 2 * * *          | 2026-11-24T02:30:00Z",
                "*/15 * * * *        | 2026-11-23T10:30:00Z",
                "* * * * *           | 2026-11-23T10:18:00Z",
                "0 */6 * * *         | 2026-11-23T12:00:00Z",
                "0 9-17/4 * * *      | 2026-11-23T13:00:00Z",
                "15 3 * * 1-5        | 2026-11-24T03:15:00Z",
                "0 4 1,15 * *        | 2026-12-01T04:00:00Z",
                "0 0 * * sun         | 2026-11-29T00:00:00Z",
                "0 0 * * 7           | 2026-11-29T00:00:00Z",
                "0 0 * * 0           | 2026-11-29T00:00:00Z",
                "0 0 1 jan *         | 2027-01-01T00:00:00Z",
                "0 0 29 2 *          | 2028-02-29T00:00:00Z",
                "0 0 13 * 5          | 2026-11-27T00:00:00Z",
                "0 0 13 * *          | 2026-12-13T00:00:00Z",
                "17 10 * * *         | 2026-11-24T10:17:00Z",
                "18 10 * * *         | 2026-11-23T10:18:00Z",
                "@hourly             | 2026-11-23T11:00:00Z",
                "@daily              | 2026-11-24T00:00:00Z",
                "@weekly             | 2026-11-29T00:00:00Z",
                "@monthly            | 2026-12-01T00:00:00Z",
                "@yearly             | 2027-01-01T00:00:00Z",
                "@every 6h           | 2026-11-23T16:17:42Z",
                "@every 1h30m        | 2026-11-23T11:47:42Z",
                "@every 5s           | 2026-11-23T10:17:47Z",
                "@every 1d           | 2026-11-24T10:17:42Z",
            })
    void findsTheNextTimeDue(String schedule, String expected) {
        assertThat(next(schedule, AFTER)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void isStrictlyAfterTheGivenInstantAndStepsThroughEveryTime() {
        Instant due = next("30 2 * * *", AFTER);
        assertThat(next("30 2 * * *", due)).isEqualTo(due.plus(Duration.ofDays(1)));
        Instant quarter = Instant.parse("2026-11-23T10:15:00Z");
        assertThat(next("*/15 * * * *", quarter)).isEqualTo(Instant.parse("2026-11-23T10:30:00Z"));
    }

    @Test
    void readsCronFieldsInTheTimeZoneAcrossDaylightSaving() {
        BackupSchedule paris = BackupSchedule.parse("30 2 * * *", Optional.of("Europe/Paris"));
        // 2026-03-29: 02:00 → 03:00 in Paris; 02:30 does not exist and runs at 03:30 CEST (01:30Z)
        assertThat(paris.next(Instant.parse("2026-03-28T12:00:00Z"))).contains(Instant.parse("2026-03-29T01:30:00Z"));
        // 2026-10-25: 03:00 → 02:00; 02:30 happens twice and runs once, at the first (00:30Z)
        Instant first = paris.next(Instant.parse("2026-10-24T12:00:00Z")).orElseThrow();
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(paris.next(first)).contains(Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(paris.describe()).isEqualTo("30 2 * * * (Europe/Paris)");
        assertThat(BackupSchedule.parse("30 2 * * *", Optional.empty()).describe())
                .isEqualTo("30 2 * * * (UTC)");
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                  | the schedule is empty",
                "30 2 * *            | five fields",
                "30 2 * * * *        | five fields",
                "60 2 * * *          | minute field's 60 is outside 0-59",
                "30 24 * * *         | hour field's 24 is outside 0-23",
                "30 2 0 * *          | day of month field's 0 is outside 1-31",
                "30 2 * 13 *         | month field's 13 is outside 1-12",
                "30 2 * * 8          | day of week field's 8 is outside 0-7",
                "30 2 * * mon-fry    | day of week field's 'fry' is not a number or a name",
                "x 2 * * *           | minute field's 'x' is not a number",
                "5-1 2 * * *         | range '5-1' runs backwards",
                "*/0 2 * * *         | minute field's 0 is outside 1-60",
                "5/10 2 * * *        | a step goes with '*' or a range",
                "1,,2 2 * * *        | empty list element",
                "0 0 30 2 *          | no date ever matches",
                "0 0 31 4,6,9,11 *   | no date ever matches",
                "@fortnightly        | unknown shorthand",
                "@every              | '@every' takes an interval",
                "@every 6            | '@every' takes an interval",
                "@every 6w           | '@every' takes an interval",
                "@every 0s           | at least 1s",
            })
    void refusesWhatItCannotRunSayingWhy(String schedule, String why) {
        assertThatThrownBy(() -> BackupSchedule.parse(schedule, Optional.empty()))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining(why)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.USAGE);
    }

    @Test
    void refusesAnUnknownTimeZone() {
        assertThatThrownBy(() -> BackupSchedule.parse("30 2 * * *", Optional.of("Mars/Olympus")))
                .hasMessageContaining("schedule.timeZone 'Mars/Olympus' is not a time zone id");
    }

    @Test
    void keepsTheTextAsWrittenForTheSettingsFile() {
        assertThat(BackupSchedule.parse("  30   2 * *  * ", Optional.empty()).text())
                .isEqualTo("30 2 * * *");
        assertThat(BackupSchedule.parse("@Daily", Optional.empty()).text()).isEqualTo("@daily");
        assertThat(BackupSchedule.parse("@every 1h 30m", Optional.empty()).text())
                .isEqualTo("@every 1h30m");
    }
}
