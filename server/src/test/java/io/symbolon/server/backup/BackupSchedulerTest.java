package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.vault.backup.BackupHistory;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.backup.BackupState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EP's scheduler, one check at a time on a clock the test moves: due runs, skips, postponements, missed runs. */
class BackupSchedulerTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:30Z");

    @TempDir
    Path folder;

    private DataDirectory directory;
    private final MovingClock clock = new MovingClock(START);
    private final FakeJobs jobs = new FakeJobs();
    private Optional<String> obstacle = Optional.empty();
    private BackupHealth health;
    private BackupScheduler scheduler;

    @BeforeEach
    void setUp() {
        directory = new DataDirectory(folder);
        health = new BackupHealth(new EmptyHistory());
        scheduler = new BackupScheduler(directory, jobs, () -> obstacle, health, clock);
    }

    private void settings(String schedule, Instant written) throws IOException {
        Path file = folder.resolve(BackupSettings.FILE);
        Files.writeString(file, "keystore=backup.jceks\n" + (schedule == null ? "" : "schedule=" + schedule + "\n"));
        Files.setLastModifiedTime(file, FileTime.from(written));
    }

    /** Moves the clock second by second up to {@code until}, checking at each second as the scheduler does. */
    private void runUntil(Instant until) {
        while (clock.instant().isBefore(until)) {
            clock.advance(Duration.ofSeconds(1));
            scheduler.tick();
        }
    }

    @Test
    void startsABackupEachTimeTheScheduleIsDue() throws IOException {
        settings("*/10 * * * *", START);
        scheduler.tick();
        assertThat(scheduler.nextDue()).contains(Instant.parse("2026-11-23T10:10:00Z"));

        runUntil(Instant.parse("2026-11-23T10:35:00Z"));

        assertThat(jobs.started)
                .containsExactly(
                        Instant.parse("2026-11-23T10:10:00Z"),
                        Instant.parse("2026-11-23T10:20:00Z"),
                        Instant.parse("2026-11-23T10:30:00Z"));
        assertThat(jobs.triggers).containsOnly(BackupService.TRIGGER_SCHEDULE);
        assertThat(health.skips()).isEmpty();
    }

    @Test
    void skipsARunDueWhileABackupRunsAndSaysWhich() throws IOException {
        settings("*/10 * * * *", START);
        scheduler.tick();
        jobs.running = Optional.of("7271a7e8ea24b369");

        runUntil(Instant.parse("2026-11-23T10:15:00Z"));
        jobs.running = Optional.empty();
        runUntil(Instant.parse("2026-11-23T10:25:00Z"));

        assertThat(jobs.started).containsExactly(Instant.parse("2026-11-23T10:20:00Z"));
        assertThat(health.skippedCount()).isEqualTo(1);
        assertThat(health.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.due()).isEqualTo(Instant.parse("2026-11-23T10:10:00Z"));
            assertThat(skip.reason()).contains("backup 7271a7e8ea24b369 was still running");
        });
    }

    @Test
    void skipsWhenTheBackupServiceRefusesBecauseOneJustStarted() throws IOException {
        settings("*/10 * * * *", START);
        jobs.refuse = true;
        runUntil(Instant.parse("2026-11-23T10:11:00Z"));
        assertThat(jobs.started).isEmpty();
        assertThat(health.skips())
                .singleElement()
                .satisfies(skip -> assertThat(skip.reason()).contains("already running"));
    }

    @Test
    void runsOnceAtStartWhenARunWasMissedWhileEpWasDown() throws IOException {
        settings("0 2 * * *", START.minus(Duration.ofDays(10)));
        jobs.lastStarted = Optional.of(Instant.parse("2026-11-22T01:00:00Z")); // before yesterday's 02:00

        scheduler.tick();

        assertThat(jobs.started).containsExactly(START);
        assertThat(scheduler.nextDue()).contains(Instant.parse("2026-11-24T02:00:00Z"));
    }

    @Test
    void doesNotRunAtStartWhenNothingWasMissed() throws IOException {
        settings("0 2 * * *", START.minus(Duration.ofDays(10)));
        jobs.lastStarted = Optional.of(Instant.parse("2026-11-23T02:00:00Z"));
        scheduler.tick();
        assertThat(jobs.started).isEmpty();

        settings("0 2 * * *", START.minusSeconds(5)); // no backup yet: the settings' time stands for the last one
        jobs.lastStarted = Optional.empty();
        BackupScheduler fresh = new BackupScheduler(directory, jobs, () -> obstacle, health, clock);
        fresh.tick();
        assertThat(jobs.started).isEmpty();
        assertThat(fresh.nextDue()).contains(Instant.parse("2026-11-24T02:00:00Z"));
    }

    @Test
    void postponesWhileARefreshRunsThenStartsAnywayAfterTheLimit() throws IOException {
        settings("*/10 * * * *", START);
        scheduler.tick();
        obstacle = Optional.of("a share refresh is under way");
        runUntil(Instant.parse("2026-11-23T10:12:00Z"));
        assertThat(jobs.started).isEmpty();
        obstacle = Optional.empty();
        runUntil(Instant.parse("2026-11-23T10:12:01Z"));
        assertThat(jobs.started).containsExactly(Instant.parse("2026-11-23T10:12:01Z"));

        obstacle = Optional.of("the Partner does not answer");
        runUntil(Instant.parse("2026-11-23T10:20:00Z").plus(BackupScheduler.POSTPONE_LIMIT));
        assertThat(jobs.started)
                .last()
                .isEqualTo(Instant.parse("2026-11-23T10:20:00Z").plus(BackupScheduler.POSTPONE_LIMIT));
    }

    @Test
    void followsTheSettingsWhenTheyChangeAndStopsWithoutASchedule() throws IOException {
        settings(null, START.minusSeconds(60));
        scheduler.tick();
        assertThat(scheduler.nextDue()).isEmpty();
        assertThat(scheduler.schedule()).isEmpty();

        settings("@every 30s", START);
        runUntil(START.plusSeconds(65));
        assertThat(jobs.started).containsExactly(START.plusSeconds(31), START.plusSeconds(61));

        settings(null, START.plusSeconds(65));
        runUntil(START.plusSeconds(200));
        assertThat(jobs.started).hasSize(2);
        assertThat(scheduler.nextDue()).isEmpty();
    }

    @Test
    void stopsTheScheduleWhenTheSettingsBreak() throws IOException {
        settings("*/10 * * * *", START);
        scheduler.tick();
        Path file = folder.resolve(BackupSettings.FILE);
        Files.writeString(file, "keystore=backup.jceks\nschedule=every day\n");
        Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(1)));
        runUntil(Instant.parse("2026-11-23T10:10:01Z"));
        // an unreadable file stops the schedule (the error is logged) rather than guessing
        assertThat(scheduler.schedule()).isEmpty();
        assertThat(jobs.started).isEmpty();
    }

    private final class FakeJobs implements BackupScheduler.Jobs {
        Optional<String> running = Optional.empty();
        Optional<Instant> lastStarted = Optional.empty();
        boolean refuse;
        final List<Instant> started = new ArrayList<>();
        final List<String> triggers = new ArrayList<>();

        @Override
        public Optional<String> running() {
            return running;
        }

        @Override
        public BackupRun start(String trigger) {
            if (refuse) {
                throw new SymbolonException(ErrorCode.BACKUP_RUNNING, "backup 0000000000000001 is already running");
            }
            started.add(clock.instant());
            triggers.add(trigger);
            return BackupRun.started("7271a7e8ea24b36a", trigger, clock.instant(), "database_x.tar.gz", List.of(), "1");
        }

        @Override
        public Optional<Instant> lastStarted() {
            return lastStarted;
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class EmptyHistory implements BackupHistory {
        @Override
        public void insert(BackupRun run) {}

        @Override
        public void update(BackupRun run) {}

        @Override
        public Optional<BackupRun> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<BackupRun> recent(int limit) {
            return List.of();
        }

        @Override
        public Optional<BackupRun> latest(BackupState state) {
            return Optional.empty();
        }

        @Override
        public int failUnfinished(Instant when, String reason) {
            return 0;
        }
    }
}
