package io.symbolon.cli.pair;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.PairHarness;
import io.symbolon.vault.testing.PostgresServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pair's happy path with PostgreSQL on both nodes (a real server on loopback). */
@Tag("integration")
class PairPostgresTest {
    private static PostgresServer postgres;
    private static PairHarness pair;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("ep");
        postgres.createDatabase("partner");
        String user = "?user=" + PostgresServer.USER;
        pair = PairHarness.boot(
                        PairHarness.Options.postgres(postgres.jdbcUrl("ep") + user, postgres.jdbcUrl("partner") + user))
                .start();
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aPairOnPostgresqlCreatesListsChecksAndDeletesEveryType() {
        String objects = "/api/v1/partitions/root/objects";
        Answer partition = pair.api().post("/api/v1/partitions", Map.of("name", "pg", "soPassword", "pg so password"));
        assertThat(partition.status()).as(partition.text()).isEqualTo(201);
        for (String type : List.of("AES-256", "HMAC-SHA256", "EC-P256", "Ed25519")) {
            Answer created = pair.api().post(objects, Map.of("name", "pg " + type, "type", type, "extractable", true));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
        Answer inPartition = pair.api()
                .as("so@pg", "pg so password")
                .post("/api/v1/partitions/pg/objects", Map.of("name", "in pg", "type", "AES-128"));
        assertThat(inPartition.status()).as(inPartition.text()).isEqualTo(201);

        Answer test = pair.api().get("/api/v1/server/test");
        assertThat(test.body().path("ok").asBoolean()).as(test.text()).isTrue();
        assertThat(test.body().path("objectsChecked").asLong()).isEqualTo(5);
        assertThat(test.body().path("publicKeysChecked").asLong()).isEqualTo(2);

        String uid =
                pair.api().get(objects + "/pg%20AES-256").body().path("uid").asText();
        assertThat(pair.api().post(objects + "/" + uid + "/export", Map.of()).status())
                .isEqualTo(200);
        assertThat(pair.api().delete(objects + "/" + uid).status()).isEqualTo(200);
        assertThat(pair.api().get(objects).body().path("objects")).hasSize(3);
        assertThat(pair.api().as("so@pg", "pg so password").get(objects).status())
                .isEqualTo(403);
    }
}
