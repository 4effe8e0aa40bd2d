package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.backup.json.BackupResult;
import io.symbolon.server.backup.json.BackupStatus;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.objects.Partner;
import io.symbolon.vault.Vault;
import io.symbolon.vault.backup.BackupHistory;
import io.symbolon.vault.backup.BackupRun;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EP's coordinated backups (seed 000's automatic backup): {@link #runNow} starts one in the background
 * and answers at once with its id; {@link #result} shows its progress and then its outcome; the history
 * is kept in EP's database. One backup runs at a time. The {@link BackupScheduler} ({@link #startSchedule})
 * calls {@link #runNow} as the REST API does. After each backup that wrote its archives, the {@link
 * BackupPruner} applies the retention on both nodes; {@link #health} keeps what the status API and {@code /metrics} show.
 *
 * <p>What one backup does is {@link CoordinatedBackup}'s.
 */
public final class BackupService implements AutoCloseable {
    /** The trigger of backups started through {@code POST /api/v1/backup}. */
    public static final String TRIGGER_API = "api";
    /** The trigger of backups started by the schedule of the backup settings ({@link BackupScheduler}). */
    public static final String TRIGGER_SCHEDULE = "schedule";

    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    /** How many recent backups the status shows. */
    private static final int STATUS_RECENT = 10;

    private final CoordinatedBackup.Context context;
    private final BackupHistory history;
    private final Clock clock;
    private final SecureRandom random;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "symbolon-backup-job");
        thread.setDaemon(true);
        return thread;
    });
    private final BackupHealth health;
    private final BackupPruner pruner;
    private BackupScheduler scheduler;
    private CoordinatedBackup running;
    private Instant lastStarted = Instant.EPOCH;
    private final LongPolls polls = new LongPolls();

    /**
     * @param vault EP's vault
     * @param directory EP's data directory (its backup settings)
     * @param identity EP's identity, which signs its archives
     * @param partnerCertificate the Partner's certificate approved at boot, which must sign the Partner's
     * @param partner the Partner's object channel
     * @param peer the Partner's backup channel
     * @param pin EP's epoch pin
     * @param barrier the barrier EP's object changes run in
     * @param history where results are kept
     */
    public BackupService(
            Vault vault,
            DataDirectory directory,
            NodeIdentity identity,
            X509Certificate partnerCertificate,
            Partner partner,
            BackupPeer peer,
            EpochPin pin,
            SnapshotBarrier barrier,
            BackupHistory history,
            Clock clock,
            SecureRandom random) {
        this.context = new CoordinatedBackup.Context(
                vault, directory, identity, partnerCertificate, partner, peer, pin, barrier);
        this.history = history;
        this.clock = clock;
        this.random = random;
        this.health = new BackupHealth(history);
        this.pruner = new BackupPruner(directory, peer, history, health, clock);
    }

    /**
     * Starts running backups on the schedule of the backup settings (if they have one). A due run waits
     * while a share refresh rewrites the shares or the Partner does not answer ({@link BackupScheduler}).
     */
    public synchronized void startSchedule() {
        scheduler = new BackupScheduler(
                context.directory(),
                new BackupScheduler.Jobs() {
                    @Override
                    public Optional<String> running() {
                        return BackupService.this.running();
                    }

                    @Override
                    public BackupRun start(String trigger) {
                        return runNow(trigger);
                    }

                    @Override
                    public Optional<Instant> lastStarted() {
                        return history.recent(1).stream()
                                .map(BackupRun::started)
                                .findFirst();
                    }
                },
                this::obstacle,
                health,
                clock);
        scheduler.start();
    }

    /** The schedule, once {@link #startSchedule started}. */
    public synchronized Optional<BackupScheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /** What the status API and {@code /metrics} show. */
    public BackupHealth health() {
        return health;
    }

    /** {@code GET /api/v1/backup/status}: the health, the schedule, the retention and the last backups. */
    public BackupStatus status() {
        Optional<BackupScheduler> schedule = scheduler();
        String retention;
        try {
            retention = BackupSettings.read(context.directory()).retention().describe();
        } catch (SymbolonException e) {
            retention = "unknown: " + e.getMessage();
        }
        return BackupStatus.of(
                health,
                running().orElse(null),
                schedule.flatMap(BackupScheduler::schedule)
                        .map(BackupSchedule::describe)
                        .orElse(null),
                schedule.flatMap(BackupScheduler::nextDue).orElse(null),
                retention,
                history.recent(STATUS_RECENT));
    }

    /** Why a scheduled run should wait now, if it should. */
    private Optional<String> obstacle() {
        if (context.vault().node().refresh().phase() == io.symbolon.vault.node.RefreshPhase.REWRITING) {
            return Optional.of("a share refresh is under way");
        }
        try {
            context.partner().hello();
            return Optional.empty();
        } catch (SymbolonException e) {
            return Optional.of("the Partner does not answer: " + e.getMessage());
        }
    }

    /** Called when EP starts: ends as FAILED the backups a stop interrupted (their files are swept). */
    public void recover() {
        int interrupted = history.failUnfinished(
                clock.instant(), "EP stopped while the backup ran; no archive of it is complete: take a new backup");
        if (interrupted > 0) {
            LOG.info("backups interrupted by a stop marked FAILED count={}", interrupted);
        }
    }

    /**
     * Starts a coordinated backup now and returns it IN_PROGRESS; {@code BACKUP_RUNNING} (409) naming
     * the running one if there is one.
     *
     * @param trigger what starts it, kept in the history ({@code api}, {@code schedule}, …)
     */
    public synchronized BackupRun runNow(String trigger) {
        if (running != null && !running.finished()) {
            BackupRun current = running.run();
            throw new SymbolonException(
                    ErrorCode.BACKUP_RUNNING,
                    "backup " + current.id() + " is already running (started " + current.started()
                            + "); GET /api/v1/backup/" + current.id() + " shows its progress");
        }
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!started.isAfter(lastStarted)) {
            started = lastStarted.plusSeconds(1); // two backups never share an archive name
        }
        lastStarted = started;
        byte[] id = new byte[8];
        random.nextBytes(id);
        CoordinatedBackup backup =
                new CoordinatedBackup(context, history, clock, HexFormat.of().formatHex(id), trigger, started);
        history.insert(backup.run());
        running = backup;
        jobs.submit(() -> {
            backup.execute();
            ended(backup.run());
        });
        LOG.info(
                "backup started backup={} trigger={} file={}",
                backup.run().id(),
                trigger,
                backup.run().file());
        return backup.run();
    }

    /**
     * After a backup: the health; after one that wrote both archives (TEST_SUCCESS or TEST_FAILED), the
     * retention, which never removes the newest TEST_SUCCESS and whose failures never fail the backup.
     */
    private void ended(BackupRun run) {
        health.finished(run);
        if (run.state() != io.symbolon.vault.backup.BackupState.FAILED) {
            pruner.prune();
        }
    }

    /** The backup {@code id} as the REST API shows it, with live progress while it runs. */
    public Optional<BackupResult> result(String id) {
        CoordinatedBackup live = live(id);
        if (live != null) {
            return Optional.of(BackupResult.of(live.run(), live.progress()));
        }
        return history.find(id).map(run -> BackupResult.of(run, Map.of()));
    }

    /**
     * As {@link #result(String)}, after waiting at most {@code wait} for the backup to end if it is the
     * one running (a long poll: the answer comes as soon as it ends, or after {@code wait} with progress,
     * or at once when EP begins to stop: {@link #releaseWaiters}).
     */
    public Optional<BackupResult> result(String id, Duration wait) {
        CoordinatedBackup live = live(id);
        if (live != null) {
            polls.hold(live.ended(), wait);
        }
        return result(id);
    }

    /** Makes every held {@link #result(String, Duration)} answer now, and later ones at once (EP is stopping). */
    public void releaseWaiters() {
        polls.release();
    }

    /** The most recent backups, newest first. */
    public List<BackupResult> recent(int limit) {
        CoordinatedBackup live = live(null);
        return history.recent(limit).stream()
                .map(run -> live != null && live.run().id().equals(run.id())
                        ? BackupResult.of(live.run(), live.progress())
                        : BackupResult.of(run, Map.of()))
                .toList();
    }

    /** The id of the backup running now, if any. */
    public synchronized Optional<String> running() {
        return running == null || running.finished()
                ? Optional.empty()
                : Optional.of(running.run().id());
    }

    private synchronized CoordinatedBackup live(String id) {
        if (running == null
                || running.finished()
                || (id != null && !running.run().id().equals(id))) {
            return null;
        }
        return running;
    }

    /** Stops the schedule, a running backup (it ends FAILED, its files removed) and the job thread. */
    @Override
    public void close() {
        CoordinatedBackup current;
        BackupScheduler schedule;
        synchronized (this) {
            current = running;
            schedule = scheduler;
        }
        if (schedule != null) {
            schedule.close(); // outside this lock: a scheduler's check holds its own lock, then asks for this one
        }
        if (current != null && !current.finished()) {
            current.cancel();
        }
        jobs.shutdown();
        try {
            if (!jobs.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the backup job did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
