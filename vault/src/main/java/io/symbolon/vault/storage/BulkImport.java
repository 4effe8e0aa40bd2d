package io.symbolon.vault.storage;

import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;

/**
 * A restore into an empty database, in one transaction: nothing is visible to anyone until {@link
 * #commit}, and closing without committing (or any failure) leaves the database exactly as it was.
 * Rows are written in batches as they arrive, so memory does not grow with their number.
 *
 * <p>On PostgreSQL, from its first object until it ends, the import holds the objects and partitions
 * tables exclusively (it rebuilds their indexes and keys after the rows, see {@code
 * DeferredObjectIndexes}): another session that reads them waits for the commit or the rollback
 * rather than seeing the empty tables. It never sees part of the import either way.
 *
 * <p>Partitions must arrive before their users and objects. Not thread-safe.
 */
public interface BulkImport extends AutoCloseable {
    void partition(Partition partition);

    void user(PartitionUser user);

    /** Adds an object (normally ACTIVE, with a share already re-sealed for this node). */
    void object(StoredObject object);

    /** Sets the node's current epoch in the same transaction (the epoch of the imported shares). */
    void epoch(long epoch);

    /** How many objects were added so far. */
    long objectCount();

    /** Makes everything visible at once. */
    void commit();

    /** Rolls back unless committed. */
    @Override
    void close();
}
