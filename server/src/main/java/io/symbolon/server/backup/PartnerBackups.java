package io.symbolon.server.backup;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.metadata.MetadataCodec;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.node.RefreshPhase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Partner's side of a coordinated backup: on EP's request it pins its epoch, opens its snapshot at
 * once (while EP holds its barrier, so both snapshots see the same objects), answers, and writes its
 * archive in the background into its own backup folder under the name EP chose; EP polls it, then
 * fetches its metadata, signature and digest. The epoch stays pinned until EP ends the backup (or, should
 * EP never say so, {@link #PIN_AFTER_WRITE} after the archive is written). One backup at a time;
 * stopping the node abandons a running one, leaving nothing in the folder.
 */
public final class PartnerBackups implements AutoCloseable {
    /** How long the epoch stays pinned after the archive is written if EP never ends the backup. */
    public static final java.time.Duration PIN_AFTER_WRITE = java.time.Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(PartnerBackups.class);

    private final Vault vault;
    private final DataDirectory directory;
    private final NodeIdentity identity;
    private final EpochPin pin;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "symbolon-backup");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.ScheduledExecutorService expiry =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "symbolon-backup-pin");
                thread.setDaemon(true);
                return thread;
            });
    private Job current;
    private final LongPolls polls = new LongPolls();

    private static final class Job {
        final String id;
        final LocalBackup backup = new LocalBackup();
        final String file;
        volatile BackupMessages.Phase phase = BackupMessages.Phase.RUNNING;
        volatile WrittenArchive written;
        volatile String reason;
        final CountDownLatch ended = new CountDownLatch(1);

        Job(String id, String file) {
            this.id = id;
            this.file = file;
        }
    }

    public PartnerBackups(Vault vault, DataDirectory directory, NodeIdentity identity, EpochPin pin) {
        this.vault = vault;
        this.directory = directory;
        this.identity = identity;
        this.pin = pin;
    }

    /** Opens the snapshot and starts writing; answers once the snapshot is open. */
    public synchronized BackupMessages.Started start(BackupMessages.Start request) {
        if (current != null && current.phase == BackupMessages.Phase.RUNNING) {
            throw new SymbolonException(
                    ErrorCode.BACKUP_RUNNING, "backup " + current.id + " is still running on the Partner");
        }
        BackupSettings settings = BackupSettings.read(directory);
        List<Recipient> recipients = settings.recipients();
        if (current != null) {
            pin.unpin(current.id); // EP never ended the previous backup: it is over
            current = null;
        }
        pin.pin(request.id());
        VaultSnapshot snapshot = null;
        try {
            snapshot = vault.snapshot();
            var node = snapshot.node();
            if (node.refresh().phase() == RefreshPhase.REWRITING) {
                throw new SymbolonException(
                        ErrorCode.CONFLICT, "the Partner is refreshing its shares; back up once it has finished");
            }
            if (node.currentEpoch() != request.epoch()) {
                throw new SymbolonException(
                        ErrorCode.EPOCH_MISMATCH,
                        "the Partner is at epoch " + node.currentEpoch() + ", EP at epoch " + request.epoch()
                                + "; the two halves would not restore together");
            }
            LocalBackup.Request write = new LocalBackup.Request(
                    request.created(),
                    request.pairHostnames(),
                    settings.folder(),
                    recipients,
                    identity.signer(),
                    settings.recordsPerSecond());
            Job job = new Job(request.id(), write.fileName());
            VaultSnapshot opened = snapshot;
            long records = io.symbolon.vault.backup.VaultExporter.recordCount(opened);
            current = job;
            writer.submit(() -> run(job, opened, write));
            snapshot = null;
            LOG.info(
                    "backup started on request of EP backup={} file={} epoch={} records={}",
                    job.id,
                    job.file,
                    request.epoch(),
                    records);
            return new BackupMessages.Started(node.currentEpoch(), records);
        } catch (RuntimeException e) {
            if (snapshot != null) {
                snapshot.close();
            }
            pin.unpin(request.id());
            throw e;
        }
    }

    private void run(Job job, VaultSnapshot snapshot, LocalBackup.Request write) {
        try (snapshot) {
            job.written = job.backup.write(snapshot, write);
            job.phase = BackupMessages.Phase.DONE;
        } catch (SymbolonException e) {
            job.reason = e.getMessage();
            job.phase = BackupMessages.Phase.FAILED;
            LOG.info("backup failed backup={} reason=\"{}\"", job.id, e.getMessage());
        } catch (RuntimeException e) {
            job.reason = "internal error: " + e;
            job.phase = BackupMessages.Phase.FAILED;
            LOG.error("backup failed backup={}", job.id, e);
        } finally {
            if (job.phase == BackupMessages.Phase.FAILED) {
                pin.unpin(job.id);
            } else {
                expiry.schedule(() -> pin.unpin(job.id), PIN_AFTER_WRITE.toSeconds(), TimeUnit.SECONDS);
            }
            job.ended.countDown();
        }
    }

    /**
     * Where backup {@code id} stands, once its write has ended or {@code wait} has passed, whichever
     * comes first (EP's long poll: it learns of the end of the write without polling often), or at once
     * when the Partner begins to stop ({@link #releaseWaiters}).
     */
    public BackupMessages.Status status(String id, Duration wait) {
        Job job;
        synchronized (this) {
            job = job(id);
        }
        polls.hold(job.ended, wait);
        return status(id);
    }

    /**
     * Makes every held {@link #status(String, Duration)} answer now, and later ones at once: the pair
     * listener calls it when the Partner begins to stop, so that EP's long poll does not hold the stop.
     */
    public void releaseWaiters() {
        polls.release();
    }

    /** Where backup {@code id} stands. */
    public synchronized BackupMessages.Status status(String id) {
        Job job = job(id);
        WrittenArchive written = job.written;
        Base64.Encoder base64 = Base64.getEncoder();
        return new BackupMessages.Status(
                job.id,
                job.phase,
                job.backup.done(),
                job.backup.total(),
                job.file,
                written == null ? null : written.size(),
                written == null ? null : base64.encodeToString(MetadataCodec.encode(written.metadata())),
                written == null ? null : base64.encodeToString(written.signatureMember()),
                job.reason);
    }

    /** The digest member of backup {@code id}'s archive, once written; the caller closes it. */
    public synchronized InputStream digest(String id) {
        Job job = job(id);
        if (job.phase != BackupMessages.Phase.DONE) {
            throw new SymbolonException(ErrorCode.CONFLICT, "backup " + id + " is " + job.phase + " on the Partner");
        }
        return ArchiveReader.digestMember(job.written.path());
    }

    /**
     * Removes archives from this node's backup folder at EP's request (EP's retention): names only,
     * {@code database_….tar.gz} directly in the folder of the backup settings, never the archive of a
     * backup being written or kept for EP.
     */
    public List<BackupFolder.Removal> prune(List<String> files) {
        String protectedFile;
        synchronized (this) {
            protectedFile = current == null ? null : current.file;
        }
        java.nio.file.Path folder = BackupSettings.read(directory).folder();
        List<BackupFolder.Removal> removals = files.stream()
                .map(file -> file != null && file.equals(protectedFile)
                        ? new BackupFolder.Removal(
                                file, BackupFolder.Outcome.FAILED, "the archive of the Partner's current backup")
                        : BackupFolder.remove(folder, file))
                .toList();
        LOG.info(
                "archives pruned on request of EP requested={} removed={}",
                files.size(),
                removals.stream()
                        .filter(r -> r.outcome() == BackupFolder.Outcome.REMOVED)
                        .count());
        return removals;
    }

    /** Forgets backup {@code id}; with {@code discard}, also stops it and removes its archive. */
    public void finish(String id, boolean discard) {
        Job job;
        synchronized (this) {
            job = job(id);
            current = null;
        }
        if (discard) {
            job.backup.cancel();
            awaitWriter(job);
            if (job.written != null) {
                try {
                    Files.deleteIfExists(job.written.path());
                    LOG.info("backup archive discarded on request of EP backup={} file={}", id, job.file);
                } catch (IOException e) {
                    LOG.warn(
                            "cannot discard a backup archive file={} reason=\"{}\"",
                            job.written.path(),
                            e.getMessage());
                }
            }
        }
        pin.unpin(id);
    }

    private static void awaitWriter(Job job) {
        try {
            // a cancelled writer stops at its next record
            job.ended.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Job job(String id) {
        if (current == null || !current.id.equals(id)) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "the Partner has no backup " + id);
        }
        return current;
    }

    /** Abandons a running backup (its files are removed) and stops the writer. */
    @Override
    public void close() {
        Job job;
        synchronized (this) {
            job = current;
        }
        if (job != null) {
            job.backup.cancel();
        }
        writer.shutdown();
        expiry.shutdownNow();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
