package io.symbolon.vault.storage;

import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Snapshot} on one connection holding one read transaction. The transaction's view is fixed by
 * its first read, made when the snapshot opens (it reads the node, partitions and users at once).
 */
final class JdbcSnapshot implements Snapshot {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSnapshot.class);
    private static final int FETCH_SIZE = 1000;

    private final Database database;
    private final Connection connection;
    private final Optional<NodeSettings> node;
    private final List<Partition> partitions;
    private final List<PartitionUser> users;
    private long objectCount = -1;
    private boolean closed;

    private JdbcSnapshot(
            Database database,
            Connection connection,
            Optional<NodeSettings> node,
            List<Partition> partitions,
            List<PartitionUser> users) {
        this.database = database;
        this.connection = connection;
        this.node = node;
        this.partitions = List.copyOf(partitions);
        this.users = List.copyOf(users);
    }

    static JdbcSnapshot open(Database database) {
        Connection connection = null;
        try {
            connection = database.readerConnection();
            connection.setAutoCommit(false);
            if (database.dialect() == Dialect.POSTGRESQL) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
            }
            // The first read fixes the transaction's view (SQLite's WAL read mark, PostgreSQL's snapshot).
            Optional<NodeSettings> node = NodeRows.node(connection);
            List<Partition> partitions = NodeRows.partitions(connection);
            List<PartitionUser> users = NodeRows.users(connection, "");
            LOG.debug("snapshot opened partitions={} users={}", partitions.size(), users.size());
            return new JdbcSnapshot(database, connection, node, partitions, users);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                closeQuietly(connection, e);
            }
            if (e instanceof SQLException sql) {
                throw database.failure("open a snapshot", sql);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public Optional<NodeSettings> node() {
        return node;
    }

    @Override
    public List<Partition> partitions() {
        return partitions;
    }

    @Override
    public List<PartitionUser> users() {
        return users;
    }

    @Override
    public long objectCount() {
        if (objectCount < 0) {
            try {
                objectCount = JdbcStorage.count(connection, ObjectState.ACTIVE);
            } catch (SQLException e) {
                throw database.failure("count a snapshot's objects", e);
            }
        }
        return objectCount;
    }

    @Override
    public ObjectCursor objects() {
        try {
            PreparedStatement select = connection.prepareStatement(
                    ObjectRows.SELECT + " WHERE state = '" + ObjectState.ACTIVE.name() + "' ORDER BY uid");
            select.setFetchSize(FETCH_SIZE);
            if (database.dialect() == Dialect.POSTGRESQL) {
                // Results in binary: the 64-bit columns and the shares arrive as bytes, not as decimal text
                // and hex to parse (a third of a backup's reading on PostgreSQL). pgjdbc asks for binary
                // only for a statement prepared on the server; a threshold of -1 prepares this one at once.
                select.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            return new ResultCursor(select, select.executeQuery());
        } catch (SQLException e) {
            throw database.failure("stream a snapshot's objects", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.rollback(); // read only: nothing to keep, and it ends the transaction at once
        } catch (SQLException e) {
            LOG.debug("ending a snapshot's transaction failed", e);
        }
        closeQuietly(connection, null);
    }

    private static void closeQuietly(Connection connection, Throwable reason) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (reason != null) {
                reason.addSuppressed(e);
            }
        }
    }

    /** Streams rows of an open result set with one row of look-ahead. */
    private final class ResultCursor implements ObjectCursor {
        private final PreparedStatement statement;
        private final ResultSet rows;
        private StoredObject next;
        private boolean done;

        ResultCursor(PreparedStatement statement, ResultSet rows) {
            this.statement = statement;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                if (rows.next()) {
                    next = ObjectRows.readInState(rows, database.dialect(), ObjectState.ACTIVE);
                    return true;
                }
                done = true;
                return false;
            } catch (SQLException e) {
                throw database.failure("read a snapshot's objects", e);
            } catch (SymbolonException e) {
                done = true;
                throw e;
            }
        }

        @Override
        public StoredObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StoredObject result = next;
            next = null;
            return result;
        }

        @Override
        public void close() {
            done = true;
            try {
                rows.close();
                statement.close();
            } catch (SQLException e) {
                LOG.debug("closing a snapshot cursor failed", e);
            }
        }
    }
}
