package io.symbolon.vault.storage;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static io.symbolon.vault.testing.SampleObjects.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.partition.Partition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk import into SQLite drops the objects table's plain indexes and re-creates them after the rows
 * (DeferredObjectIndexes#dropIfEmptySqlite): afterwards, committed or rolled back, the schema is exactly
 * the migrations', and a duplicate is refused as before.
 */
class SqliteBulkImportSchemaTest {
    private static final int ROWS = 3000;

    @TempDir
    Path directory;

    private JdbcStorage storage;
    private List<String> migrated;

    @BeforeEach
    void openEmptyNode() throws SQLException {
        storage = JdbcStorage.open(StorageConfig.sqlite(directory), StorageFixture.CLOCK);
        storage.createNode(StorageFixture.node(Role.PARTNER));
        migrated = schema();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void schemaIsTheMigrationsAfterAnImport() throws SQLException {
        assertThat(migrated)
                .as("what the comparison covers")
                .anyMatch(line -> line.startsWith("index objects_partition_uid "))
                .anyMatch(line -> line.startsWith("index objects_unsettled "));

        try (BulkImport bulk = storage.beginImport()) {
            sample(bulk);
            bulk.epoch(2);
            bulk.commit();
        }

        assertThat(schema()).containsExactlyElementsOf(migrated);
        assertThat(storage.count(ObjectState.ACTIVE)).isEqualTo(ROWS);
        assertThatThrownBy(() -> storage.insert(row(aes256(99_999, "part1", "key8", 2), ObjectState.ACTIVE)))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void schemaIsTheMigrationsAfterAnImportRolledBack() throws SQLException {
        try (BulkImport bulk = storage.beginImport()) {
            sample(bulk);
            bulk.epoch(2);
        }

        assertThat(schema()).containsExactlyElementsOf(migrated);
        assertThat(storage.count(ObjectState.ACTIVE)).isZero();
    }

    @Test
    void refusesADuplicateNameAndLeavesTheSchemaAsItWas() throws SQLException {
        assertThatThrownBy(() -> {
                    try (BulkImport bulk = storage.beginImport()) {
                        sample(bulk);
                        bulk.object(row(aes256(ROWS + 1, "part1", "key8", 2), ObjectState.ACTIVE));
                        bulk.epoch(2);
                        bulk.commit();
                    }
                })
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));

        assertThat(schema()).containsExactlyElementsOf(migrated);
        assertThat(storage.count(ObjectState.ACTIVE)).isZero();
    }

    private static void sample(BulkImport bulk) {
        bulk.partition(new Partition("part1", StorageFixture.CLOCK.instant()));
        bulk.partition(new Partition("part2", StorageFixture.CLOCK.instant()));
        for (long uid = 1; uid <= ROWS; uid++) {
            bulk.object(row(aes256(uid, uid % 2 == 0 ? "part1" : "part2", "key" + uid, 2), ObjectState.ACTIVE));
        }
    }

    /** Every index and table of the database with its definition, by name. */
    private List<String> schema() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(StorageConfig.SQLITE_FILE));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'table') ORDER BY name")) {
            while (rows.next()) {
                lines.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }
        return lines;
    }
}
