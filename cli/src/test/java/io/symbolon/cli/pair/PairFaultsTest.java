package io.symbolon.cli.pair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.http.HttpsServer;
import io.symbolon.server.http.Route;
import io.symbolon.server.pair.PairTls;
import io.symbolon.server.testing.ApiCaller;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.CommandResult;
import io.symbolon.server.testing.PairHarness;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectUid;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Bad input and faults against a real pair: each proves one refusal or one recovery. */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairFaultsTest {
    private static final String OBJECTS = "/api/v1/partitions/root/objects";
    private static PairHarness pair;
    private static NodeDatabase epDatabase;
    private static NodeDatabase partnerDatabase;

    @BeforeAll
    static void bootAndStart() {
        pair = PairHarness.boot(PairHarness.Options.sqlite()).start();
        epDatabase = new NodeDatabase(pair.ep().database());
        partnerDatabase = new NodeDatabase(pair.partner().database());
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Map<String, Object> spec(String name, String type) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("name", name);
        spec.put("type", type);
        return spec;
    }

    @Test
    @Order(1)
    void wrongPasswordGetsTheSameAnswerInComparableTimeWhetherOrNotTheUserExists() {
        ApiCaller known = pair.api().as("so@root", "not the password");
        ApiCaller unknown = pair.api().as("nobody@root", "not the password");
        List<Long> knownTimes = new ArrayList<>();
        List<Long> unknownTimes = new ArrayList<>();
        Answer knownAnswer = null;
        Answer unknownAnswer = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            knownAnswer = known.get("/api/v1/partitions");
            knownTimes.add(System.nanoTime() - start);
            start = System.nanoTime();
            unknownAnswer = unknown.get("/api/v1/partitions");
            unknownTimes.add(System.nanoTime() - start);
        }

        assertThat(knownAnswer.status()).isEqualTo(401);
        assertThat(unknownAnswer.status()).isEqualTo(401);
        assertThat(knownAnswer.text()).isEqualTo(unknownAnswer.text());
        assertThat(knownAnswer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        long knownMedian = knownTimes.stream().sorted().toList().get(1);
        long unknownMedian = unknownTimes.stream().sorted().toList().get(1);
        // both pay one Argon2id verification: within a factor of three of each other
        assertThat((double) knownMedian / unknownMedian).isBetween(1 / 3.0, 3.0);
    }

    @Test
    @Order(2)
    void repeatedFailedLoginsAreThrottledWithRetryAfter() {
        ApiCaller guesser = pair.api().as("guessed@root", "guess");
        List<Integer> statuses = new ArrayList<>();
        Answer last = null;
        for (int i = 0; i < 6; i++) {
            last = guesser.get("/api/v1/partitions");
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.errorCode()).isEqualTo("throttled");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(3)
    void malformedJsonAndUnknownFieldsAreRefusedNamingTheField() {
        Answer malformed = pair.api().postRaw(OBJECTS, "{\"name\": \"x\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("usage");
        assertThat(malformed.errorMessage()).contains("malformed JSON");

        Answer unknownField =
                pair.api().postRaw(OBJECTS, "{\"name\": \"x\", \"type\": \"AES-256\", \"colour\": \"red\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.errorMessage()).contains("'colour'");

        Answer wrongType =
                pair.api().postRaw(OBJECTS, "{\"name\": \"x\", \"type\": \"AES-256\", \"extractable\": [1]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorMessage()).contains("'extractable'");

        Answer unknownKind = pair.api().post(OBJECTS, spec("x", "AES-512"));
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.errorMessage()).contains("AES-512");
    }

    @Test
    @Order(4)
    void theSameNameCreatedConcurrentlyTwiceHasExactlyOneWinner() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String name = "contested " + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(threads.submit(() -> {
                        go.await();
                        return pair.api().post(OBJECTS, spec(name, "AES-256"));
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Answer> answer : answers) {
                    statuses.add(answer.get().status());
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 409);
                assertThat(epDatabase.count("name = ?", name)).isEqualTo(1);
                assertThat(partnerDatabase.count("name = ?", name)).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void aTamperedShareIsRefusedNamingItsUid() {
        Map<String, Object> spec = spec("tampered", "AES-256");
        spec.put("extractable", true);
        String uid = pair.api().post(OBJECTS, spec).body().path("uid").asText();
        long value = ObjectUid.parse(uid).value();
        byte[] sealed = partnerDatabase.sealedShare(value);
        sealed[sealed.length - 1] ^= 1;
        partnerDatabase.update("UPDATE objects SET sealed_share = ? WHERE uid = ?", sealed, value);

        Answer export = pair.api().post(OBJECTS + "/" + uid + "/export", Map.of());
        assertThat(export.errorCode()).isEqualTo("share-tampered");
        assertThat(export.errorMessage()).contains(uid);
        Answer test = pair.api().get("/api/v1/server/test");
        assertThat(test.body().path("ok").asBoolean()).isFalse();
        assertThat(test.text()).contains(uid).contains("does not open");

        assertThat(pair.api().delete(OBJECTS + "/" + uid).status()).isEqualTo(200);
        Answer after = pair.api().get("/api/v1/server/test");
        assertThat(after.body().path("ok").asBoolean()).as(after.text()).isTrue();
    }

    @Test
    @Order(6)
    void anUnapprovedClientCertificateIsRefusedByThePartnerAtTheHandshake() throws Exception {
        NodeIdentity stranger = NodeIdentity.generate("127.0.0.1", Role.EP, Clock.systemUTC(), new SecureRandom());
        var partnerCertificate =
                NodeIdentity.readCertificate(pair.partner().dataDir().resolve("node.crt"));
        HttpClient client = HttpClient.newBuilder()
                .sslContext(PairTls.pairContext(stranger, partnerCertificate, new SecureRandom()))
                .build();
        HttpRequest hello = HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + pair.pairPort() + "/pair/v1/hello"))
                .build();

        assertThatThrownBy(() -> client.send(hello, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(pair.partner().log())
                        .contains("refused an unapproved peer certificate side=client presented="
                                + stranger.fingerprint()));
    }

    @Test
    @Order(7)
    void thePartnerDownGets503AndLeavesNothingHalfCreated() {
        pair.partner().stop();
        Answer refused = pair.api().post(OBJECTS, spec("while the Partner is down", "Ed25519"));
        Answer refusedSymmetric = pair.api().post(OBJECTS, spec("also while the Partner is down", "AES-128"));
        pair.partner().start();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("peer-unavailable");
        assertThat(refused.errorMessage()).contains("Partner").contains("unavailable");
        assertThat(refusedSymmetric.status()).isEqualTo(503);
        assertThat(epDatabase.count("name LIKE '%while the Partner is down'")).isZero();
        assertThat(partnerDatabase.count("name LIKE '%while the Partner is down'"))
                .isZero();
        // The restarted Partner serves before EP's pair channel has reconnected to it: wait for that, bounded.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Answer test = pair.api().get("/api/v1/server/test");
            assertThat(test.body().path("ok").asBoolean()).as(test.text()).isTrue();
        });
    }

    @Test
    @Order(8)
    void theJanitorRemovesARowThePartnerPreparedButEpNeverCommitted() {
        String uid = pair.api()
                .post(OBJECTS, spec("template", "AES-256"))
                .body()
                .path("uid")
                .asText();
        long orphan = ObjectUid.random(new SecureRandom()).value();
        partnerDatabase.update(
                "INSERT INTO objects SELECT ?, partition_name, 'orphan', object_type, version, epoch, label, key_id,"
                        + " extractable, sensitive, usages, created_at, activation_at, deactivation_at, public_data,"
                        + " sealed_share, 'PENDING', 0 FROM objects WHERE uid = ?",
                orphan,
                ObjectUid.parse(uid).value());
        assertThat(partnerDatabase.count("uid = ?", orphan)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> partnerDatabase.count("uid = ?", orphan) == 0);
        // EP logs the removal once the Partner has answered: the line may follow the row's removal
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(pair.ep().log())
                        .contains("janitor removed a Partner row EP does not have uid=" + new ObjectUid(orphan)));
    }

    @Test
    @Order(9)
    void aDataDirectoryOpenedWithAnotherMachineSecretRefusesToStartAndSaysWhy() throws Exception {
        pair.partner().stop();
        Path otherMachine = pair.root().resolve("another-machine-secret");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.write(otherMachine, secret);

        CommandResult refused = pair.partner().startExpectingFailure(otherMachine);

        assertThat(refused.exitCode()).isEqualTo(53);
        assertThat(refused.output()).contains("sealed on another machine").contains("[sealed]");
        pair.partner().start();
    }

    @Test
    @Order(10)
    void anUnapprovedPartnerIsRefusedByEpAtTheHandshake() throws Exception {
        NodeIdentity impostor = NodeIdentity.generate("127.0.0.1", Role.PARTNER, Clock.systemUTC(), new SecureRandom());
        var epCertificate = NodeIdentity.readCertificate(pair.ep().dataDir().resolve("node.crt"));
        int port = PairHarness.freePort();
        Path config = pair.ep().dataDir().resolve("symbolon.conf");
        String original = Files.readString(config);
        try (HttpsServer fake = HttpsServer.start(
                "impostor",
                "127.0.0.1",
                port,
                PairTls.pairContext(impostor, epCertificate, new SecureRandom()),
                true,
                List.of(Route.get("/pair/v1/hello", ctx -> ctx.result("{}"))))) {
            pair.ep().stop();
            Files.writeString(config, original + "pair.port=" + port + "\n");
            pair.ep().start();

            Answer refused = pair.api().post(OBJECTS, spec("to an impostor", "AES-256"));

            assertThat(refused.status()).isEqualTo(502);
            assertThat(refused.errorCode()).isEqualTo("peer-rejected");
            assertThat(pair.ep().log())
                    .contains("refused an unapproved peer certificate side=server presented=" + impostor.fingerprint());
        } finally {
            pair.ep().stop();
            Files.writeString(config, original);
            pair.ep().start();
        }
    }
}
