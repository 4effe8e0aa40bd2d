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
    void storesTheDatabaseAsOneFileInTheDataDirectory() {
        assertThat(directory.resolve("node0").resolve(StorageConfig.SQLITE_FILE))
                .isRegularFile();
    }
}
