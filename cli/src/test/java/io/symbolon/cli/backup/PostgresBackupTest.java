package io.symbolon.cli.backup;

import static io.symbolon.cli.backup.PairBackups.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.NodeProcess;
import io.symbolon.server.testing.PairHarness;
import io.symbolon.vault.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A coordinated backup of a pair on PostgreSQL, restored into a new pair on PostgreSQL. */
@Tag("integration")
class PostgresBackupTest {
    private static final String OBJECTS = "/api/v1/partitions/root/objects";
    private static PostgresServer postgres;

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

    private static PairHarness.Options databases(String ep, String partner) {
        postgres.createDatabase(ep);
        postgres.createDatabase(partner);
        String user = "?user=" + PostgresServer.USER;
        return PairHarness.Options.postgres(postgres.jdbcUrl(ep) + user, postgres.jdbcUrl(partner) + user);
    }

    private static List<String> restore(PairHarness original, NodeProcess node, Path keystore, String file) {
        return List.of(
                "-restore",
                PairBackups.archive(node, file).toString(),
                "--keystore",
                keystore.toString(),
                "--keystore-password-file",
                PairBackups.keystorePassword(original).toString(),
                "--signer",
                node.dataDir().resolve("node.crt").toString());
    }

    @Test
    void backsUpAndRestoresAPairOnPostgresql() {
        try (PairHarness original = PairHarness.boot(databases("ep", "partner"))) {
            Path epKeystore = PairBackups.configure(original, original.ep());
            Path partnerKeystore = PairBackups.configure(original, original.partner());
            original.start();
            for (String type : List.of("AES-256", "EC-P256", "Ed25519")) {
                Answer created = original.api().post(OBJECTS, spec("pg " + type, type));
                assertThat(created.status()).as(created.text()).isEqualTo(201);
            }
            JsonNode before = original.api().get(OBJECTS).body();

            JsonNode result = PairBackups.run(original);
            assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("TEST_SUCCESS");
            String file = result.path("file").asText();

            PairHarness.Booting booting = PairHarness.bootWith(
                    databases("ep2", "partner2"),
                    restore(original, original.ep(), epKeystore, file),
                    restore(original, original.partner(), partnerKeystore, file),
                    120);
            try (PairHarness restored = booting.pair()) {
                assertThat(booting.succeeded())
                        .as(booting.ep() + "\n" + booting.partner())
                        .isTrue();
                restored.start();
                Answer test = restored.api().get("/api/v1/server/test");
                assertThat(test.body().path("ok").asBoolean()).as(test.text()).isTrue();
                assertThat(restored.api().get(OBJECTS).body()).isEqualTo(before);
            }
        }
    }
}
