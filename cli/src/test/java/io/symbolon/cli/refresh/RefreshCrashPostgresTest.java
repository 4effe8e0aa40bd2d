package io.symbolon.cli.refresh;

import io.symbolon.server.testing.PairHarness;
import io.symbolon.vault.testing.PostgresServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;

/**
 * The refresh killed with SIGKILL on a pair whose nodes keep their shares in PostgreSQL (a real server
 * on loopback): the steps where a node holds the seed or is part-way through rewriting its rows, on
 * either node. PostgreSQL commits and recovers otherwise than SQLite's file does; the pair must still
 * restart at one epoch with every key intact.
 */
@Tag("integration")
class RefreshCrashPostgresTest extends RefreshCrashContract {
    private PostgresServer postgres;

    @Override
    PairHarness.Options databases() {
        postgres = PostgresServer.start();
        postgres.createDatabase("ep");
        postgres.createDatabase("partner");
        String user = "?user=" + PostgresServer.USER;
        return PairHarness.Options.postgres(postgres.jdbcUrl("ep") + user, postgres.jdbcUrl("partner") + user);
    }

    @Override
    void closeDatabases() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    Stream<String> killPoints() {
        return Stream.of("ep.seed-stored", "partner.seed-stored", "partner.rows:25", "ep.partner-acked", "ep.rows:25");
    }
}
