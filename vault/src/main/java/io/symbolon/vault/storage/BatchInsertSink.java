package io.symbolon.vault.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Object rows as batches of one prepared INSERT: the fast path on SQLite. */
final class BatchInsertSink implements RowSink {
    static final int BATCH_SIZE = 1000;

    private final PreparedStatement insert;
    private int pending;

    BatchInsertSink(Connection connection) throws SQLException {
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
    }

    @Override
    public void abandon() {
        try {
            insert.close();
        } catch (SQLException e) {
            // The transaction is rolled back anyway.
        }
    }
}
