package io.symbolon.vault.storage;

import io.symbolon.vault.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The storage contract on a real PostgreSQL server, a new database for every test. */
@Tag("integration")
class PostgresStorageTest extends StorageContractTest {
    private static PostgresServer postgres;
    private static int databases;

    private static final String TEMPLATE = "contract_template";

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
        // Migrate once; every test's database is a copy of this one.
        postgres.createDatabase(TEMPLATE);
        JdbcStorage.open(StorageConfig.postgres(postgres.jdbcUrl(TEMPLATE), PostgresServer.USER, null), CLOCK)
                .close();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected StorageConfig freshDatabase() {
        String name = "contract" + databases++;
        postgres.createDatabase(name, TEMPLATE);
        return StorageConfig.postgres(postgres.jdbcUrl(name), PostgresServer.USER, null);
    }

    @Override
    public boolean readersWaitForImports() {
        return true;
    }

    @Override
    protected Connection connect(StorageConfig config) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), PostgresServer.USER, "");
    }
}
