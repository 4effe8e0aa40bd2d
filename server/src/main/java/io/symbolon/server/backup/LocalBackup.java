package io.symbolon.server.backup;

import io.symbolon.archive.ArchiveName;
import io.symbolon.archive.WriteOptions;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.SymbolonNode;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.backup.VaultExporter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this node's half of a backup: its snapshot, through {@link VaultExporter}, into its backup
 * folder, encrypted to its backup settings' recipients and signed with the node's key. Used by EP's and
 * the Partner's sides of a coordinated backup and by {@code symbolon backup create}. Counts its
 * progress, keeps to the settings' pace, and can be cancelled; a cancelled or failed write leaves
 * nothing in the folder.
 */
public final class LocalBackup {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBackup.class);

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /**
     * What to write.
     *
     * @param created the backup's time; names the file
     * @param pairHostnames e.g. {@code ["EP : ep1", "Partner : partner1"]}
     * @param folder where the archive goes
     * @param recipients who can decrypt it
     * @param signer the node's key
     * @param recordsPerSecond a pace, 0 for none
     */
    public record Request(
            Instant created,
            List<String> pairHostnames,
            Path folder,
            List<Recipient> recipients,
            NodeSigner signer,
            int recordsPerSecond) {
        public Request {
            Objects.requireNonNull(created);
            pairHostnames = List.copyOf(pairHostnames);
            Objects.requireNonNull(folder);
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(signer);
        }

        /** The archive's file name, {@code database_<yyyy-MM-dd-HH-mm-ss>.tar.gz}. */
        public String fileName() {
            return ArchiveName.at(created);
        }
    }

    /** The software and version written into archives and backup results, e.g. {@code 0.1.0}. */
    public static String version() {
        return Optional.ofNullable(SymbolonNode.class.getPackage().getImplementationVersion())
                .orElse("development");
    }

    /** Records written so far. */
    public long done() {
        return done.get();
    }

    /** Records to write (known once the snapshot is open). */
    public long total() {
        return total.get();
    }

    /** Makes the write stop at the next record (it then fails and removes what it wrote). */
    public void cancel() {
        cancelled.set(true);
    }

    /** Writes the archive from {@code snapshot} (which the caller closes). */
    public WrittenArchive write(VaultSnapshot snapshot, Request request) {
        try {
            if (!Files.isDirectory(request.folder())) {
                // archives hold ciphertext and public data only; the folder is the node user's all the same
                Files.createDirectories(
                        request.folder(),
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot create the backup folder " + request.folder() + ": " + e.getMessage());
        }
        total.set(VaultExporter.recordCount(snapshot));
        long started = System.nanoTime();
        int pace = request.recordsPerSecond();
        return VaultExporter.export(
                snapshot,
                request.folder(),
                new VaultExporter.Request(
                        "symbolon " + version(),
                        request.created(),
                        request.pairHostnames(),
                        request.recipients(),
                        request.signer(),
                        WriteOptions.defaults()),
                (written, all) -> {
                    done.set(written);
                    if (cancelled.get()) {
                        throw new SymbolonException(ErrorCode.INTERNAL, "the backup was cancelled");
                    }
                    if (pace > 0) {
                        keepPace(started, written, pace);
                    }
                });
    }

    private void keepPace(long started, long written, int recordsPerSecond) {
        long due = started + written * 1_000_000_000L / recordsPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                // a rate limit the operator asked for (recordsPerSecond), not a wait for a condition
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SymbolonException(ErrorCode.INTERNAL, "the backup was interrupted");
            }
        }
    }

    /**
     * Removes what backups killed mid-write left in {@code folder}: the hidden {@code .database_….partial}
     * and {@code .database_….*.tmp} files (never plaintext). Called when a node starts, before any backup
     * can run; returns how many it removed.
     */
    public static int sweep(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".database_*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".partial") || name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean the backup folder folder={} reason=\"{}\"", folder, e.getMessage());
        }
        if (removed > 0) {
            LOG.info("removed unfinished backup files folder={} files={}", folder, removed);
        }
        return removed;
    }
}
