package io.symbolon.vault;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.ObjectFingerprint;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.seal.ShareCipher;
import io.symbolon.vault.share.ShareScheme;
import io.symbolon.vault.storage.BulkImport;
import io.symbolon.vault.storage.StoredObject;
import java.time.Clock;

/**
 * A restore of one node's backup into this (empty) node, in one transaction: every share is re-sealed
 * under this node's system key as it arrives, and nothing is visible until {@link #commit}. Closing
 * without committing, or any failure, leaves the database untouched. All objects must be at the epoch
 * the import was begun with; committing sets the node to that epoch.
 */
public final class VaultImport implements AutoCloseable {
    private final BulkImport bulk;
    private final ShareCipher cipher;
    private final Clock clock;
    private final long epoch;

    VaultImport(BulkImport bulk, ShareCipher cipher, Clock clock, long epoch) {
        this.bulk = bulk;
        this.cipher = cipher;
        this.clock = clock;
        this.epoch = epoch;
    }

    public void partition(Partition partition) {
        bulk.partition(partition);
    }

    public void user(PartitionUser user) {
        bulk.user(user);
    }

    /** Adds an object with its share (which the caller still owns and closes). */
    public void object(VaultObject object, SecretBytes share) {
        object(object, object.fingerprint(), share);
    }

    /**
     * As {@link #object(VaultObject, SecretBytes)}, with the object's fingerprint already computed (a
     * restore needs it for the digest too, and it costs as much as sealing the share).
     */
    public void object(VaultObject object, ObjectFingerprint fingerprint, SecretBytes share) {
        if (object.epoch() != epoch) {
            throw new SymbolonException(
                    ErrorCode.EPOCH_MISMATCH,
                    "object " + object.uid() + " is at epoch " + object.epoch() + " but the backup is at epoch " + epoch
                            + "; the backup is inconsistent");
        }
        ShareScheme.of(object.type()).requireValidShare(object.type(), share);
        bulk.object(
                new StoredObject(object, ObjectState.ACTIVE, cipher.seal(object, fingerprint, share), clock.instant()));
    }

    /** How many objects were added so far. */
    public long objectCount() {
        return bulk.objectCount();
    }

    /** Makes everything visible at once and sets the node's epoch. */
    public void commit() {
        bulk.epoch(epoch);
        bulk.commit();
    }

    @Override
    public void close() {
        bulk.close();
    }
}
