package io.symbolon.vault.backup;

import io.symbolon.archive.ArchiveDescription;
import io.symbolon.archive.ArchiveWriter;
import io.symbolon.archive.WriteOptions;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.SnapshotEntry;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshPhase;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one node's backup archive from a {@link VaultSnapshot}: every partition, every partition user
 * and every ACTIVE object with this node's share, as records (see {@link RecordCodec}) and digest
 * entries (see {@link BackupDigest}), in one pass over the snapshot. Memory does not grow with the
 * number of objects; each share is wiped as soon as its record is written.
 *
 * <p>The archive's metadata names the node, its pair and the snapshot's epoch. A node in the middle of
 * a share refresh is refused: its objects would be at two epochs.
 */
public final class VaultExporter {
    private static final Logger LOG = LoggerFactory.getLogger(VaultExporter.class);

    private VaultExporter() {}

    /**
     * What the writer of a backup says about it besides what the snapshot says.
     *
     * @param software the writing software and version, e.g. {@code symbolon 0.1.0}
     * @param created when the backup was taken; names the file ({@code database_<time>.tar.gz})
     * @param pairHostnames the pair as operators know it, e.g. {@code ["EP : ep1", "Partner : partner1"]}
     * @param recipients who can decrypt the archive
     * @param signer the node's signing key and certificate
     * @param options the writer's tuning
     */
    public record Request(
            String software,
            Instant created,
            List<String> pairHostnames,
            List<? extends Recipient> recipients,
            NodeSigner signer,
            WriteOptions options) {
        public Request {
            Objects.requireNonNull(software);
            Objects.requireNonNull(created);
            pairHostnames = List.copyOf(pairHostnames);
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(signer);
            Objects.requireNonNull(options);
        }
    }

    /**
     * Told how far an export has got: records written and the total. Called from the exporting thread
     * after each record; throwing from it abandons the export (nothing is left behind).
     */
    @FunctionalInterface
    public interface Progress {
        void advance(long done, long total);

        static Progress none() {
            return (done, total) -> {};
        }
    }

    /** The number of records a snapshot exports: partitions, users and objects. */
    public static long recordCount(VaultSnapshot snapshot) {
        return snapshot.partitions().size() + snapshot.users().size() + snapshot.objectCount();
    }

    /**
     * Writes the archive into {@code directory}; it appears under its final name only when complete.
     * The caller closes the snapshot.
     */
    public static WrittenArchive export(VaultSnapshot snapshot, Path directory, Request request, Progress progress) {
        NodeSettings node = snapshot.node();
        if (node.refresh().phase() == RefreshPhase.REWRITING) {
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "a share refresh to epoch " + node.refresh().targetEpoch()
                            + " is under way; back up once it has finished");
        }
        long epoch = node.currentEpoch();
        long total = recordCount(snapshot);
        ArchiveDescription description = new ArchiveDescription(
                request.software(),
                node.role().label(),
                node.pairId(),
                node.nodeId(),
                request.pairHostnames(),
                epoch,
                request.created());
        RecordCodec.Encoder encoder = new RecordCodec.Encoder();
        long done = 0;
        try (ArchiveWriter writer = ArchiveWriter.create(
                directory, description, request.recipients(), request.signer(), request.options())) {
            List<Partition> partitions = snapshot.partitions().stream()
                    .sorted(Comparator.comparing(p -> BackupDigest.partitionUid(p.name())))
                    .toList();
            for (Partition partition : partitions) {
                add(writer, BackupDigest.partition(partition, epoch), encoder.partition(partition));
                progress.advance(++done, total);
            }
            List<PartitionUser> users = snapshot.users().stream()
                    .sorted(Comparator.comparing(u -> BackupDigest.userUid(u.partition(), u.user())))
                    .toList();
            for (PartitionUser user : users) {
                add(writer, BackupDigest.user(user, epoch), encoder.user(user));
                progress.advance(++done, total);
            }
            Iterator<SnapshotEntry> objects = snapshot.objects();
            while (objects.hasNext()) {
                try (SnapshotEntry entry = objects.next()) {
                    if (entry.object().epoch() != epoch) {
                        throw new SymbolonException(
                                ErrorCode.EPOCH_MISMATCH,
                                "object " + entry.object().uid() + " is at epoch "
                                        + entry.object().epoch() + " but the node at epoch " + epoch
                                        + "; finish the share refresh before backing up");
                    }
                    try {
                        add(
                                writer,
                                BackupDigest.object(entry.object(), entry.fingerprint()),
                                encoder.object(entry.object(), entry.share()));
                    } finally {
                        encoder.wipe();
                    }
                }
                progress.advance(++done, total);
            }
            WrittenArchive written = writer.finish();
            LOG.info(
                    "backup archive written file={} role={} epoch={} records={} bytes={}",
                    written.path().getFileName(),
                    node.role().label(),
                    epoch,
                    written.metadata().records(),
                    written.size());
            return written;
        } finally {
            encoder.wipe();
        }
    }

    private static void add(ArchiveWriter writer, DigestEntry entry, RecordCodec.Encoder record) {
        writer.add(entry, record.buffer(), 0, record.length());
    }
}
