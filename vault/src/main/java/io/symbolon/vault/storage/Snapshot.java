package io.symbolon.vault.storage;

import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.util.List;
import java.util.Optional;

/**
 * One read transaction over the whole database, for a backup: everything read through it reflects the
 * same instant, while other connections keep creating and deleting objects. On SQLite it is a WAL read
 * transaction (writers are not blocked); on PostgreSQL a REPEATABLE READ, read-only transaction.
 *
 * <p>Close it as soon as the backup has read it: on SQLite an open snapshot keeps the write-ahead log
 * from being checkpointed past it.
 */
public interface Snapshot extends AutoCloseable {
    /** The node's settings as of the snapshot. */
    Optional<NodeSettings> node();

    /** Every partition, by name. */
    List<Partition> partitions();

    /** Every partition user, by partition then name. */
    List<PartitionUser> users();

    /** How many ACTIVE objects {@link #objects()} will stream (for progress reports). */
    long objectCount();

    /** Streams every ACTIVE object in ascending uid order; close the cursor before the snapshot. */
    ObjectCursor objects();

    @Override
    void close();
}
