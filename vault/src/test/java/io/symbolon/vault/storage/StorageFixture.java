package io.symbolon.vault.storage;

import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What the contract tests need from the database under test: the storage, a second empty one, and raw
 * SQL behind the storage's back (to damage rows as an attacker with the database file would).
 */
public interface StorageFixture {
    Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    String PARTITION = "part1";

    /** The storage under test: booted as EP at epoch 0, with partition {@link #PARTITION}. */
    JdbcStorage storage();

    /** Another storage on a new, empty database (not booted, no partitions); closed after the test. */
    JdbcStorage emptyStorage();

    /** Runs one SQL update on the storage's database through a connection of its own. */
    int executeSql(String sql, Object... parameters) throws SQLException;

    /** Reads one column of one object's row through a connection of its own. */
    Object queryColumn(String column, long uid) throws SQLException;

    /**
     * Whether another session that reads the objects or partitions table during a bulk import waits for
     * its end (PostgreSQL: the import holds both tables exclusively while it rebuilds their indexes and
     * keys) rather than seeing them as they were (SQLite's WAL). Either way it never sees part of it.
     */
    default boolean readersWaitForImports() {
        return false;
    }

    static NodeSettings node(Role role) {
        return new NodeSettings(
                role,
                "00112233aabbccdd",
                role == Role.EP ? "1111111111111111" : "2222222222222222",
                "ep1",
                "partner1",
                0,
                RefreshState.IDLE);
    }
}
