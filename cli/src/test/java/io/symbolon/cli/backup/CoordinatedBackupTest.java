package io.symbolon.cli.backup;

import static io.symbolon.cli.backup.PairBackups.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.error.ErrorCode;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.CommandResult;
import io.symbolon.server.testing.PairHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Seed 000's automatic backup on a real pair (EP and Partner processes, SQLite, TLS on loopback):
 * the REST API's shapes, its refusals, TEST_SUCCESS, TEST_FAILED with the seed's words, FAILED when the
 * Partner dies mid-job, history across a restart, consistency under load, and the manual method.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinatedBackupTest {
    private static final String OBJECTS = "/api/v1/partitions/root/objects";
    private static final String ID = "[0-9a-f]{16}";
    private static PairHarness pair;

    @BeforeAll
    static void bootAndStart() {
        pair = PairHarness.boot(PairHarness.Options.sqlite());
        PairBackups.configure(pair, pair.ep());
        PairBackups.configure(pair, pair.partner());
        pair.start();
        for (String type : List.of("AES-256", "HMAC-SHA256", "EC-P256", "Ed25519", "secret-data")) {
            Map<String, Object> spec = spec("first " + type, type);
            if (type.equals("secret-data")) {
                spec.put("length", 40);
            }
            assertThat(pair.api().post(OBJECTS, spec).status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @AfterEach
    void normalPace() {
        for (var node : List.of(pair.ep(), pair.partner())) {
            PairBackups.pace(node, 0);
        }
        if (!pair.partner().running()) {
            pair.partner().start();
        }
    }

    @Test
    @Order(1)
    void answersInSeed000sShapeAndSucceedsOnAConsistentPair() {
        Answer started = pair.api().post("/api/v1/backup", Map.of());

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().properties()).extracting(Map.Entry::getKey).containsExactly("id", "state");
        assertThat(started.body().path("id").asText()).matches(ID);
        assertThat(started.body().path("state").asText()).isEqualTo("IN_PROGRESS");

        JsonNode result = PairBackups.awaitEnd(pair, started.body().path("id").asText());
        assertThat(result.properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("id", "state", "date", "file", "pairHostnames", "version");
        assertThat(result.path("id").asText())
                .isEqualTo(started.body().path("id").asText());
        assertThat(result.path("state").asText()).isEqualTo("TEST_SUCCESS");
        assertThat(result.path("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        String file = result.path("file").asText();
        assertThat(file).matches("database_\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d\\.tar\\.gz");
        assertThat(result.path("pairHostnames").toString()).isEqualTo("[\"EP : 127.0.0.1\",\"Partner : 127.0.0.1\"]");
        assertThat(result.path("version").asText()).isNotBlank();
        assertThat(PairBackups.archive(pair.ep(), file)).isRegularFile();
        assertThat(PairBackups.archive(pair.partner(), file)).isRegularFile();
        // equal halves: the signed shared-entries hashes agree, so no digest crossed the pair channel
        assertThat(pair.ep().log())
                .contains("backup digests compared backup=" + result.path("id").asText()
                        + " by=shared-entries hash (equal)");

        CommandResult verified = pair.run(
                Map.of(),
                "backup",
                "verify",
                PairBackups.archive(pair.ep(), file).toString(),
                PairBackups.archive(pair.partner(), file).toString(),
                "--ep-signer",
                pair.ep().dataDir().resolve("node.crt").toString(),
                "--partner-signer",
                pair.partner().dataDir().resolve("node.crt").toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("TEST_SUCCESS");
    }

    @Test
    @Order(2)
    void showsProgressOnEachNodeAndRefusesASecondBackupNamingTheRunningOne() {
        String id = PairBackups.startPaced(pair, 4);

        Answer second = pair.api().post("/api/v1/backup", Map.of());
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("backup-running");
        assertThat(second.errorMessage()).contains(id);
        Answer refresh = pair.api().post("/api/v1/server/refresh", Map.of());
        assertThat(refresh.status())
                .as("the epoch is pinned: " + refresh.text())
                .isEqualTo(409);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode running = pair.api().get("/api/v1/backup/" + id).body();
            assertThat(running.path("state").asText()).isEqualTo("IN_PROGRESS");
            assertThat(running.path("progress").path("EP").path("recordsTotal").asLong())
                    .isPositive();
            assertThat(running.path("progress")
                            .path("Partner")
                            .path("recordsTotal")
                            .asLong())
                    .isPositive();
            assertThat(running.path("progress")
                            .path("Partner")
                            .path("recordsDone")
                            .asLong())
                    .isPositive();
        });

        assertThat(PairBackups.awaitEnd(pair, id).path("state").asText()).isEqualTo("TEST_SUCCESS");
    }

    @Test
    @Order(3)
    void isForTheRootSecurityOfficerOnly() {
        Answer partition =
                pair.api().post("/api/v1/partitions", Map.of("name", "part9", "soPassword", "part9 SO password"));
        assertThat(partition.status()).as(partition.text()).isEqualTo(201);
        var partitionOfficer = pair.api().as("so@part9", "part9 SO password");
        var wrongPassword = pair.api().as("so@root", "not the password");

        assertThat(partitionOfficer.post("/api/v1/backup", Map.of()).status()).isEqualTo(403);
        assertThat(partitionOfficer.get("/api/v1/backup").status()).isEqualTo(403);
        assertThat(wrongPassword.post("/api/v1/backup", Map.of()).status()).isEqualTo(401);
        assertThat(pair.api().get("/api/v1/backup/0000000000000000").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void findsAKeyThatExistsOnlyInThePartnerInSeed000sWords() {
        long keys = keySection() + 1;
        String uid = PairBackups.keyOnlyOnPartner(pair, "256AES");

        JsonNode result = PairBackups.run(pair);

        assertThat(result.path("state").asText()).isEqualTo("TEST_FAILED");
        assertThat(pair.ep().log())
                .contains(
                        "backup digests compared backup=" + result.path("id").asText() + " by=streaming both digests");
        JsonNode records = result.path("digestDiff").path("diffRecords");
        assertThat(records).hasSize(1);
        assertThat(records.path(0).path("sectionDiff").asText())
                .isEqualTo(
                        "Mismatch in KEY count. EP digest count : " + (keys - 1) + ", Partner digest count : " + keys);
        JsonNode entry = records.path(0).path("entriesDiff").path(0);
        assertThat(entry.properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("objectType", "digestSource", "uid", "name", "partitionName", "version", "detail");
        assertThat(entry.path("objectType").asText()).isEqualTo("KEY");
        assertThat(entry.path("digestSource").asText()).isEqualTo("Partner");
        assertThat(entry.path("uid").asText()).isEqualTo(uid);
        assertThat(entry.path("name").asText()).isEqualTo("256AES");
        assertThat(entry.path("partitionName").asText()).isEqualTo("root");
        assertThat(entry.path("version").asText()).isEqualTo("1");
        assertThat(entry.path("detail").asText()).isEqualTo("exists only in Partner");

        // seed 000's remedy: key delete removes the partial key from the node that holds it
        assertThat(pair.api()
                        .delete(OBJECTS + "/" + uid)
                        .body()
                        .path("removedFrom")
                        .asText())
                .startsWith("Partner only");
        assertThat(PairBackups.run(pair).path("state").asText()).isEqualTo("TEST_SUCCESS");
    }

    @Test
    @Order(5)
    void keepsResultsAndTheirParametersAcrossARestartOfEp() {
        JsonNode before = pair.api().get("/api/v1/backup").body().path("backups");
        assertThat(before.size()).isGreaterThanOrEqualTo(4);

        pair.ep().stop();
        pair.ep().start();

        JsonNode after = pair.api().get("/api/v1/backup").body().path("backups");
        assertThat(after).isEqualTo(before);
        assertThat(after.path(0).path("date").asText())
                .isGreaterThanOrEqualTo(after.path(1).path("date").asText());
        for (JsonNode backup : after) {
            assertThat(pair.api()
                            .get("/api/v1/backup/" + backup.path("id").asText())
                            .body())
                    .isEqualTo(backup);
        }
    }

    @Test
    @Order(6)
    void failsWithAReasonWhenThePartnerGoesDownMidJobAndLeavesNoArchiveBehind() {
        PairBackups.pace(pair.partner(), 2);
        String id = PairBackups.start(pair);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pair.api()
                                .get("/api/v1/backup/" + id)
                                .body()
                                .path("progress")
                                .path("Partner")
                                .path("recordsDone")
                                .asLong()
                        > 0);
        String file = pair.api().get("/api/v1/backup/" + id).body().path("file").asText();

        pair.partner().kill();
        JsonNode result = PairBackups.awaitEnd(pair, id);

        assertThat(result.path("state").asText()).isEqualTo("FAILED");
        assertThat(result.path("reason").asText()).contains("Partner").contains("unavailable");
        assertThat(result.has("digestDiff")).isFalse();
        assertThat(PairBackups.files(pair.ep(), file)).isEmpty();
        assertThat(PairBackups.files(pair.ep(), "." + file)).isEmpty();
        pair.partner().start(); // sweeps what the killed writer left
        assertThat(PairBackups.files(pair.partner(), "." + file)).isEmpty();
        assertThat(PairBackups.files(pair.partner(), file)).isEmpty();
        assertThat(PairBackups.run(pair).path("state").asText()).isEqualTo("TEST_SUCCESS");
    }

    @Test
    @Order(7)
    void takesConsistentSnapshotsWhileClientsKeepCreatingAndDeletingKeys() throws Exception {
        PairBackups.pace(pair.ep(), 40);
        PairBackups.pace(pair.partner(), 40);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger changes = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < 3; client++) {
            int number = client;
            running.add(clients.submit(() -> {
                String previous = null;
                for (int i = 0; i < 60 && !stop.get(); i++) {
                    Answer created = pair.api().post(OBJECTS, spec("load " + number + "-" + i, "AES-128"));
                    assertThat(created.status()).as(created.text()).isEqualTo(201);
                    changes.incrementAndGet();
                    if (previous != null) {
                        assertThat(pair.api().delete(OBJECTS + "/" + previous).status())
                                .isEqualTo(200);
                        changes.incrementAndGet();
                    }
                    previous = created.body().path("uid").asText();
                }
                return null;
            }));
        }
        List<String> states = new ArrayList<>();
        try {
            for (int backup = 0; backup < 3; backup++) {
                states.add(PairBackups.run(pair).path("state").asText());
            }
        } finally {
            stop.set(true);
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
        }

        assertThat(changes.get()).as("clients were served during the backups").isGreaterThan(10);
        assertThat(states).containsOnly("TEST_SUCCESS");
    }

    @Test
    @Order(8)
    void manualBackupsOfBothNodesVerifyAsAPair() {
        String name = "database_2026-11-23-23-59-59.tar.gz";
        for (var node : List.of(pair.ep(), pair.partner())) {
            CommandResult created =
                    node.run("backup", "create", "--data-dir", node.dataDir().toString(), "--name", name);
            assertThat(created.exitCode()).as(created.output()).isZero();
            assertThat(created.output()).contains(name);
        }

        CommandResult verified = pair.run(
                Map.of(),
                "backup",
                "verify",
                PairBackups.archive(pair.ep(), name).toString(),
                PairBackups.archive(pair.partner(), name).toString(),
                "--json");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("\"state\" : \"TEST_SUCCESS\"");
    }

    @Test
    @Order(9)
    void cliStartsABackupFollowsItToItsResultAndExitsByItsState() {
        CommandResult succeeded = pair.ep().run(api("backup", "start", "--wait", "--json"));
        assertThat(succeeded.exitCode()).as(succeeded.output()).isZero();
        assertThat(succeeded.output()).contains("\"state\" : \"TEST_SUCCESS\"");
        Matcher id = Pattern.compile("\"id\" : \"(" + ID + ")\"").matcher(succeeded.output());
        assertThat(id.find()).as(succeeded.output()).isTrue();

        CommandResult shown = pair.ep().run(api("backup", "show", id.group(1)));
        assertThat(shown.exitCode()).as(shown.output()).isZero();
        assertThat(shown.output())
                .contains("state           TEST_SUCCESS")
                .contains("pair            EP : 127.0.0.1, Partner : 127.0.0.1");
        CommandResult notAnId = pair.ep().run(api("backup", "show", "../status"));
        assertThat(notAnId.exitCode()).as(notAnId.output()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(notAnId.output()).contains("a backup id is 16 lowercase hex digits");
        CommandResult listed = pair.ep().run(api("backup", "list", "--limit", "3"));
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output().lines().filter(line -> line.matches(ID + "  .*")))
                .hasSize(3)
                .first()
                .asString()
                .startsWith(id.group(1) + "  TEST_SUCCESS");

        // a key on the Partner only: the halves differ, and the exit code says so (as 'backup verify' does)
        String uid = PairBackups.keyOnlyOnPartner(pair, "only on the Partner");
        CommandResult differed = pair.ep().run(api("backup", "start", "--wait"));
        assertThat(differed.exitCode()).as(differed.output()).isEqualTo(1);
        assertThat(differed.output())
                .contains("state           TEST_FAILED")
                .contains("Mismatch in KEY count")
                .contains(
                        "KEY " + uid + " \"only on the Partner\" (partition root, version 1): exists only in Partner");
        assertThat(pair.api().delete(OBJECTS + "/" + uid).status()).isEqualTo(200);

        // the Partner down: the backup ends FAILED with its reason, exit code backup-failed
        pair.partner().stop();
        CommandResult failed = pair.ep().run(api("backup", "start", "--wait", "--quiet"));
        pair.partner().start();
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(ErrorCode.BACKUP_FAILED.exitCode());
        assertThat(failed.output()).contains("FAILED: ").contains("Partner").contains("[backup-failed]");
    }

    @Test
    @Order(10)
    void cliBackupStatusTellsWhetherABackupSucceededWithinTheMaximumAge() {
        assertThat(PairBackups.run(pair).path("state").asText()).isEqualTo("TEST_SUCCESS");

        CommandResult fresh = pair.ep().run(api("backup", "status", "--max-age", "1h"));
        assertThat(fresh.exitCode()).as(fresh.output()).isZero();
        assertThat(fresh.output()).contains("last success").contains("recent").contains("TEST_SUCCESS");

        // once the newest success is older than 2 s, the same check fails and says so
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CommandResult stale = pair.ep().run(api("backup", "status", "--max-age", "2s"));
            assertThat(stale.exitCode()).as(stale.output()).isEqualTo(1);
            assertThat(stale.output()).contains("no backup ended TEST_SUCCESS in the last 2s (the newest ended ");
        });

        CommandResult misused = pair.ep().run(api("backup", "status", "--max-age", "soon"));
        assertThat(misused.exitCode()).as(misused.output()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(misused.output()).contains("--max-age takes an interval such as 25h");
    }

    @Test
    @Order(11)
    void showWithWaitHoldsTheAnswerUntilTheBackupEnds() {
        String id = PairBackups.startPaced(pair, 4);

        long before = System.nanoTime();
        Answer held = pair.api().get("/api/v1/backup/" + id + "?wait=1s");
        long heldMillis = (System.nanoTime() - before) / 1_000_000;
        assertThat(held.status()).as(held.text()).isEqualTo(200);
        assertThat(held.body().path("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(heldMillis)
                .as("a running backup's answer waits out ?wait=1s")
                .isGreaterThanOrEqualTo(900);
        Answer tooLong = pair.api().get("/api/v1/backup/" + id + "?wait=2m");
        assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(400);
        assertThat(tooLong.errorMessage()).contains("'wait' must be an interval of at most 60s");
        assertThat(pair.api().get("/api/v1/backup/" + id + "?wait=soon").status())
                .isEqualTo(400);

        Answer ended = pair.api().get("/api/v1/backup/" + id + "?wait=60s");
        assertThat(ended.status()).as(ended.text()).isEqualTo(200);
        assertThat(ended.body().path("state").asText())
                .as("one long poll returns the outcome")
                .isEqualTo("TEST_SUCCESS");
        before = System.nanoTime();
        Answer finished = pair.api().get("/api/v1/backup/" + id + "?wait=60s");
        assertThat(finished.body().path("state").asText()).isEqualTo("TEST_SUCCESS");
        assertThat((System.nanoTime() - before) / 1_000_000)
                .as("an ended backup is answered at once")
                .isLessThan(30_000);
    }

    @Test
    @Order(12)
    void stoppingEpAnswersAHeldLongPollInsteadOfWaitingItOut() throws Exception {
        String id = PairBackups.startPaced(pair, 1);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            long asked = System.nanoTime();
            Future<Answer> held = client.submit(() -> pair.api().get("/api/v1/backup/" + id + "?wait=60s"));
            // held for a second: the request has reached EP, which holds it
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> System.nanoTime() - asked > 1_000_000_000L || held.isDone());
            assertThat(held.isDone()).as("a running backup's answer is held").isFalse();

            long stopping = System.nanoTime();
            pair.ep().stop();
            long stopMillis = (System.nanoTime() - stopping) / 1_000_000;

            Answer answer = held.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.body().path("state").asText())
                    .as("answered because EP stops, while the backup still ran")
                    .isEqualTo("IN_PROGRESS");
            assertThat(stopMillis)
                    .as("EP stops without waiting out the long poll (60 s) or the 20 s grace for requests")
                    .isLessThan(15_000);
        } finally {
            client.shutdownNow();
            pair.ep().start();
        }
        assertThat(pair.api().get("/api/v1/backup/" + id).body().path("state").asText())
                .isEqualTo("FAILED");
    }

    /** A command against EP's API as so@root, beside EP (its data directory pins the certificate). */
    private static String[] api(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(
                "--data-dir",
                pair.ep().dataDir().toString(),
                "--password-file",
                pair.root().resolve("root-password").toString()));
        return all.toArray(String[]::new);
    }

    /** How many ACTIVE objects count in the digest's KEY section (everything but data and certificates). */
    private static long keySection() {
        long keys = 0;
        for (JsonNode object : pair.api().get(OBJECTS).body().path("objects")) {
            String type = object.path("type").asText();
            if (!type.equals("secret-data") && !type.equals("certificate")) {
                keys++;
            }
        }
        return keys;
    }
}
