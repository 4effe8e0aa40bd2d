package io.symbolon.cli.backup;

import static io.symbolon.cli.backup.PairBackups.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.archive.ArchiveName;
import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.cli.Cli;
import io.symbolon.server.testing.ApiCaller;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.NodeProcess;
import io.symbolon.server.testing.PairHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scheduled backups on a real pair (issue 5 §4): settings written by {@code backup config init}, EP
 * backing the pair up on a fast test schedule ({@code @every 3s}), the retention pruning both nodes' folders
 * but never the newest TEST_SUCCESS, runs skipped while one runs, the health in the status API and at
 * {@code /metrics}, and the warning when both halves share a backup key.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledBackupTest {
    private static final String OBJECTS = "/api/v1/partitions/root/objects";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static PairHarness pair;
    private static final Map<String, Path> backupKeystores = new HashMap<>();

    @BeforeAll
    static void bootConfigureAndStart() {
        pair = PairHarness.boot(PairHarness.Options.sqlite());
        for (NodeProcess node : List.of(pair.ep(), pair.partner())) {
            Path keys = pair.root().resolve("keys");
            char[] password = PairBackups.KEYSTORE_PASSWORD.toCharArray();
            try {
                Files.createDirectories(keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            backupKeystores.put(
                    node.name(),
                    BackupKeyGenerator.generate(
                                    BackupKeyGenerator.Parameters.of(
                                            node.name() + " backup key",
                                            keys.resolve(node.name() + "-restore.jceks"),
                                            keys.resolve(node.name() + "-backup.jceks")),
                                    password,
                                    password)
                            .backupKeystore());
        }
        configure(pair.partner(), "partner");
        configure(pair.ep(), "ep", "--schedule", "@every 3s", "--retention-count", "1");
        pair.start();
        for (int i = 0; i < 10; i++) {
            assertThat(pair.api()
                            .post(OBJECTS, spec("scheduled " + i, "AES-256"))
                            .status())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /** {@code symbolon backup config init --force} for {@code node} with the backup keystore of {@code key}. */
    private static void configure(NodeProcess node, String key, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "backup",
                "config",
                "init",
                "--force",
                "--data-dir",
                node.dataDir().toString(),
                "--keystore",
                backupKeystores.get(key).toString(),
                "--keystore-password-file",
                PairBackups.keystorePassword(pair).toString()));
        arguments.addAll(List.of(more));
        Cli.Result result = Cli.run(arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static JsonNode status() {
        Answer status = pair.api().get("/api/v1/backup/status");
        assertThat(status.status()).as(status.text()).isEqualTo(200);
        return status.body();
    }

    private static Stream<JsonNode> recent() {
        return StreamSupport.stream(status().path("recent").spliterator(), false);
    }

    private static List<String> archives(NodeProcess node) {
        return PairBackups.files(node, "database_").stream()
                .filter(ArchiveName::isArchiveName)
                .toList();
    }

    /** Stops the schedule and waits until no backup runs. */
    private static void unschedule() {
        configure(pair.ep(), "ep", "--retention-count", "1");
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status().path("schedule").isMissingNode()
                        && status().path("running").isMissingNode());
    }

    @Test
    @Order(1)
    void runsScheduledBackupsAndPrunesBothNodesToTheRetention() {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> recent().filter(run -> run.path("trigger").asText().equals("schedule")
                                        && run.path("state").asText().equals("TEST_SUCCESS"))
                                .count()
                        >= 3);
        unschedule();

        String newest = status().path("lastSuccess").path("file").asText();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(archives(pair.ep())).containsExactly(newest);
            assertThat(archives(pair.partner())).containsExactly(newest);
        });
        List<JsonNode> successes = recent().filter(
                        run -> run.path("state").asText().equals("TEST_SUCCESS"))
                .toList();
        assertThat(successes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(successes.getFirst().path("file").asText()).isEqualTo(newest);
        assertThat(successes.getFirst().has("pruned")).isFalse();
        for (JsonNode older : successes.subList(1, successes.size())) {
            assertThat(older.path("pruned").asText()).as(older.toString()).isNotEmpty();
            JsonNode result = pair.api()
                    .get("/api/v1/backup/" + older.path("id").asText())
                    .body();
            assertThat(result.path("state").asText()).isEqualTo("TEST_SUCCESS");
            assertThat(Instant.parse(result.path("pruned").asText()))
                    .isAfter(Instant.parse(result.path("date").asText()).minusSeconds(1));
        }
        JsonNode prune = status().path("lastPrune");
        assertThat(prune.path("removed").toString()).contains("EP : database_", "Partner : database_");
        assertThat(prune.path("failures")).isEmpty();
    }

    @Test
    @Order(2)
    void neverPrunesTheNewestSuccessWhenNewerBackupsFail() {
        String newestSuccess = status().path("lastSuccess").path("file").asText();
        String uid = PairBackups.keyOnlyOnPartner(pair, "partial");

        JsonNode first = PairBackups.run(pair);
        JsonNode second = PairBackups.run(pair);

        assertThat(first.path("state").asText()).isEqualTo("TEST_FAILED");
        assertThat(second.path("state").asText()).isEqualTo("TEST_FAILED");
        String latest = second.path("file").asText();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(archives(pair.ep())).containsExactlyInAnyOrder(newestSuccess, latest);
            assertThat(archives(pair.partner())).containsExactlyInAnyOrder(newestSuccess, latest);
            assertThat(pair.api()
                            .get("/api/v1/backup/" + first.path("id").asText())
                            .body()
                            .has("pruned"))
                    .isTrue();
        });
        // seed 000's remedy, so that the pair is whole again for what follows
        assertThat(pair.api().delete(OBJECTS + "/" + uid).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void skipsScheduledRunsWhileABackupRunsAndSaysWhy() {
        configure(pair.partner(), "partner", "--records-per-second", "3");
        configure(pair.ep(), "ep", "--records-per-second", "3", "--schedule", "@every 2s", "--retention-count", "1");

        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> status().path("skipped").size() >= 2);

        JsonNode skip = status().path("skipped").path(0);
        assertThat(skip.path("reason").asText()).matches("backup [0-9a-f]{16} was still running");
        assertThat(Instant.parse(skip.path("due").asText())).isBefore(Instant.now());
        unschedule();
        configure(pair.partner(), "partner");
    }

    @Test
    @Order(4)
    void showsTheHealthInTheStatusAndAtMetricsForAnyAuthenticatedUser() {
        assertThat(PairBackups.run(pair).path("state").asText()).isEqualTo("TEST_SUCCESS");
        JsonNode status = status();
        JsonNode last = status.path("lastSuccess");
        assertThat(last.path("state").asText()).isEqualTo("TEST_SUCCESS");
        assertThat(last.path("trigger").asText()).isEqualTo("api");
        assertThat(last.path("durationSeconds").asLong()).isBetween(0L, 60L);
        assertThat(status.path("runsSinceStart").path("TEST_SUCCESS").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(status.path("runsSinceStart").path("TEST_FAILED").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(status.path("retention").asText()).contains("the newest 1");
        assertThat(status.path("recent").path(0).path("id").asText())
                .isEqualTo(last.path("id").asText());

        assertThat(pair.api()
                        .post("/api/v1/partitions", Map.of("name", "monitoring", "soPassword", "prometheus password"))
                        .status())
                .isEqualTo(201);
        ApiCaller monitoring = pair.api().as("so@monitoring", "prometheus password");
        Answer metrics = monitoring.get("/metrics");

        assertThat(metrics.status()).as(metrics.text()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String text = metrics.text();
        double lastSuccess = value(text, "symbolon_backup_last_success_timestamp_seconds");
        assertThat(lastSuccess)
                .isCloseTo(
                        Instant.parse(last.path("finished").asText()).getEpochSecond(),
                        org.assertj.core.data.Offset.offset(1.5));
        assertThat(value(text, "symbolon_backup_last_finished_timestamp_seconds"))
                .isEqualTo(lastSuccess);
        assertThat(value(text, "symbolon_backup_last_duration_seconds")).isBetween(0.0, 60.0);
        assertThat(value(text, "symbolon_backup_running")).isZero();
        assertThat(value(text, "symbolon_backup_runs_total{state=\"TEST_SUCCESS\"}"))
                .isEqualTo(status.path("runsSinceStart").path("TEST_SUCCESS").asDouble());
        assertThat(value(text, "symbolon_backup_runs_total{state=\"TEST_FAILED\"}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(value(text, "symbolon_backup_runs_total{state=\"FAILED\"}")).isZero();
        assertThat(value(text, "symbolon_backup_scheduled_skipped_total")).isGreaterThanOrEqualTo(2);
        assertThat(value(text, "symbolon_backup_prune_failures_total")).isZero();
        assertThat(value(text, "symbolon_backup_next_run_timestamp_seconds")).isZero();
        assertThat(text).contains("# TYPE symbolon_backup_runs_total counter", "jvm_memory_used_bytes");

        assertThat(pair.api().as("so@monitoring", "wrong").get("/metrics").status())
                .isEqualTo(401);
        assertThat(pair.api().as("nobody@nowhere", "x").get("/metrics").status())
                .isEqualTo(401);
        assertThat(monitoring.get("/api/v1/backup/status").status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void warnsInTheResultWhenBothHalvesAreEncryptedToTheSameRecipient() {
        configure(pair.partner(), "ep"); // the Partner given EP's backup key, against seed 000's advice
        try {
            JsonNode result = PairBackups.run(pair);
            assertThat(result.path("state").asText()).isEqualTo("TEST_SUCCESS");
            assertThat(result.path("warnings")).hasSize(1);
            assertThat(result.path("warnings").path(0).asText())
                    .startsWith("both halves are encrypted to the same recipient SHA256:")
                    .endsWith("use different backup keys for EP and Partner");
        } finally {
            configure(pair.partner(), "partner");
        }
        JsonNode separate = PairBackups.run(pair);
        assertThat(separate.has("warnings")).isFalse();
    }

    /** The value of the sample {@code name} (with its labels, as written) in Prometheus's text format. */
    private static double value(String text, String name) {
        Matcher sample =
                Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(text);
        assertThat(sample.find()).as(name + " in\n" + text).isTrue();
        return Double.parseDouble(sample.group(1));
    }
}
