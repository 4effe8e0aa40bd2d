package io.symbolon.server.backup;

import io.symbolon.vault.backup.BackupHistory;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.backup.BackupState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator needs to know about EP's backups at a glance, for the status API and {@code /metrics}:
 * the last successful backup, the last finished one and how long it took, how many ended in each state
 * since EP started, the scheduled runs skipped and why, and the last pruning of archives. Started from
 * the history (so the last success survives a restart of EP), then kept up to date by {@link
 * BackupService} and {@link BackupScheduler}. Thread-safe.
 */
public final class BackupHealth {
    /** How many skipped runs the status keeps. */
    static final int KEPT_SKIPS = 10;

    private final Map<BackupState, Long> runs = new EnumMap<>(BackupState.class);
    private final Deque<Skip> skips = new ArrayDeque<>();
    private Optional<BackupRun> lastSuccess;
    private Optional<BackupRun> lastFinished;
    private long skipped;
    private long pruneFailures;
    private Optional<Prune> lastPrune = Optional.empty();

    /**
     * A scheduled run that did not start.
     *
     * @param due when it was due
     * @param reason why it was skipped
     */
    public record Skip(Instant due, String reason) {}

    /**
     * One pruning of archives after a backup that wrote its archives.
     *
     * @param date when
     * @param removed the archives removed (or found already gone), as {@code EP : database_….tar.gz}
     * @param failures what could not be removed, and why
     */
    public record Prune(Instant date, List<String> removed, List<String> failures) {
        public Prune {
            removed = List.copyOf(removed);
            failures = List.copyOf(failures);
        }
    }

    BackupHealth(BackupHistory history) {
        for (BackupState state : BackupState.values()) {
            if (state.finished()) {
                runs.put(state, 0L);
            }
        }
        this.lastSuccess = history.latest(BackupState.TEST_SUCCESS);
        this.lastFinished = history.recent(20).stream()
                .filter(run -> run.state().finished())
                .findFirst();
    }

    synchronized void finished(BackupRun run) {
        runs.merge(run.state(), 1L, Long::sum);
        lastFinished = Optional.of(run);
        if (run.state() == BackupState.TEST_SUCCESS) {
            lastSuccess = Optional.of(run);
        }
    }

    synchronized void skipped(Skip skip) {
        skipped++;
        skips.addFirst(skip);
        while (skips.size() > KEPT_SKIPS) {
            skips.removeLast();
        }
    }

    synchronized void pruned(Prune prune) {
        lastPrune = Optional.of(prune);
        pruneFailures += prune.failures().size();
    }

    /** The newest TEST_SUCCESS backup. */
    public synchronized Optional<BackupRun> lastSuccess() {
        return lastSuccess;
    }

    /** The newest finished backup, whatever its outcome. */
    public synchronized Optional<BackupRun> lastFinished() {
        return lastFinished;
    }

    /** How long the newest finished backup took. */
    public synchronized Optional<Duration> lastDuration() {
        return lastFinished.flatMap(BackupHealth::duration);
    }

    /** Backups that ended in each final state since EP started. */
    public synchronized Map<BackupState, Long> runs() {
        return Map.copyOf(runs);
    }

    /** Scheduled runs skipped since EP started. */
    public synchronized long skippedCount() {
        return skipped;
    }

    /** The newest skipped runs, newest first. */
    public synchronized List<Skip> skips() {
        return List.copyOf(skips);
    }

    /** Archives that could not be pruned since EP started. */
    public synchronized long pruneFailures() {
        return pruneFailures;
    }

    /** The last pruning since EP started. */
    public synchronized Optional<Prune> lastPrune() {
        return lastPrune;
    }

    /** How long {@code run} took, once finished. */
    public static Optional<Duration> duration(BackupRun run) {
        return run.finished().map(end -> Duration.between(run.started(), end));
    }
}
