package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a node's share epoch still while a backup reads it (seed 000: the two halves of a pair restore
 * together only at the same epoch). A share refresh must not start while the epoch is pinned: it asks
 * {@link #isPinned()}, or takes the pin itself with {@link #refreshing()} so that no backup starts
 * during it. In memory: a backup, and so its pin, does not outlive the process.
 *
 * <p>EP pins for the whole coordinated backup; the Partner from the moment its snapshot opens until EP
 * ends the backup. Thread-safe.
 */
public final class EpochPin {
    private static final Logger LOG = LoggerFactory.getLogger(EpochPin.class);
    private static final String REFRESH = "refresh";

    private String holder;

    /** Pins the epoch for {@code backupId}; {@code BACKUP_RUNNING} or {@code CONFLICT} if held. */
    public synchronized void pin(String backupId) {
        if (holder != null && !holder.equals(backupId)) {
            throw holder.equals(REFRESH)
                    ? new SymbolonException(
                            ErrorCode.CONFLICT, "a share refresh is under way; back up once it has finished")
                    : new SymbolonException(
                            ErrorCode.BACKUP_RUNNING, "backup " + holder + " is running; wait for it to finish");
        }
        holder = backupId;
        LOG.debug("epoch pinned backup={}", backupId);
    }

    /** Releases the pin of {@code backupId} (nothing if another holds it). */
    public synchronized void unpin(String backupId) {
        if (backupId.equals(holder)) {
            holder = null;
            LOG.debug("epoch unpinned backup={}", backupId);
        }
    }

    /** Whether a backup (or a refresh) holds the epoch: a refresh must not start while it does. */
    public synchronized boolean isPinned() {
        return holder != null;
    }

    /** The backup holding the epoch, if any. */
    public synchronized Optional<String> holder() {
        return Optional.ofNullable(holder).filter(h -> !h.equals(REFRESH));
    }

    /**
     * For a share refresh: takes the pin so that no backup starts while shares move to the next epoch;
     * {@code BACKUP_RUNNING} naming the backup if one holds it. Close the result when the refresh ends.
     */
    public AutoCloseable refreshing() {
        synchronized (this) {
            if (holder != null) {
                throw new SymbolonException(
                        ErrorCode.BACKUP_RUNNING,
                        "backup " + holder + " holds the epoch; refresh once it has finished");
            }
            holder = REFRESH;
        }
        return () -> unpin(REFRESH);
    }
}
