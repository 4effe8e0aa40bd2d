package io.symbolon.vault.testing;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.storage.BulkImport;
import io.symbolon.vault.storage.ObjectPage;
import io.symbolon.vault.storage.ObjectQuery;
import io.symbolon.vault.storage.ShareRewriter;
import io.symbolon.vault.storage.Snapshot;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A {@link Storage} that passes everything to another one, except that its {@code failAt}-th object
 * write — an insert, an imported object, or a rewritten share — fails as a crash or a full disk would
 * (restic's damage-injecting backends). Closing it does not close the storage it wraps.
 */
public final class FaultyStorage implements Storage {
    private final Storage delegate;
    private final long failAt;
    private final AtomicLong writes = new AtomicLong();

    public FaultyStorage(Storage delegate, long failAt) {
        this.delegate = delegate;
        this.failAt = failAt;
    }

    /** How many object writes were attempted. */
    public long writes() {
        return writes.get();
    }

    private void countWrite() {
        if (writes.incrementAndGet() == failAt) {
            throw new SymbolonException(ErrorCode.IO, "injected failure at object write " + failAt);
        }
    }

    @Override
    public void insert(StoredObject object) {
        countWrite();
        delegate.insert(object);
    }

    @Override
    public BulkImport beginImport() {
        BulkImport bulk = delegate.beginImport();
        return new BulkImport() {
            @Override
            public void partition(Partition partition) {
                bulk.partition(partition);
            }

            @Override
            public void user(PartitionUser user) {
                bulk.user(user);
            }

            @Override
            public void object(StoredObject object) {
                countWrite();
                bulk.object(object);
            }

            @Override
            public void epoch(long epoch) {
                bulk.epoch(epoch);
            }

            @Override
            public long objectCount() {
                return bulk.objectCount();
            }

            @Override
            public void commit() {
                bulk.commit();
            }

            @Override
            public void close() {
                bulk.close();
            }
        };
    }

    @Override
    public long rewriteShares(long fromEpoch, long toEpoch, ShareRewriter rewriter, int batchSize) {
        return delegate.rewriteShares(
                fromEpoch,
                toEpoch,
                (row, moved) -> {
                    countWrite();
                    return rewriter.rewrite(row, moved);
                },
                batchSize);
    }

    // --- everything else passes through ---

    @Override
    public Optional<NodeSettings> node() {
        return delegate.node();
    }

    @Override
    public void createNode(NodeSettings settings) {
        delegate.createNode(settings);
    }

    @Override
    public void abandonNode() {
        delegate.abandonNode();
    }

    @Override
    public NodeSettings updateNode(UnaryOperator<NodeSettings> change) {
        return delegate.updateNode(change);
    }

    @Override
    public void createPartition(Partition partition) {
        delegate.createPartition(partition);
    }

    @Override
    public Optional<Partition> findPartition(String name) {
        return delegate.findPartition(name);
    }

    @Override
    public List<Partition> partitions() {
        return delegate.partitions();
    }

    @Override
    public boolean deletePartition(String name) {
        return delegate.deletePartition(name);
    }

    @Override
    public void putUser(PartitionUser user) {
        delegate.putUser(user);
    }

    @Override
    public Optional<PartitionUser> findUser(String partition, String user) {
        return delegate.findUser(partition, user);
    }

    @Override
    public List<PartitionUser> users(String partition) {
        return delegate.users(partition);
    }

    @Override
    public boolean deleteUser(String partition, String user) {
        return delegate.deleteUser(partition, user);
    }

    @Override
    public Optional<StoredObject> find(ObjectUid uid) {
        return delegate.find(uid);
    }

    @Override
    public Optional<StoredObject> findByName(String partition, String name) {
        return delegate.findByName(partition, name);
    }

    @Override
    public boolean changeState(ObjectUid uid, ObjectState from, ObjectState to, Instant when) {
        return delegate.changeState(uid, from, to, when);
    }

    @Override
    public boolean replace(StoredObject updated, long expectedVersion) {
        return delegate.replace(updated, expectedVersion);
    }

    @Override
    public boolean delete(ObjectUid uid, ObjectState state) {
        return delegate.delete(uid, state);
    }

    @Override
    public boolean delete(ObjectUid uid) {
        return delegate.delete(uid);
    }

    @Override
    public ObjectPage list(ObjectQuery query) {
        return delegate.list(query);
    }

    @Override
    public long count(ObjectState state) {
        return delegate.count(state);
    }

    @Override
    public List<StoredObject> unsettled(Instant before, int limit) {
        return delegate.unsettled(before, limit);
    }

    @Override
    public Snapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void close() {
        // The wrapped storage belongs to the test.
    }
}
