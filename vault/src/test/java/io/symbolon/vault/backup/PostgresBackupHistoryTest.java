package io.symbolon.vault.backup;

import io.symbolon.vault.storage.StorageConfig;
import io.symbolon.vault.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The backup history on a real PostgreSQL server, a new database for every test. */
@Tag("integration")
class PostgresBackupHistoryTest extends BackupHistoryContract {
    private static PostgresServer postgres;
    private static int databases;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected StorageConfig freshDatabase() {
        String name = "history" + databases++;
        postgres.createDatabase(name);
        return StorageConfig.postgres(postgres.jdbcUrl(name), PostgresServer.USER, null);
    }
}
