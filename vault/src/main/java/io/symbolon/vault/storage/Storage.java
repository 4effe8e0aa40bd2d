package io.symbolon.vault.storage;

import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A node's database: its settings, partitions, users and objects with their sealed shares. One
 * implementation, {@link JdbcStorage}, over SQLite or PostgreSQL; the contract suite in the tests holds
 * for both.
 *
 * <p>Guarantees: every method is atomic; failures are {@link io.symbolon.error.SymbolonException}s
 * ({@code ALREADY_EXISTS} for a taken uid or name, {@code NOT_FOUND} for a missing partition, {@code
 * CONFLICT} for a state that changed underneath, {@code IO} for the database itself). Object names are
 * unique per partition across every state, so of two concurrent creations of one name exactly one
 * wins. Storage holds shares only sealed and never interprets them. Implementations are thread-safe.
 */
public interface Storage extends AutoCloseable {
    // --- the node ---

    /** The node's settings, once booted. */
    Optional<NodeSettings> node();

    /** Records the node's settings at boot; {@code ALREADY_EXISTS} if there are some. */
    void createNode(NodeSettings settings);

    /**
     * Undoes {@link #createNode} for a boot that did not finish (its import or its first user failed),
     * so that the same database can be booted into again: removes the node's settings when the database
     * holds no partition, user or object. {@code CONFLICT}, changing nothing, when it holds any.
     */
    void abandonNode();

    /** Changes the node's settings atomically (read, apply {@code change}, write); returns the result. */
    NodeSettings updateNode(UnaryOperator<NodeSettings> change);

    // --- partitions and their users ---

    /** {@code ALREADY_EXISTS} if the name is taken. */
    void createPartition(Partition partition);

    Optional<Partition> findPartition(String name);

    /** Every partition, by name (there are few). */
    List<Partition> partitions();

    /** Deletes an empty partition and its users; {@code CONFLICT} while it holds objects. */
    boolean deletePartition(String name);

    /** Creates the user or replaces its password hash and role; {@code NOT_FOUND} without the partition. */
    void putUser(PartitionUser user);

    Optional<PartitionUser> findUser(String partition, String user);

    /** The users of one partition, by name. */
    List<PartitionUser> users(String partition);

    boolean deleteUser(String partition, String user);

    // --- objects ---

    /** Inserts a row; {@code ALREADY_EXISTS} if its uid, or its name in its partition, is taken. */
    void insert(StoredObject object);

    /** The row of {@code uid}, in any state. */
    Optional<StoredObject> find(ObjectUid uid);

    /** The row named {@code name} in {@code partition}, in any state. */
    Optional<StoredObject> findByName(String partition, String name);

    /** Moves a row from {@code from} to {@code to}; false if it is not in {@code from} (or absent). */
    boolean changeState(ObjectUid uid, ObjectState from, ObjectState to, Instant when);

    /**
     * Replaces a row's object and sealed share if its version is still {@code expectedVersion} (the
     * uid, partition and type cannot change); false otherwise.
     */
    boolean replace(StoredObject updated, long expectedVersion);

    /** Deletes the row of {@code uid} if it is in {@code state}; false otherwise. */
    boolean delete(ObjectUid uid, ObjectState state);

    /** Deletes the row of {@code uid} whatever its state (seed 000's remedy for a partial key). */
    boolean delete(ObjectUid uid);

    /** One page of a listing; see {@link ObjectQuery}. */
    ObjectPage list(ObjectQuery query);

    /** How many rows are in {@code state}. */
    long count(ObjectState state);

    /**
     * Rows left PENDING or DELETING since before {@code before} — operations the peer never confirmed —
     * oldest first, at most {@code limit}.
     */
    List<StoredObject> unsettled(Instant before, int limit);

    /**
     * Every object matching {@code query}, page after page of {@code query.limit()} rows. Pages are
     * separate reads: memory stays constant and no transaction is held, but objects created or deleted
     * meanwhile may or may not appear (use {@link #snapshot} for a consistent view).
     */
    default Iterator<StoredObject> stream(ObjectQuery query) {
        return new Iterator<>() {
            private ObjectPage page = list(query);
            private int index;

            @Override
            public boolean hasNext() {
                while (index == page.objects().size()) {
                    if (page.next().isEmpty()) {
                        return false;
                    }
                    page = list(query.after(page.next().get()));
                    index = 0;
                }
                return true;
            }

            @Override
            public StoredObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.objects().get(index++);
            }
        };
    }

    // --- bulk operations ---

    /** Opens one read transaction over everything; see {@link Snapshot}. */
    Snapshot snapshot();

    /**
     * Starts a restore into this database, which must hold no partitions and no objects ({@code
     * CONFLICT} otherwise); see {@link BulkImport}.
     */
    BulkImport beginImport();

    /**
     * Rewrites the share of every row at {@code fromEpoch} (in any state) to {@code toEpoch}, in batches
     * of {@code batchSize} rows, each batch its own short write transaction, so clients are served in
     * between. A row changed by someone else between reading and writing is skipped and picked up
     * again; passes repeat until no row is left at {@code fromEpoch}. Objects created while it runs must
     * be created at {@code toEpoch}. Interrupted (a crash), it can simply be called again. Returns how
     * many rows were rewritten.
     */
    long rewriteShares(long fromEpoch, long toEpoch, ShareRewriter rewriter, int batchSize);

    /** Closes the connection pools. */
    @Override
    void close();
}
