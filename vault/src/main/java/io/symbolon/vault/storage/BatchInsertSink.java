package io.symbolon.vault.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Object rows as batches of one prepared INSERT: the fast path on SQLite. Into an empty table, the
 * plain indexes are built once after the rows ({@link DeferredObjectIndexes#dropIfEmptySqlite}), and the
 * connection's page cache is enlarged for the load (a larger cache spills fewer pages of the unique
 * index to the WAL before the commit; durability is the same: the commit still syncs the WAL).
 */
final class BatchInsertSink implements RowSink {
    static final int BATCH_SIZE = 1000;
    /** The page cache during a load, in KiB (SQLite's default is 2,000 KiB); native memory, not heap. */
    static final int LOAD_CACHE_KIB = 64 * 1024;

    private final Connection connection;
    private final Optional<DeferredObjectIndexes> deferred;
    private final long cacheSize;
    private final PreparedStatement insert;
    private int pending;

    BatchInsertSink(Connection connection) throws SQLException {
        this.connection = connection;
        this.deferred = DeferredObjectIndexes.dropIfEmptySqlite(connection);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA cache_size")) {
            rows.next();
            this.cacheSize = rows.getLong(1);
            statement.execute("PRAGMA cache_size = -" + LOAD_CACHE_KIB);
        }
        this.insert = connection.prepareStatement(ObjectRows.INSERT);
    }

    @Override
    public void add(StoredObject row) throws SQLException {
        ObjectRows.bind(insert, row);
        insert.addBatch();
        if (++pending == BATCH_SIZE) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void finish() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
        insert.close();
        if (deferred.isPresent()) {
            deferred.get().recreate();
        }
        restoreCacheSize();
    }

    @Override
    public void abandon() {
        try {
            insert.close();
            restoreCacheSize();
        } catch (SQLException e) {
            // The transaction is rolled back anyway.
        }
    }

    private void restoreCacheSize() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA cache_size = " + cacheSize);
        }
    }
}
