package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BulkImport} in one write transaction on the writer connection. Objects go through a {@link
 * RowSink}: batched prepared inserts on SQLite, {@code COPY … FROM STDIN} on PostgreSQL.
 */
final class JdbcBulkImport implements BulkImport {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBulkImport.class);

    private final Database database;
    private final Clock clock;
    private final Connection connection;
    private RowSink objects;
    private long objectCount;
    private boolean failed;
    private boolean finished;

    private JdbcBulkImport(Database database, Clock clock, Connection connection) {
        this.database = database;
        this.clock = clock;
        this.connection = connection;
    }

    static JdbcBulkImport begin(Database database, Clock clock) {
        Connection connection = null;
        try {
            connection = database.writerConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT (SELECT COUNT(*) FROM partitions), (SELECT COUNT(*) FROM objects)");
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                if (rows.getLong(1) > 0 || rows.getLong(2) > 0) {
                    throw new SymbolonException(
                            ErrorCode.CONFLICT,
                            "the database already holds " + rows.getLong(1) + " partitions and " + rows.getLong(2)
                                    + " objects; restore into a new data directory (or an empty database)");
                }
            }
            LOG.info("import started");
            return new JdbcBulkImport(database, clock, connection);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                Database.rollbackQuietly(connection, e);
                closeQuietly(connection);
            }
            if (e instanceof SQLException sql) {
                throw database.failure("begin an import", sql);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void partition(Partition partition) {
        guarded("import a partition", () -> {
            finishObjects();
            NodeRows.insertPartition(connection, partition);
        });
    }

    @Override
    public void user(PartitionUser user) {
        guarded("import a user", () -> {
            finishObjects();
            NodeRows.insertUser(connection, user);
        });
    }

    @Override
    public void object(StoredObject object) {
        guarded("import an object", () -> {
            if (objects == null) {
                objects = database.dialect() == Dialect.POSTGRESQL
                        ? new PostgresCopySink(connection)
                        : new BatchInsertSink(connection);
            }
            objects.add(object);
            objectCount++;
        });
    }

    @Override
    public void epoch(long epoch) {
        guarded("set the imported epoch", () -> {
            finishObjects();
            var node = NodeRows.node(connection)
                    .orElseThrow(() -> new SymbolonException(
                            ErrorCode.NOT_FOUND, "the database has no node settings to set the epoch of"));
            NodeRows.updateNode(
                    connection, node.withRefresh(RefreshState.IDLE).withCurrentEpoch(epoch), clock.instant());
        });
    }

    @Override
    public long objectCount() {
        return objectCount;
    }

    @Override
    public void commit() {
        if (failed || finished) {
            throw new SymbolonException(
                    ErrorCode.INTERNAL, "this import " + (failed ? "failed" : "is finished") + " and cannot commit");
        }
        guarded("commit the import", () -> {
            finishObjects();
            connection.commit();
        });
        finished = true;
        LOG.info("import committed objects={}", objectCount);
        closeQuietly(connection);
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (objects != null) {
            objects.abandon();
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rolling back an import failed", e);
        }
        LOG.info("import rolled back objectsReceived={}", objectCount);
        closeQuietly(connection);
    }

    /** Ends the current run of object rows: a COPY must end before the connection runs anything else. */
    private void finishObjects() throws SQLException {
        if (objects != null) {
            RowSink finishing = objects;
            objects = null;
            finishing.finish();
        }
    }

    private interface SqlStep {
        void run() throws SQLException;
    }

    private void guarded(String what, SqlStep step) {
        if (failed || finished) {
            throw new SymbolonException(ErrorCode.INTERNAL, "this import already failed or finished");
        }
        try {
            step.run();
        } catch (SQLException e) {
            failed = true;
            if (database.dialect().isUniqueViolation(e)) {
                throw new SymbolonException(
                        ErrorCode.ALREADY_EXISTS, "the imported data holds a uid or name twice (" + what + ")", e);
            }
            if (database.dialect().isForeignKeyViolation(e)) {
                throw new SymbolonException(
                        ErrorCode.MALFORMED,
                        "the imported data names a partition it does not define (" + what + ")",
                        e);
            }
            throw database.failure(what, e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the import connection failed", e);
        }
    }
}
