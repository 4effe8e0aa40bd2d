package io.symbolon.vault.backup;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.digest.DigestWriter;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultImport;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectFingerprint;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores one node's archive into a new, empty node (seed 000's restore, seed 002's {@code -restore}):
 * the archive is read by {@link ArchiveReader#read}, which releases no record before the whole archive
 * verified, and every record goes into one {@link VaultImport} transaction that re-seals each share
 * under the new node's system key. Before committing, the digest of what was imported is recomputed and
 * must equal the archive's (counts and root hash): the content and the public digest describe exactly
 * the same objects. Any failure rolls everything back; the node is then as empty as before.
 *
 * <p>Records must come in digest order: partitions, then users, then objects, uids strictly ascending.
 */
public final class VaultRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(VaultRestorer.class);

    private VaultRestorer() {}

    /**
     * What a restore imported.
     *
     * @param metadata the archive's metadata (pair, role, epoch, creation time)
     * @param partitions partitions imported
     * @param users partition users imported
     * @param objects objects imported
     */
    public record Restored(Metadata metadata, long partitions, long users, long objects) {}

    /**
     * Imports the archive {@code verified} describes (the result of an earlier verification with the
     * same trust, which this checks again) into {@code vault}, a booted node without partitions or
     * objects whose role and pair are the archive's.
     *
     * @throws SymbolonException {@code WRONG_ROLE} or {@code FOREIGN_PAIR} when the archive is another
     *     node's; any verification failure of the archive; {@code CONTENT_MISMATCH} when the imported
     *     records do not match the digest; {@code CONFLICT} when the node is not empty
     */
    public static Restored restore(
            Vault vault, Verification verified, Trust trust, List<? extends Identity> identities) {
        Metadata metadata = verified.metadata();
        NodeSettings node = vault.node();
        if (!metadata.role().equals(node.role().label())) {
            throw new SymbolonException(
                    ErrorCode.WRONG_ROLE,
                    "the archive is a backup of " + metadata.role() + " node " + metadata.nodeId()
                            + ", but this node is " + node.role().label() + "; restore the "
                            + node.role().displayName() + "'s archive here");
        }
        if (!metadata.pairId().equals(node.pairId())) {
            throw new SymbolonException(
                    ErrorCode.FOREIGN_PAIR,
                    "the archive belongs to pair " + metadata.pairId() + ", this node to pair " + node.pairId());
        }
        Sink sink = new Sink(metadata.epoch());
        try (VaultImport target = vault.beginImport(metadata.epoch())) {
            sink.target = target;
            // A verification that decrypted the content needs only the delivering pass; a keyless one, both.
            Verification read = verified.contentVerified()
                    ? ArchiveReader.deliver(verified, trust, identities, sink::accept, Progress.none())
                    : ArchiveReader.read(verified.path(), trust, identities, sink::accept);
            if (!read.metadata().archiveId().equals(metadata.archiveId())) {
                throw new SymbolonException(
                        ErrorCode.MEMBER_TAMPERED,
                        verified.path() + " was replaced by another archive after it was verified; nothing was"
                                + " imported");
            }
            DigestSummary imported = sink.digest.finish();
            if (!imported.equals(read.digest())) {
                throw new SymbolonException(
                        ErrorCode.CONTENT_MISMATCH,
                        "the archive's records do not match its digest (imported " + imported.counts() + " "
                                + imported.rootText() + ", the digest says "
                                + read.digest().counts() + " "
                                + read.digest().rootText() + "); nothing was imported");
            }
            target.commit();
            LOG.info(
                    "archive restored file={} role={} pairId={} epoch={} partitions={} users={} objects={}",
                    verified.path().getFileName(),
                    metadata.role(),
                    metadata.pairId(),
                    metadata.epoch(),
                    sink.partitions,
                    sink.users,
                    sink.objects);
            return new Restored(metadata, sink.partitions, sink.users, sink.objects);
        }
    }

    /** Decodes records in order into the import, recomputing the digest as it goes. */
    private static final class Sink {
        private final long epoch;
        private final DigestWriter digest = new DigestWriter(OutputStream.nullOutputStream());
        private VaultImport target;
        private int stage;
        private long index;
        private long partitions;
        private long users;
        private long objects;

        Sink(long epoch) {
            this.epoch = epoch;
        }

        void accept(byte[] bytes) {
            index++;
            try (VaultRecord record = RecordCodec.decode(bytes)) {
                switch (record) {
                    case VaultRecord.PartitionRecord p -> {
                        order(0);
                        add(BackupDigest.partition(p.partition(), epoch));
                        target.partition(p.partition());
                        partitions++;
                    }
                    case VaultRecord.UserRecord u -> {
                        order(1);
                        add(BackupDigest.user(u.user(), epoch));
                        target.user(u.user());
                        users++;
                    }
                    case VaultRecord.ObjectRecord o -> {
                        order(2);
                        ObjectFingerprint fingerprint = o.object().fingerprint();
                        add(BackupDigest.object(o.object(), fingerprint));
                        target.object(o.object(), fingerprint, o.share());
                        objects++;
                    }
                }
            } catch (SymbolonException e) {
                throw new SymbolonException(e.errorCode(), "record " + index + ": " + e.getMessage(), e);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }

        private void order(int recordStage) {
            if (recordStage < stage) {
                throw RecordCodec.malformed("partitions, users and objects are out of order");
            }
            stage = recordStage;
        }

        private void add(DigestEntry entry) {
            try {
                digest.add(entry);
            } catch (IllegalArgumentException e) {
                throw RecordCodec.malformed(e.getMessage());
            }
        }
    }
}
