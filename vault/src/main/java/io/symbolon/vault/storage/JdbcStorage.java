package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link Storage} over JDBC: SQLite (the default, a file in the data directory) or PostgreSQL (chosen
 * by a {@code jdbc:postgresql:} URL). The schema is brought up to date by Flyway when the storage opens.
 */
public final class JdbcStorage implements Storage {
    private final Database database;
    private final Clock clock;

    private JdbcStorage(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Opens (creating and migrating if needed) the database {@code config} describes. */
    public static JdbcStorage open(StorageConfig config, Clock clock) {
        return new JdbcStorage(Database.open(config), clock);
    }

    /**
     * As {@link #open}, for a boot, which has the database to itself while it creates the node and
     * imports a restored archive: SQLite then journals with a rollback journal instead of its write-ahead
     * log, so that a restore's one large transaction is written into the database file once (the WAL
     * would have it written into the log, then copied into the file by a checkpoint). Just as atomic: an
     * import that fails or is interrupted is rolled back from the journal. The next {@link #open} (the
     * node's server) turns the file back to WAL.
     */
    public static JdbcStorage openToBoot(StorageConfig config, Clock clock) {
        return new JdbcStorage(Database.open(config, Database.Journal.ROLLBACK), clock);
    }

    /** Which database this is. */
    public Dialect dialect() {
        return database.dialect();
    }

    // --- the node ---

    @Override
    public Optional<NodeSettings> node() {
        return database.read("read the node's settings", NodeRows::node);
    }

    @Override
    public void createNode(NodeSettings settings) {
        database.write("record the node's settings", connection -> {
            if (NodeRows.node(connection).isPresent()) {
                throw new SymbolonException(ErrorCode.ALREADY_EXISTS, "this database already belongs to a booted node");
            }
            NodeRows.insertNode(connection, settings, clock.instant());
            return null;
        });
    }

    @Override
    public void abandonNode() {
        database.write("remove the settings of an unfinished boot", connection -> {
            for (String table : new String[] {"partitions", "partition_users", "objects"}) {
                try (java.sql.PreparedStatement any =
                                connection.prepareStatement("SELECT 1 FROM " + table + " LIMIT 1");
                        java.sql.ResultSet rows = any.executeQuery()) {
                    if (rows.next()) {
                        throw new SymbolonException(
                                ErrorCode.CONFLICT,
                                "the database holds " + table.replace('_', ' ')
                                        + ": it is a node's, not an unfinished boot's; nothing was removed");
                    }
                }
            }
            try (java.sql.PreparedStatement delete = connection.prepareStatement("DELETE FROM node WHERE id = 1")) {
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public NodeSettings updateNode(UnaryOperator<NodeSettings> change) {
        return database.write("update the node's settings", connection -> {
            NodeSettings current = NodeRows.node(connection)
                    .orElseThrow(() -> new SymbolonException(
                            ErrorCode.NOT_FOUND, "this database has no node settings: boot the node first"));
            NodeSettings updated = change.apply(current);
            if (updated.role() != current.role() || !updated.pairId().equals(current.pairId())) {
                throw new SymbolonException(ErrorCode.CONFLICT, "a node's role and pair are fixed at boot");
            }
            NodeRows.updateNode(connection, updated, clock.instant());
            return updated;
        });
    }

    // --- partitions and users ---

    @Override
    public void createPartition(Partition partition) {
        try {
            database.write("create a partition", connection -> {
                NodeRows.insertPartition(connection, partition);
                return null;
            });
        } catch (SymbolonException e) {
            if (isUniqueViolation(e)) {
                throw new SymbolonException(
                        ErrorCode.ALREADY_EXISTS, "partition " + partition.name() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<Partition> findPartition(String name) {
        return partitions().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public List<Partition> partitions() {
        return database.read("list partitions", NodeRows::partitions);
    }

    @Override
    public boolean deletePartition(String name) {
        return database.write("delete a partition", connection -> {
            try (PreparedStatement objects =
                    connection.prepareStatement("SELECT 1 FROM objects WHERE partition_name = ? LIMIT 1")) {
                objects.setString(1, name);
                try (ResultSet rows = objects.executeQuery()) {
                    if (rows.next()) {
                        throw new SymbolonException(
                                ErrorCode.CONFLICT, "partition " + name + " still holds objects; delete them first");
                    }
                }
            }
            update(connection, "DELETE FROM partition_users WHERE partition_name = ?", name);
            return update(connection, "DELETE FROM partitions WHERE name = ?", name) > 0;
        });
    }

    @Override
    public void putUser(PartitionUser user) {
        try {
            database.write("store a user", connection -> {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO partition_users ("
                        + NodeRows.USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (partition_name, user_name)"
                        + " DO UPDATE SET password_hash = excluded.password_hash,"
                        + " security_officer = excluded.security_officer")) {
                    upsert.setString(1, user.partition());
                    upsert.setString(2, user.user());
                    upsert.setString(3, user.passwordHash());
                    upsert.setBoolean(4, user.securityOfficer());
                    upsert.setLong(5, user.created().toEpochMilli());
                    upsert.executeUpdate();
                }
                return null;
            });
        } catch (SymbolonException e) {
            if (isForeignKeyViolation(e)) {
                throw new SymbolonException(ErrorCode.NOT_FOUND, "partition " + user.partition() + " does not exist");
            }
            throw e;
        }
    }

    @Override
    public Optional<PartitionUser> findUser(String partition, String user) {
        return database.read(
                "find a user",
                connection ->
                        NodeRows.users(connection, "WHERE partition_name = ? AND user_name = ?", partition, user)
                                .stream()
                                .findFirst());
    }

    @Override
    public List<PartitionUser> users(String partition) {
        return database.read(
                "list users", connection -> NodeRows.users(connection, "WHERE partition_name = ?", partition));
    }

    @Override
    public boolean deleteUser(String partition, String user) {
        return database.write(
                "delete a user",
                connection -> update(
                                connection,
                                "DELETE FROM partition_users WHERE partition_name = ? AND user_name = ?",
                                partition,
                                user)
                        > 0);
    }

    // --- objects ---

    @Override
    public void insert(StoredObject object) {
        try {
            database.write("create an object", connection -> {
                try (PreparedStatement insert = connection.prepareStatement(ObjectRows.INSERT)) {
                    ObjectRows.bind(insert, object);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (SymbolonException e) {
            if (isUniqueViolation(e)) {
                throw alreadyExists(object);
            }
            if (isForeignKeyViolation(e)) {
                throw new SymbolonException(
                        ErrorCode.NOT_FOUND, "partition " + object.object().partition() + " does not exist");
            }
            throw e;
        }
    }

    private SymbolonException alreadyExists(StoredObject object) {
        String partition = object.object().partition();
        String name = object.object().name();
        if (findByName(partition, name).isPresent()) {
            return new SymbolonException(
                    ErrorCode.ALREADY_EXISTS,
                    "partition " + partition + " already holds an object named '" + name + "'");
        }
        return new SymbolonException(ErrorCode.ALREADY_EXISTS, "uid " + object.uid() + " is already taken");
    }

    @Override
    public Optional<StoredObject> find(ObjectUid uid) {
        return database.read("read an object", connection -> {
            try (PreparedStatement select = connection.prepareStatement(ObjectRows.SELECT + " WHERE uid = ?")) {
                select.setLong(1, uid.value());
                return single(select, database.dialect());
            }
        });
    }

    @Override
    public Optional<StoredObject> findByName(String partition, String name) {
        return database.read("read an object", connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement(ObjectRows.SELECT + " WHERE partition_name = ? AND name = ?")) {
                select.setString(1, partition);
                select.setString(2, name);
                return single(select, database.dialect());
            }
        });
    }

    @Override
    public boolean changeState(ObjectUid uid, ObjectState from, ObjectState to, Instant when) {
        return database.write("change an object's state", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE objects SET state = ?, state_changed_at = ? WHERE uid = ? AND state = ?")) {
                update.setString(1, to.name());
                update.setLong(2, when.toEpochMilli());
                update.setLong(3, uid.value());
                update.setString(4, from.name());
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean replace(StoredObject updated, long expectedVersion) {
        try {
            return database.write("update an object", connection -> {
                try (PreparedStatement update = connection.prepareStatement(ObjectRows.REPLACE)) {
                    ObjectRows.bindReplace(update, updated, expectedVersion);
                    return update.executeUpdate() > 0;
                }
            });
        } catch (SymbolonException e) {
            if (isUniqueViolation(e)) {
                throw alreadyExists(updated);
            }
            throw e;
        }
    }

    @Override
    public boolean delete(ObjectUid uid, ObjectState state) {
        return database.write(
                "delete an object",
                connection ->
                        update(connection, "DELETE FROM objects WHERE uid = ? AND state = ?", uid.value(), state.name())
                                > 0);
    }

    @Override
    public boolean delete(ObjectUid uid) {
        return database.write(
                "delete an object",
                connection -> update(connection, "DELETE FROM objects WHERE uid = ?", uid.value()) > 0);
    }

    @Override
    public ObjectPage list(ObjectQuery query) {
        return database.read("list objects", connection -> {
            String sql = ObjectRows.SELECT + " WHERE state = ?"
                    + (query.partition().isPresent() ? " AND partition_name = ?" : "")
                    + " AND uid > ? ORDER BY uid LIMIT ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                select.setString(index++, query.state().name());
                if (query.partition().isPresent()) {
                    select.setString(index++, query.partition().get());
                }
                select.setLong(index++, query.after().map(ObjectUid::value).orElse(0L));
                select.setInt(index, query.limit());
                List<StoredObject> objects = new ArrayList<>(Math.min(query.limit(), 1024));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        objects.add(ObjectRows.read(rows, database.dialect()));
                    }
                }
                Optional<ObjectUid> next = objects.size() == query.limit()
                        ? Optional.of(objects.getLast().uid())
                        : Optional.empty();
                return new ObjectPage(objects, next);
            }
        });
    }

    @Override
    public long count(ObjectState state) {
        return database.read("count objects", connection -> count(connection, state));
    }

    /** See {@link #count(Connection, ObjectState)}; the literal, as the partial index's own WHERE clause has it. */
    static final String COUNT_ACTIVE =
            "SELECT (SELECT COUNT(*) FROM objects) - (SELECT COUNT(*) FROM objects WHERE state <> 'ACTIVE')";

    /**
     * ACTIVE rows are counted as all rows less the others: a bare {@code COUNT(*)} reads only the pages of the
     * smallest index on SQLite, and the rows that are not ACTIVE have an index of their own
     * ({@code objects_unsettled}); counting by the state column read every row of the table (0.1 s per
     * 1,000,000 rows, at the start of every backup).
     */
    static long count(Connection connection, ObjectState state) throws SQLException {
        if (state == ObjectState.ACTIVE) {
            try (PreparedStatement select = connection.prepareStatement(COUNT_ACTIVE);
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM objects WHERE state = ?")) {
            select.setString(1, state.name());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public List<StoredObject> unsettled(Instant before, int limit) {
        return database.read("list unsettled objects", connection -> {
            try (PreparedStatement select = connection.prepareStatement(ObjectRows.SELECT
                    + " WHERE state <> 'ACTIVE' AND state_changed_at < ? ORDER BY state_changed_at, uid LIMIT ?")) {
                select.setLong(1, before.toEpochMilli());
                select.setInt(2, limit);
                List<StoredObject> objects = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        objects.add(ObjectRows.read(rows, database.dialect()));
                    }
                }
                return objects;
            }
        });
    }

    // --- bulk operations ---

    @Override
    public Snapshot snapshot() {
        return JdbcSnapshot.open(database);
    }

    @Override
    public BulkImport beginImport() {
        return JdbcBulkImport.begin(database, clock);
    }

    /** The history of coordinated backups, in this database (EP keeps it). */
    public io.symbolon.vault.backup.BackupHistory backupHistory() {
        return new JdbcBackupHistory(database);
    }

    @Override
    public long rewriteShares(long fromEpoch, long toEpoch, ShareRewriter rewriter, int batchSize) {
        return new ShareRewrite(database, fromEpoch, toEpoch, rewriter, batchSize).run();
    }

    @Override
    public void close() {
        database.close();
    }

    // --- helpers ---

    private static Optional<StoredObject> single(PreparedStatement select, Dialect dialect) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(ObjectRows.read(rows, dialect)) : Optional.empty();
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private boolean isUniqueViolation(SymbolonException e) {
        return e.getCause() instanceof SQLException sql && database.dialect().isUniqueViolation(sql);
    }

    private boolean isForeignKeyViolation(SymbolonException e) {
        return e.getCause() instanceof SQLException sql && database.dialect().isForeignKeyViolation(sql);
    }
}
