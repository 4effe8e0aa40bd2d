package io.symbolon.vault.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects table's primary key, unique constraints, foreign keys and indexes, dropped before a bulk
 * load into the empty table and re-created after it, in the load's transaction (as {@code pg_restore}
 * does): PostgreSQL then writes the rows without maintaining four B-trees row by row or queueing an RI
 * check per row, and builds each index in one sort at the end. PostgreSQL's DDL is transactional, so a
 * failure or a crash anywhere before the commit leaves the table with its indexes and constraints as
 * they were; a duplicate uid or name, or an unknown partition, fails the re-creation with the SQLSTATE
 * the row would have failed with (23505, 23503).
 *
 * <p>The definitions are read from the catalog ({@code pg_get_constraintdef}, {@code pg_get_indexdef})
 * and re-created verbatim under the same names, so the schema afterwards is the migrations' whatever
 * they say. The table is locked ACCESS EXCLUSIVE first, and nothing is dropped unless it is empty then
 * (rows added concurrently would otherwise escape the re-checks), no other table references it, every
 * index is a valid one in the default tablespace, and the importing user owns the table. Until the
 * transaction ends, other sessions that read the objects table (or the partitions table, whose side of
 * the foreign key is dropped too) wait: a restore runs while the node does not serve.
 */
final class DeferredObjectIndexes {
    private final Connection connection;
    private final List<String> recreate;

    private DeferredObjectIndexes(Connection connection, List<String> recreate) {
        this.connection = connection;
        this.recreate = List.copyOf(recreate);
    }

    /**
     * Drops the objects table's indexes and key constraints if the table is empty and holds nothing
     * unusual; empty when they were left in place (the rows are then checked as they arrive).
     */
    static Optional<DeferredObjectIndexes> dropIfEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Only the tables' owner may drop and add their constraints; anyone else loads as before.
            if (!exists(
                    statement,
                    "SELECT 1 FROM pg_class WHERE oid = 'objects'::regclass AND pg_has_role(relowner, 'USAGE')"
                            + " AND has_table_privilege('partitions', 'REFERENCES')")) {
                return Optional.empty();
            }
            statement.execute("LOCK TABLE objects IN ACCESS EXCLUSIVE MODE");
            if (exists(statement, "SELECT 1 FROM objects")
                    || exists(statement, "SELECT 1 FROM pg_constraint WHERE confrelid = 'objects'::regclass")
                    || exists(
                            statement,
                            "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                                    + " WHERE i.indrelid = 'objects'::regclass"
                                    + " AND (NOT i.indisvalid OR c.reltablespace <> 0)")) {
                return Optional.empty();
            }
            List<String> drop = new ArrayList<>();
            List<String> indexes = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> foreignKeys = new ArrayList<>();
            // Constraints' own indexes go with their constraints; the others are plain indexes.
            try (ResultSet rows = statement.executeQuery(
                    "SELECT quote_ident(conname), pg_get_constraintdef(oid), contype FROM pg_constraint"
                            + " WHERE conrelid = 'objects'::regclass AND contype IN ('p', 'u', 'f')"
                            + " ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, conname")) {
                while (rows.next()) {
                    drop.add("ALTER TABLE objects DROP CONSTRAINT " + rows.getString(1));
                    String add = "ALTER TABLE objects ADD CONSTRAINT " + rows.getString(1) + " " + rows.getString(2);
                    ("f".equals(rows.getString(3)) ? foreignKeys : keys).add(add);
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT quote_ident(c.relname), pg_get_indexdef(i.indexrelid) FROM pg_index i"
                            + " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'objects'::regclass"
                            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                            + " AND k.conrelid = 'objects'::regclass) ORDER BY c.relname")) {
                while (rows.next()) {
                    drop.add("DROP INDEX " + rows.getString(1));
                    indexes.add(rows.getString(2));
                }
            }
            // Re-created keys first (a duplicate uid or name fails before any other index is built),
            // then plain indexes, then foreign keys (one join each once the rows are in).
            List<String> recreate = new ArrayList<>(keys);
            recreate.addAll(indexes);
            recreate.addAll(foreignKeys);
            for (String sql : drop) {
                statement.execute(sql);
            }
            return Optional.of(new DeferredObjectIndexes(connection, recreate));
        }
    }

    /**
     * SQLite's counterpart of {@link #dropIfEmpty}: the objects table's plain indexes (those with a
     * definition in {@code sqlite_schema}; the key's and the unique constraint's own indexes cannot be
     * dropped and stay, checking each row as it arrives) are dropped if the table is empty, and
     * re-created verbatim after the rows. SQLite's DDL is transactional too, and the import holds the
     * database's only write transaction.
     */
    static Optional<DeferredObjectIndexes> dropIfEmptySqlite(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (exists(statement, "SELECT 1 FROM objects LIMIT 1")) {
                return Optional.empty();
            }
            List<String> drop = new ArrayList<>();
            List<String> recreate = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                    + " AND tbl_name = 'objects' AND sql IS NOT NULL ORDER BY name")) {
                while (rows.next()) {
                    drop.add("DROP INDEX \"" + rows.getString(1).replace("\"", "\"\"") + "\"");
                    recreate.add(rows.getString(2));
                }
            }
            for (String sql : drop) {
                statement.execute(sql);
            }
            return Optional.of(new DeferredObjectIndexes(connection, recreate));
        }
    }

    /**
     * Re-creates everything {@link #dropIfEmpty} dropped, checking the rows loaded since. (A larger
     * {@code maintenance_work_mem} for these builds made no measurable difference at 1,000,000 rows.)
     */
    void recreate() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : recreate) {
                statement.execute(sql);
            }
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }
}
