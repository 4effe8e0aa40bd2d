package io.symbolon.server.refresh;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.backup.EpochPin;
import io.symbolon.server.backup.SnapshotBarrier;
import io.symbolon.server.replay.MessageStamp;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshPhase;
import io.symbolon.vault.share.RefreshMasks;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EP's side of a share refresh: decides refreshes (on demand, and every {@link RefreshSettings#interval}),
 * drives the Partner, and resumes a refresh it had decided before a crash. docs/SECURITY.md, "Share
 * refresh", states the protocol and the recovery rule; in short:
 *
 * <pre>
 * EP:      pin the epoch → store the seed sealed, phase REWRITING (the decision) ─┐ client writes paused
 * Partner: store the same seed sealed, phase REWRITING, answer; rewrite its rows  ─┘ for this step only
 * EP:      rewrite its rows → IDLE at e+1; wait for the Partner to be IDLE at e+1 → unpin
 * rule:    a node holding a seed rolls forward; EP, which stores it first, hands it to the Partner again
 *          (idempotently) until the Partner has it, and rewrites nothing of its own before that.
 * </pre>
 *
 * One refresh at a time, on one thread. A backup holding the epoch pin postpones a scheduled refresh
 * (retried every few seconds) and refuses one asked for.
 */
public final class RefreshCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshCoordinator.class);
    private static final Duration WATCH = Duration.ofSeconds(2);
    private static final Duration PARTNER_POLL = Duration.ofMillis(200);
    private static final Duration PARTNER_SILENCE = Duration.ofSeconds(60);
    /** How long a refresh EP decided waits after a failure before it is resumed again. */
    private static final Duration RETRY = Duration.ofSeconds(5);

    public static final String TRIGGER_API = "API";
    public static final String TRIGGER_SCHEDULED = "SCHEDULED";
    public static final String TRIGGER_RECOVERY = "RECOVERY";

    private final Vault vault;
    private final RefreshPeer partner;
    private final EpochPin pin;
    private final SnapshotBarrier barrier;
    private final RefreshSettings settings;
    private final Clock clock;
    private final SecureRandom random;
    private final LocalRewrite rewrite;
    private final ScheduledExecutorService executor;
    private RefreshRun current;
    private RefreshRun last;
    private Instant nextScheduled;
    private String postponedFor;
    private Instant retryAfter = Instant.MIN;
    /** The epoch pin, held from a refresh's decision until both nodes are at its target. */
    private AutoCloseable held;

    private volatile boolean closed;

    public RefreshCoordinator(
            Vault vault,
            RefreshPeer partner,
            EpochPin pin,
            SnapshotBarrier barrier,
            RefreshSettings settings,
            Clock clock,
            SecureRandom random) {
        this.vault = vault;
        this.partner = partner;
        this.pin = pin;
        this.barrier = barrier;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.rewrite = new LocalRewrite(vault, "ep", settings.batchSize());
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "symbolon-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the schedule, and resumes a refresh EP had decided before it stopped. */
    public synchronized void start() {
        if (vault.node().refresh().phase() == RefreshPhase.REWRITING) {
            // Half-refreshed: no backup may read this node until the refresh has finished.
            try {
                held = pin.refreshing();
            } catch (SymbolonException e) {
                LOG.warn(
                        "epoch pin held by a backup at start; the refresh resumes after it reason=\"{}\"",
                        e.getMessage());
            }
        }
        if (!settings.interval().isZero()) {
            nextScheduled = clock.instant().plus(settings.interval());
        }
        executor.scheduleWithFixedDelay(this::watch, 0, WATCH.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "refresh schedule intervalSeconds={} epoch={}",
                settings.interval().toSeconds(),
                vault.node().currentEpoch());
    }

    /**
     * Starts a refresh now (the API's, {@code symbolon server refresh}); answers the run, which goes on in
     * the background. {@code CONFLICT} while one runs, {@code BACKUP_RUNNING} while a backup holds the
     * epoch.
     */
    public synchronized RefreshRun requestNow() {
        if (current != null) {
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "refresh " + current.id() + " to epoch " + current.targetEpoch() + " is under way; wait for it");
        }
        pin.holder().ifPresent(backup -> {
            throw new SymbolonException(
                    ErrorCode.BACKUP_RUNNING, "backup " + backup + " holds the epoch; refresh once it has finished");
        });
        return launch(TRIGGER_API);
    }

    /** The run under way, if any. */
    public synchronized Optional<RefreshRun> current() {
        return Optional.ofNullable(current);
    }

    /** The last run that ended, if any (since this process started). */
    public synchronized Optional<RefreshRun> last() {
        return Optional.ofNullable(last);
    }

    /** When the schedule refreshes next, if it does. */
    public synchronized Optional<Instant> nextScheduled() {
        return Optional.ofNullable(nextScheduled);
    }

    /** The schedule's settings. */
    public RefreshSettings settings() {
        return settings;
    }

    /** Rows EP has re-sealed in the rewrite under way (or the last). */
    public long resealed() {
        return rewrite.resealed();
    }

    private RefreshRun launch(String trigger) {
        NodeSettings node = vault.node();
        long from = node.currentEpoch();
        long target = node.refresh().phase() == RefreshPhase.REWRITING
                ? node.refresh().targetEpoch()
                : from + 1;
        byte[] id = new byte[8];
        random.nextBytes(id);
        RefreshRun run = new RefreshRun(
                HexFormat.of().formatHex(id), trigger, from, target, "RUNNING", clock.instant(), null, 0, null);
        current = run;
        executor.execute(() -> execute(run));
        return run;
    }

    /** Every few seconds: resume a decided refresh, or start the scheduled one when it is due. */
    private void watch() {
        if (closed) {
            return;
        }
        try {
            synchronized (this) {
                if (current != null) {
                    return;
                }
                if (vault.node().refresh().phase() == RefreshPhase.REWRITING) {
                    if (!clock.instant().isBefore(retryAfter)) {
                        launch(TRIGGER_RECOVERY);
                    }
                    return;
                }
                if (nextScheduled == null || clock.instant().isBefore(nextScheduled)) {
                    return;
                }
                Optional<String> backup = pin.holder();
                if (backup.isPresent()) {
                    if (!backup.get().equals(postponedFor)) {
                        LOG.info("scheduled refresh postponed: backup {} holds the epoch", backup.get());
                        postponedFor = backup.get();
                    }
                    return;
                }
                postponedFor = null;
                nextScheduled = clock.instant().plus(settings.interval());
                launch(TRIGGER_SCHEDULED);
            }
        } catch (RuntimeException e) {
            LOG.warn("refresh watch failed reason=\"{}\"", e.getMessage());
        }
    }

    private void execute(RefreshRun run) {
        long rows = 0;
        String state = "COMPLETED";
        String reason = null;
        try {
            synchronized (this) {
                if (held == null) {
                    held = pin.refreshing();
                }
            }
            LOG.info(
                    "refresh started id={} trigger={} fromEpoch={} toEpoch={}",
                    run.id(),
                    run.trigger(),
                    run.fromEpoch(),
                    run.targetEpoch());
            long target = decideOrResume(run);
            KillPoint.reach("ep.partner-acked");
            rows = rewrite.run();
            KillPoint.reach("ep.finished");
            awaitPartner(target);
            LOG.info("refresh completed id={} epoch={} epRows={}", run.id(), target, rows);
        } catch (SymbolonException e) {
            state = "FAILED";
            reason = e.getMessage();
            LOG.warn(
                    "refresh failed id={} code={} reason=\"{}\"",
                    run.id(),
                    e.errorCode().code(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = "FAILED";
            reason = "EP stopped during the refresh; it resumes when EP starts again";
            LOG.info("refresh interrupted by shutdown id={}", run.id());
        } catch (Exception e) {
            state = "FAILED";
            reason = "internal error: " + e.getClass().getSimpleName() + "; see EP's log";
            LOG.error("refresh failed id={}", run.id(), e);
        }
        synchronized (this) {
            last = run.ended(state, clock.instant(), rows, reason);
            current = null;
            retryAfter = state.equals("FAILED") ? clock.instant().plus(RETRY) : Instant.MIN;
            // A refresh EP decided keeps the pin until it completes, across failed attempts.
            if (held != null && vault.node().refresh().phase() == RefreshPhase.IDLE) {
                release();
            }
        }
    }

    /**
     * EP's decision and the Partner's copy of the seed: a new refresh (EP stores the seed first, the
     * Partner second, with client writes paused between the two so that no object is created at an epoch
     * one node has left), or the resumption of one EP had decided (the same seed handed over again).
     */
    private long decideOrResume(RefreshRun run) {
        NodeSettings node = vault.node();
        if (node.refresh().phase() == RefreshPhase.REWRITING) {
            long target = node.refresh().targetEpoch();
            try (SecretBytes seed = vault.refreshSeed()) {
                partner.begin(begin(node, target, seed));
            }
            LOG.info("refresh resumed id={} toEpoch={}", run.id(), target);
            return target;
        }
        long target = node.currentEpoch() + 1;
        RefreshMessages.Status theirs = partner.status();
        if (theirs.pinned()) {
            throw new SymbolonException(
                    ErrorCode.BACKUP_RUNNING, "a backup holds the Partner's epoch; refresh once it has finished");
        }
        if (!"IDLE".equals(theirs.phase()) || theirs.epoch() != node.currentEpoch()) {
            throw new SymbolonException(
                    "REWRITING".equals(theirs.phase()) && theirs.targetEpoch() == node.currentEpoch()
                            ? ErrorCode.CONFLICT
                            : ErrorCode.EPOCH_MISMATCH,
                    "the Partner is at epoch " + theirs.epoch() + " (" + theirs.phase() + "), EP at epoch "
                            + node.currentEpoch() + ": "
                            + ("REWRITING".equals(theirs.phase())
                                    ? "it is still finishing the last refresh; retry in a moment"
                                    : "the pair is not at one epoch; run 'symbolon server test'"));
        }
        KillPoint.reach("ep.before-seed");
        try (SecretBytes seed = RefreshMasks.newSeed(random);
                SnapshotBarrier.Pause paused = barrier.pause()) {
            vault.beginRefresh(seed);
            KillPoint.reach("ep.seed-stored");
            partner.begin(begin(node, target, seed));
        }
        return target;
    }

    private RefreshMessages.Begin begin(NodeSettings node, long target, SecretBytes seed) {
        return new RefreshMessages.Begin(
                MessageStamp.fresh(random, clock),
                node.pairId(),
                target,
                Base64.getEncoder().encodeToString(seed.reveal()));
    }

    /** Waits until the Partner reports IDLE at {@code target}; gives up after a minute without an answer. */
    private void awaitPartner(long target) throws InterruptedException {
        Instant lastHeard = clock.instant();
        while (!closed) {
            try {
                RefreshMessages.Status theirs = partner.status();
                lastHeard = clock.instant();
                if ("IDLE".equals(theirs.phase()) && theirs.epoch() == target) {
                    return;
                }
            } catch (SymbolonException e) {
                if (e.errorCode() != ErrorCode.PEER_UNAVAILABLE
                        || Duration.between(lastHeard, clock.instant()).compareTo(PARTNER_SILENCE) > 0) {
                    throw new SymbolonException(
                            ErrorCode.PEER_UNAVAILABLE,
                            "EP is at epoch " + target + "; the Partner holds the seed and finishes on its own when it"
                                    + " is back (" + e.getMessage() + ")");
                }
            }
            Thread.sleep(PARTNER_POLL.toMillis());
        }
    }

    private void release() {
        try {
            held.close();
        } catch (Exception e) {
            LOG.warn("epoch pin not released cleanly", e);
        }
        held = null;
    }

    /** Stops the schedule and the refresh thread; a refresh cut short is resumed at the next start. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (held != null) {
                release();
            }
        }
    }
}
