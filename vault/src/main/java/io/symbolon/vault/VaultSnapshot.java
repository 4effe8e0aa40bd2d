package io.symbolon.vault;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectFingerprint;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.seal.ShareCipher;
import io.symbolon.vault.storage.ObjectCursor;
import io.symbolon.vault.storage.Snapshot;
import io.symbolon.vault.storage.StoredObject;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a backup reads: one consistent view of the node (its settings, partitions, users and every
 * ACTIVE object in ascending uid order) with each share unsealed as it streams past. Memory does not
 * grow with the number of objects. A share that does not open stops the stream with {@code
 * SHARE_TAMPERED} naming its uid: a backup never carries a damaged row.
 */
public final class VaultSnapshot implements AutoCloseable {
    private final Snapshot snapshot;
    private final ShareCipher cipher;

    VaultSnapshot(Snapshot snapshot, ShareCipher cipher) {
        this.snapshot = snapshot;
        this.cipher = cipher;
    }

    /** The node's settings as of the snapshot; its epoch is the epoch of every object. */
    public NodeSettings node() {
        return snapshot.node().orElseThrow();
    }

    public List<Partition> partitions() {
        return snapshot.partitions();
    }

    public List<PartitionUser> users() {
        return snapshot.users();
    }

    /** How many objects {@link #objects()} yields. */
    public long objectCount() {
        return snapshot.objectCount();
    }

    /**
     * Every ACTIVE object with its share, in ascending uid order. Call once; the caller closes each entry
     * and then the iterator's snapshot (closing this snapshot closes the underlying cursor).
     */
    public Iterator<SnapshotEntry> objects() {
        ObjectCursor cursor = snapshot.objects();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = cursor.hasNext();
                if (!more) {
                    cursor.close();
                }
                return more;
            }

            @Override
            public SnapshotEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StoredObject row = cursor.next();
                ObjectFingerprint fingerprint = row.object().fingerprint();
                byte[] sealed = row.sealedShare(); // a copy: one per row, not one per use
                byte[] share = new byte[cipher.plainLength(row.object(), sealed)];
                cipher.open(row.object(), fingerprint, sealed, share, 0);
                return new SnapshotEntry(row.object(), fingerprint, SecretBytes.adopt(share));
            }
        };
    }

    @Override
    public void close() {
        snapshot.close();
    }
}
