package io.symbolon.server.refresh;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.backup.EpochPin;
import io.symbolon.server.replay.ReplayGuard;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshPhase;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Partner's half of a share refresh. EP decides a refresh and sends its seed ({@link #begin}); the
 * Partner stores it sealed (its phase becomes REWRITING) <em>before</em> it answers, then rewrites its
 * rows on its own thread. A Partner that restarts REWRITING resumes by itself ({@link #start}): it holds
 * the seed, and EP had decided the refresh before sending it, so it can only go forward. While it
 * rewrites it holds the node's epoch pin, so no backup reads it half-way.
 */
public final class PartnerRefresh implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerRefresh.class);
    private static final long RETRY_SECONDS = 5;

    private final Vault vault;
    private final EpochPin pin;
    private final ReplayGuard replays;
    private final String pairId;
    private final LocalRewrite rewrite;
    private final ScheduledExecutorService executor;
    private boolean running;
    private AutoCloseable held;
    private volatile boolean closed;

    public PartnerRefresh(Vault vault, EpochPin pin, ReplayGuard replays, RefreshSettings settings) {
        this.vault = vault;
        this.pin = pin;
        this.replays = replays;
        this.pairId = vault.node().pairId();
        this.rewrite = new LocalRewrite(vault, "partner", settings.batchSize());
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "symbolon-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Resumes a refresh this node was rewriting when it stopped; call once, at start. */
    public synchronized void start() {
        NodeSettings node = vault.node();
        if (node.refresh().phase() == RefreshPhase.REWRITING) {
            // Half-refreshed: no backup may read this node until the refresh has finished.
            takePin();
            LOG.info(
                    "refresh resumed after a restart fromEpoch={} toEpoch={}",
                    node.currentEpoch(),
                    node.refresh().targetEpoch());
            try {
                ensureRunning();
            } catch (SymbolonException e) {
                retryLater();
            }
        }
    }

    /** Where this node stands. */
    public synchronized RefreshMessages.Status status() {
        NodeSettings node = vault.node();
        return new RefreshMessages.Status(
                node.currentEpoch(),
                node.refresh().phase().name(),
                node.refresh().targetEpoch(),
                rewrite.resealed(),
                running,
                pin.holder().isPresent());
    }

    /**
     * EP's decision: stores the seed sealed, then rewrites. Idempotent for the refresh under way (same
     * target, same seed) and for one already finished; {@code CONFLICT} for another seed while rewriting,
     * {@code EPOCH_MISMATCH} when the target is not this node's next epoch, {@code BACKUP_RUNNING} while a
     * backup holds the epoch.
     */
    public synchronized RefreshMessages.Status begin(RefreshMessages.Begin begin) {
        replays.accept(begin.stamp(), "refresh");
        if (!pairId.equals(begin.pairId())) {
            throw new SymbolonException(
                    ErrorCode.FOREIGN_PAIR, "a refresh of pair " + begin.pairId() + " sent to pair " + pairId);
        }
        long target = begin.targetEpoch();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(String.valueOf(begin.seed()));
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "field 'seed' is not base64");
        }
        try (SecretBytes seed = SecretBytes.adopt(raw)) {
            if (seed.length() != 32) {
                throw new SymbolonException(ErrorCode.USAGE, "a refresh seed is 32 bytes");
            }
            NodeSettings node = vault.node();
            if (node.refresh().phase() == RefreshPhase.IDLE && node.currentEpoch() == target) {
                return status(); // done already: EP asks again after a crash of its own
            }
            if (node.refresh().phase() == RefreshPhase.REWRITING) {
                if (!vault.isRefreshingWith(seed, target)) {
                    throw new SymbolonException(
                            ErrorCode.CONFLICT,
                            "the Partner is refreshing to epoch "
                                    + node.refresh().targetEpoch()
                                    + " with another seed; it finishes that refresh first");
                }
                ensureRunning();
                return status();
            }
            if (node.currentEpoch() != target - 1) {
                throw new SymbolonException(
                        ErrorCode.EPOCH_MISMATCH,
                        "the Partner is at epoch " + node.currentEpoch() + " and cannot refresh to epoch " + target
                                + "; run 'symbolon server test' to see how the pair differs");
            }
            takePin();
            try {
                KillPoint.reach("partner.seed-received");
                vault.beginRefresh(seed);
            } catch (RuntimeException e) {
                releasePin();
                throw e;
            }
            LOG.info("refresh started by EP fromEpoch={} toEpoch={}", node.currentEpoch(), target);
            KillPoint.reach("partner.seed-stored");
            ensureRunning();
            return status();
        }
    }

    private void ensureRunning() {
        if (running || closed) {
            return;
        }
        takePin();
        running = true;
        executor.execute(this::rewrite);
    }

    private void rewrite() {
        try {
            long rows = rewrite.run();
            KillPoint.reach("partner.finished");
            LOG.info(
                    "refresh finished on the Partner epoch={} rows={}",
                    vault.node().currentEpoch(),
                    rows);
            synchronized (this) {
                running = false;
                releasePin();
            }
        } catch (RuntimeException e) {
            LOG.warn("refresh rewrite stopped; retrying in {} s reason=\"{}\"", RETRY_SECONDS, e.getMessage());
            synchronized (this) {
                running = false; // the pin stays held: this node is half-refreshed until the retry finishes
                retryLater();
            }
        }
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        executor.schedule(
                () -> {
                    synchronized (this) {
                        if (vault.node().refresh().phase() == RefreshPhase.REWRITING) {
                            try {
                                ensureRunning();
                            } catch (SymbolonException e) {
                                retryLater();
                            }
                        }
                    }
                },
                RETRY_SECONDS,
                TimeUnit.SECONDS);
    }

    private void takePin() {
        if (held == null) {
            held = pin.refreshing();
        }
    }

    private void releasePin() {
        if (held != null) {
            try {
                held.close();
            } catch (Exception e) {
                LOG.warn("epoch pin not released cleanly", e);
            }
            held = null;
        }
    }

    /** Stops the rewrite thread (a rewrite cut short resumes at the next start). */
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
            releasePin();
        }
    }
}
