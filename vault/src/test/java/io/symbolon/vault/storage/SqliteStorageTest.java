package io.symbolon.vault.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on SQLite, a new database file in a temporary directory for every test. */
class SqliteStorageTest extends StorageContractTest {
    @TempDir
    Path directory;

    private int databases;

    @Override
    protected StorageConfig freshDatabase() {
        try {
            return StorageConfig.sqlite(Files.createDirectories(directory.resolve("node" + databases++)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Connection connect(StorageConfig config) throws SQLException {
        Connection connection = DriverManager.getConnection(config.jdbcUrl());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
        }
        return connection;
    }

    @Test
    void keepsTheDatabaseInWriteAheadLogMode() throws SQLException {
        try (Connection connection = connect(StorageConfig.sqlite(directory.resolve("node0")));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void countsActiveObjectsFromIndexesWithoutReadingTheTable() throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = connect(StorageConfig.sqlite(directory.resolve("node0")));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + JdbcStorage.COUNT_ACTIVE)) {
            while (rows.next()) {
                plan.add(rows.getString("detail"));
            }
        }
        assertThat(plan)
                .as("a backup counts its objects first; reading every row for it cost 0.1 s per 1,000,000")
                .anyMatch(step -> step.contains("COVERING INDEX objects_partition_uid"))
                .anyMatch(step -> step.contains("USING INDEX objects_unsettled"))
                .noneMatch(step -> step.matches("SCAN objects\\s*"));
    }

    @Test
    void storesTheDatabaseAsOneFileInTheDataDirectory() {
        assertThat(directory.resolve("node0").resolve(StorageConfig.SQLITE_FILE))
                .isRegularFile();
    }
}
