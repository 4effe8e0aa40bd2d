package io.symbolon.vault.storage;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static io.symbolon.vault.testing.SampleObjects.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.partition.Partition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boot opens SQLite with a rollback journal ({@link JdbcStorage#openToBoot}): a restore's import is
 * written into the database file once instead of into the write-ahead log and again by a checkpoint,
 * it is as atomic as before, and the serving node's {@link JdbcStorage#open} turns the file back to WAL.
 */
class SqliteBootJournalTest {
    private static final int ROWS = 2_000;

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve(StorageConfig.SQLITE_FILE);
    }

    private Path sidecar(String suffix) {
        return Path.of(file() + suffix);
    }

    /** The journal mode the database file is in, read through a connection of its own. */
    private String journalMode() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void sample(BulkImport bulk) {
        bulk.partition(new Partition("part1", StorageFixture.CLOCK.instant()));
        for (long uid = 1; uid <= ROWS; uid++) {
            bulk.object(row(aes256(uid, "part1", "key" + uid, 2), ObjectState.ACTIVE));
        }
        bulk.epoch(2);
    }

    /** A boot's storage, the node created and {@link #sample} imported and committed; the caller closes it. */
    private JdbcStorage bootedWithSample() {
        JdbcStorage storage = JdbcStorage.openToBoot(StorageConfig.sqlite(directory), StorageFixture.CLOCK);
        storage.createNode(StorageFixture.node(Role.PARTNER));
        try (BulkImport bulk = storage.beginImport()) {
            sample(bulk);
            bulk.commit();
        }
        return storage;
    }

    @Test
    void aBootsImportIsWrittenIntoTheFileWithoutAWriteAheadLog() throws SQLException {
        try (JdbcStorage storage = bootedWithSample()) {
            assertThat(journalMode()).isEqualTo("delete");
            assertThat(sidecar("-wal"))
                    .as("no write-ahead log while the boot's storage is open")
                    .doesNotExist();
            assertThat(sidecar("-journal"))
                    .as("the journal of a committed transaction is gone")
                    .doesNotExist();
            assertThat(storage.count(ObjectState.ACTIVE)).isEqualTo(ROWS);
        }
    }

    @Test
    void theServingNodeTurnsTheBootedFileBackToWriteAheadLogging() throws SQLException {
        bootedWithSample().close();
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.sqlite(directory), StorageFixture.CLOCK)) {
            assertThat(journalMode()).isEqualTo("wal");
            assertThat(Files.exists(sidecar("-wal")))
                    .as("the write-ahead log of the open database")
                    .isTrue();
            assertThat(storage.count(ObjectState.ACTIVE)).isEqualTo(ROWS);
            assertThat(storage.find(new ObjectUid(ROWS)).orElseThrow().object().name())
                    .isEqualTo("key" + ROWS);
            assertThat(storage.node().orElseThrow().currentEpoch()).isEqualTo(2);
        }
    }

    @Test
    void aBootsImportThatFailsLeavesNothingWithARollbackJournalToo() throws SQLException {
        try (JdbcStorage storage = JdbcStorage.openToBoot(StorageConfig.sqlite(directory), StorageFixture.CLOCK)) {
            storage.createNode(StorageFixture.node(Role.PARTNER));
            try (BulkImport bulk = storage.beginImport()) {
                sample(bulk);
                assertThatThrownBy(() -> {
                            bulk.object(row(aes256(7, "part1", "duplicate", 2), ObjectState.ACTIVE));
                            bulk.commit();
                        })
                        .isInstanceOfSatisfying(
                                SymbolonException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
            }
            assertThat(storage.count(ObjectState.ACTIVE)).isZero();
            assertThat(storage.partitions()).isEmpty();
            assertThat(storage.node().orElseThrow().currentEpoch()).isZero();
            assertThat(sidecar("-journal")).doesNotExist();
        }
    }

    @Test
    void aServingNodeRefusesWhileAnotherConnectionHoldsTheBootedFileAndOpensOnceItLetsGo() throws SQLException {
        bootedWithSample().close();
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM objects")) {
                rows.next(); // a read transaction: SQLite's shared lock on the file until the commit
            }
            assertThatThrownBy(() -> Database.open(StorageConfig.sqlite(directory), Database.Journal.WAL, 300))
                    .isInstanceOfSatisfying(SymbolonException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.IO);
                        assertThat(e.getMessage())
                                .contains("is locked by another process")
                                .contains("stayed locked for 0.3 s")
                                .contains("end that transaction or stop that process");
                    });
            assertThat(journalMode()).as("the file as the boot left it").isEqualTo("delete");
            holder.commit();
        }
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.sqlite(directory), StorageFixture.CLOCK)) {
            assertThat(journalMode()).isEqualTo("wal");
            assertThat(storage.count(ObjectState.ACTIVE)).isEqualTo(ROWS);
        }
    }
}
