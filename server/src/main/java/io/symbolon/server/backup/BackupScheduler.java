package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.vault.backup.BackupRun;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs EP's coordinated backups on the schedule of its backup settings ({@link BackupSchedule}), checking
 * every second whether a run is due; {@code backup.conf} is read again whenever it changes.
 *
 * <ul>
 *   <li><b>Skipped</b>: a run that falls due while a backup is still running does not start; the skip and
 *       its reason are logged and kept in the status ({@link BackupHealth}). The next run is the
 *       schedule's next time after now — runs are never queued up.
 *   <li><b>Postponed</b>: a run due while a share refresh rewrites the shares, or while the Partner does
 *       not answer, waits for them, up to {@link #POSTPONE_LIMIT}; then it starts anyway and ends FAILED
 *       with the reason, so that the history says what happened.
 *   <li><b>Missed</b>: when EP starts (or the schedule changes) and the schedule had a time due after the
 *       newest backup in the history but before now — EP was down when it came — one backup runs at once;
 *       one, however many were missed. With no backup in the history, the time {@code backup.conf} was
 *       written stands for the newest backup.
 * </ul>
 */
public final class BackupScheduler implements AutoCloseable {
    /** How long a due run waits for a refresh to end or the Partner to answer before it starts anyway. */
    public static final Duration POSTPONE_LIMIT = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    /** What the scheduler drives: EP's {@link BackupService}. */
    interface Jobs {
        /** The backup running now, if any. */
        Optional<String> running();

        /** Starts a backup; {@code BACKUP_RUNNING} if one runs. */
        BackupRun start(String trigger);

        /** When the newest backup in the history started. */
        Optional<Instant> lastStarted();
    }

    private final DataDirectory directory;
    private final Jobs jobs;
    private final Supplier<Optional<String>> obstacle;
    private final BackupHealth health;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;
    private Optional<FileTime> readAt = Optional.empty();
    private Optional<BackupSchedule> schedule = Optional.empty();
    private Instant nextDue;
    private Instant postponedSince;

    /**
     * @param directory EP's data directory (its backup settings)
     * @param jobs starts backups
     * @param obstacle why a due run should wait now (a refresh under way, the Partner silent), if anything
     * @param health where skips are kept
     */
    BackupScheduler(
            DataDirectory directory, Jobs jobs, Supplier<Optional<String>> obstacle, BackupHealth health, Clock clock) {
        this.directory = directory;
        this.jobs = jobs;
        this.obstacle = obstacle;
        this.health = health;
        this.clock = clock;
    }

    /** Starts checking every second (the first check at once: a missed run starts now). */
    synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "symbolon-backup-schedule");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::safeTick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The schedule in force, if any. */
    public synchronized Optional<BackupSchedule> schedule() {
        return schedule;
    }

    /** When the next scheduled run is due, if there is a schedule. */
    public synchronized Optional<Instant> nextDue() {
        return Optional.ofNullable(nextDue);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("the backup schedule failed to run", e);
        }
    }

    /** One check: re-reads the settings if they changed, and starts, skips or postpones a due run. */
    synchronized void tick() {
        Instant now = clock.instant();
        reload(now);
        if (schedule.isEmpty() || nextDue == null || now.isBefore(nextDue)) {
            return;
        }
        Optional<String> running = jobs.running();
        if (running.isPresent()) {
            skip(now, "backup " + running.get() + " was still running");
            return;
        }
        Optional<String> wait = obstacle.get();
        if (wait.isPresent()) {
            if (postponedSince == null) {
                postponedSince = now;
                LOG.info("scheduled backup postponed due={} reason=\"{}\"", nextDue, wait.get());
            }
            if (Duration.between(postponedSince, now).compareTo(POSTPONE_LIMIT) < 0) {
                return;
            }
            LOG.info(
                    "scheduled backup starts after waiting {} s reason=\"{}\"", POSTPONE_LIMIT.toSeconds(), wait.get());
        }
        try {
            BackupRun run = jobs.start(BackupService.TRIGGER_SCHEDULE);
            LOG.info("scheduled backup started backup={} due={}", run.id(), nextDue);
            advance(now);
        } catch (SymbolonException e) {
            if (e.errorCode() != ErrorCode.BACKUP_RUNNING) {
                throw e;
            }
            skip(now, e.getMessage());
        }
    }

    private void skip(Instant now, String reason) {
        LOG.info("scheduled backup skipped due={} reason=\"{}\"", nextDue, reason);
        health.skipped(new BackupHealth.Skip(nextDue, reason));
        advance(now);
    }

    private void advance(Instant now) {
        postponedSince = null;
        nextDue = schedule.flatMap(s -> s.next(now)).orElse(null);
    }

    private void reload(Instant now) {
        Optional<FileTime> modified = BackupSettings.modified(directory);
        if (modified.equals(readAt)) {
            return;
        }
        readAt = modified;
        Optional<BackupSchedule> read = Optional.empty();
        if (modified.isPresent()) {
            try {
                read = BackupSettings.read(directory).schedule();
            } catch (SymbolonException e) {
                LOG.error(
                        "backup settings unreadable, no scheduled backups until they are fixed reason=\"{}\"",
                        e.getMessage());
            }
        }
        if (read.map(BackupSchedule::describe).equals(schedule.map(BackupSchedule::describe))) {
            return;
        }
        schedule = read;
        postponedSince = null;
        if (schedule.isEmpty()) {
            nextDue = null;
            LOG.info("backup schedule none");
            return;
        }
        Instant reference =
                jobs.lastStarted().or(() -> modified.map(FileTime::toInstant)).orElse(now);
        Optional<Instant> due = schedule.get().next(reference);
        if (due.isPresent() && !due.get().isAfter(now)) {
            LOG.info(
                    "scheduled backup missed while EP was down due={} lastBackup={}: running one now",
                    due.get(),
                    reference);
            nextDue = now;
        } else {
            nextDue = schedule.get().next(now).orElse(null);
        }
        LOG.info("backup schedule schedule=\"{}\" next={}", schedule.get().describe(), nextDue);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
