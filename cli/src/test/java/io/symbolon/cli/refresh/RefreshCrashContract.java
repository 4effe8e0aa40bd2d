package io.symbolon.cli.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.server.refresh.KillPoint;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.NodeProcess;
import io.symbolon.server.testing.PairHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real pair killed with SIGKILL at every step of the share refresh protocol on either node, after
 * which both nodes restart and must agree on one epoch with every key intact (docs/SECURITY.md, "Share
 * refresh"); the database is the subclass's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RefreshCrashContract {
    static final String OBJECTS = "/api/v1/partitions/root/objects";
    static final String REFRESH = "/api/v1/server/refresh";
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
    /** Rows per rewrite batch: small, so that a kill can fall between batches. */
    private static final int BATCH = 10;

    PairHarness pair;
    /** Every key's description (uid → publicData) and the bytes extractable keys export. */
    private final Map<String, String> publicData = new LinkedHashMap<>();

    private final Map<String, String> exported = new LinkedHashMap<>();
    private final List<String> signers = new ArrayList<>();

    /** The pair's databases; called once, before the pair boots. */
    abstract PairHarness.Options databases();

    /** Closes what {@link #databases()} started, after the pair stopped. */
    void closeDatabases() {}

    @BeforeAll
    void bootAndFill() {
        pair = PairHarness.boot(databases());
        for (NodeProcess node : List.of(pair.ep(), pair.partner())) {
            configure(node, "refresh.intervalSeconds=0\nrefresh.batchSize=" + BATCH + "\n");
        }
        pair.start();
        for (int i = 0; i < 45; i++) {
            String type = List.of("AES-256", "Ed25519", "EC-P256").get(i % 3);
            Map<String, Object> spec = new HashMap<>();
            spec.put("name", "key" + i);
            spec.put("type", type);
            spec.put("extractable", i % 2 == 0);
            spec.put("usages", type.equals("Ed25519") ? List.of("SIGN") : List.of("DERIVE"));
            Answer created = pair.api().post(OBJECTS, spec);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String uid = created.body().path("uid").asText();
            publicData.put(uid, created.body().path("publicData").asText());
            if (i % 2 == 0) {
                exported.put(uid, export(uid));
            }
            if (type.equals("Ed25519")) {
                signers.add(uid);
            }
        }
    }

    @AfterAll
    void stop() {
        try {
            if (pair != null) {
                pair.close();
            }
        } finally {
            closeDatabases();
        }
    }

    static void configure(NodeProcess node, String lines) {
        try {
            Files.writeString(
                    node.dataDir().resolve("symbolon.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String export(String uid) {
        Answer answer = pair.api().post(OBJECTS + "/" + uid + "/export", Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body().path("material").asText();
    }

    JsonNode status() {
        Answer answer = pair.api().get(REFRESH);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    long awaitConverged() {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> status().path("converged").asBoolean());
        return status().path("ep").path("epoch").asLong();
    }

    /** Both nodes at one epoch, {@code server test} passing, every key as it was. */
    void assertEveryKeyIntact(long epoch) throws Exception {
        JsonNode report = pair.api().get("/api/v1/server/test").body();
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("ep").path("epoch").asLong()).isEqualTo(epoch);
        for (Map.Entry<String, String> key : publicData.entrySet()) {
            JsonNode object = pair.api().get(OBJECTS + "/" + key.getKey()).body();
            assertThat(object.path("publicData").asText()).isEqualTo(key.getValue());
            assertThat(object.path("epoch").asLong()).isEqualTo(epoch);
        }
        for (Map.Entry<String, String> key : exported.entrySet()) {
            assertThat(export(key.getKey())).as(key.getKey()).isEqualTo(key.getValue());
        }
        String signer = signers.getFirst();
        byte[] message = ("after a refresh to epoch " + epoch).getBytes(StandardCharsets.UTF_8);
        Answer signed = pair.api()
                .post(
                        OBJECTS + "/" + signer + "/sign",
                        Map.of("message", Base64.getEncoder().encodeToString(message)));
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        assertThat(verifies(
                        publicData.get(signer),
                        message,
                        Base64.getDecoder()
                                .decode(signed.body().path("signature").asText())))
                .isTrue();
    }

    private static boolean verifies(String publicKey, byte[] message, byte[] signature) throws Exception {
        byte[] spki = new byte[ED25519_SPKI.length + 32];
        System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
        System.arraycopy(Base64.getDecoder().decode(publicKey), 0, spki, ED25519_SPKI.length, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    /** Every step of the protocol on either node, where a SIGKILL lands. */
    Stream<String> killPoints() {
        return Stream.of(
                "ep.before-seed",
                "ep.seed-stored",
                "partner.seed-received",
                "partner.seed-stored",
                "partner.rows:1",
                "partner.rows:25",
                "partner.rewritten",
                "partner.finished",
                "ep.partner-acked",
                "ep.rows:1",
                "ep.rows:25",
                "ep.rewritten",
                "ep.finished");
    }

    @ParameterizedTest
    @MethodSource("killPoints")
    @Order(10)
    void afterASigkillAtAnyStepBothNodesRestartAtOneEpochWithEveryKeyIntact(String point) throws Exception {
        long before = awaitConverged();
        NodeProcess victim = point.startsWith("ep.") ? pair.ep() : pair.partner();
        victim.stop();
        victim.start(Map.of(KillPoint.VARIABLE, point));
        try {
            try {
                Answer started = pair.api().post(REFRESH, Map.of());
                assertThat(started.status()).as(started.text()).isEqualTo(202);
            } catch (UncheckedIOException e) {
                // EP runs the first steps before it answers; killed there, its answer never leaves.
                assertThat(point).as("the request failed: %s", e.getMessage()).startsWith("ep.");
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> !victim.process().isAlive());
            assertThat(victim.log()).contains("kill point reached point=" + point);
        } finally {
            // Whatever happened, the next step finds the victim serving again, without its kill point.
            victim.kill();
            victim.start();
        }

        long after = awaitConverged();
        // Forward once EP has stored the seed; nothing at all before.
        assertThat(after).isEqualTo(point.equals("ep.before-seed") ? before : before + 1);
        assertEveryKeyIntact(after);
    }
}
