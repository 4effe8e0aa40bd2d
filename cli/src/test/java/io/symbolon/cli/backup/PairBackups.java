package io.symbolon.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.server.backup.BackupSettings;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.testing.ApiCaller;
import io.symbolon.server.testing.CommandResult;
import io.symbolon.server.testing.NodeProcess;
import io.symbolon.server.testing.PairHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** Backup keys and settings for a {@link PairHarness}'s nodes, and waiting for a backup to end. */
public final class PairBackups {
    /** The password of every keystore these helpers make. */
    public static final String KEYSTORE_PASSWORD = "keystore password";

    private PairBackups() {}

    /** The file holding {@link #KEYSTORE_PASSWORD}, in the pair's folder. */
    public static Path keystorePassword(PairHarness pair) {
        Path file = pair.root().resolve("keystore-password");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, KEYSTORE_PASSWORD);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives {@code node} its own backup key (as seed 000 advises, EP and Partner differ) and writes its
     * backup settings; returns the restore keystore, which a restore needs.
     */
    public static Path configure(PairHarness pair, NodeProcess node) {
        Path keys = pair.root().resolve("keys");
        try {
            Files.createDirectories(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        char[] password = KEYSTORE_PASSWORD.toCharArray();
        BackupKeyGenerator.Generated generated = BackupKeyGenerator.generate(
                BackupKeyGenerator.Parameters.of(
                        node.name() + " backup key",
                        keys.resolve(node.name() + "-restore.jceks"),
                        keys.resolve(node.name() + "-backup.jceks")),
                password,
                password);
        DataDirectory directory = new DataDirectory(node.dataDir());
        BackupSettings.of(directory, generated.backupKeystore(), Optional.of(keystorePassword(pair)))
                .write(directory);
        return generated.restoreKeystore();
    }

    /**
     * Gives {@code node} its own hybrid post-quantum identity (written as {@code archive keygen --pq} writes
     * it) and backup settings that encrypt to its recipient alone, through a recipient file; returns the
     * identity file, which a restore needs.
     */
    public static Path configurePostQuantum(PairHarness pair, NodeProcess node) {
        Path keys = pair.root().resolve("keys");
        try {
            Files.createDirectories(keys);
            AgeIdentityFile.Created identity =
                    AgeIdentityFile.create(keys.resolve(node.name() + "-pq.identity"), true, java.time.Instant.now());
            Path recipients = Files.writeString(keys.resolve(node.name() + ".recipients"), identity.recipient() + "\n");
            DataDirectory directory = new DataDirectory(node.dataDir());
            new BackupSettings(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            BackupSettings.defaultFolder(directory),
                            0,
                            Optional.empty(),
                            Optional.empty(),
                            io.symbolon.server.backup.BackupRetention.none(),
                            Optional.of(recipients))
                    .write(directory);
            return identity.file();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets how many records per second {@code node} backs up (0: no limit), to make a backup last. */
    public static void pace(NodeProcess node, int recordsPerSecond) {
        DataDirectory directory = new DataDirectory(node.dataDir());
        BackupSettings settings = BackupSettings.read(directory);
        new BackupSettings(
                        settings.keystore().orElseThrow(),
                        settings.keystoreType(),
                        settings.alias(),
                        settings.keystorePasswordFile(),
                        settings.folder(),
                        recordsPerSecond)
                .write(directory);
    }

    /** Paces both nodes ({@link #pace}) and starts a backup through EP's API; returns its id. */
    public static String startPaced(PairHarness pair, int recordsPerSecond) {
        pace(pair.ep(), recordsPerSecond);
        pace(pair.partner(), recordsPerSecond);
        return start(pair);
    }

    /** Starts a backup through EP's API and returns its id. */
    public static String start(PairHarness pair) {
        ApiCaller.Answer started = pair.api().post("/api/v1/backup", Map.of());
        if (started.status() != 202) {
            throw new IllegalStateException("the backup did not start: " + started.text());
        }
        return started.body().path("id").asText();
    }

    /** Waits until backup {@code id} has ended and returns its result. */
    public static JsonNode awaitEnd(PairHarness pair, String id) {
        JsonNode[] result = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    result[0] = pair.api().get("/api/v1/backup/" + id).body();
                    return !result[0].path("state").asText().equals("IN_PROGRESS");
                });
        return result[0];
    }

    /** A backup, started and waited for. */
    public static JsonNode run(PairHarness pair) {
        return awaitEnd(pair, start(pair));
    }

    /**
     * Creates an AES-256 key named {@code name} on the pair, then removes EP's half from EP's stopped
     * database (seed 000's partial key): the next backup finds it on the Partner only. Returns its uid.
     */
    public static String keyOnlyOnPartner(PairHarness pair, String name) {
        String uid = pair.api()
                .post("/api/v1/partitions/root/objects", spec(name, "AES-256"))
                .body()
                .path("uid")
                .asText();
        pair.ep().stop();
        CommandResult deleted = pair.ep()
                .run(
                        "key",
                        "delete",
                        uid,
                        "--local",
                        "--data-dir",
                        pair.ep().dataDir().toString());
        if (deleted.exitCode() != 0) {
            throw new IllegalStateException("the local delete failed: " + deleted);
        }
        pair.ep().start();
        return uid;
    }

    /** The archive of {@code file} in {@code node}'s backup folder. */
    public static Path archive(NodeProcess node, String file) {
        return node.dataDir().resolve(BackupSettings.DEFAULT_FOLDER).resolve(file);
    }

    /** The files in {@code node}'s backup folder whose name starts with {@code prefix} (hidden ones too). */
    public static List<String> files(NodeProcess node, String prefix) {
        Path folder = node.dataDir().resolve(BackupSettings.DEFAULT_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new object's request body. */
    public static Map<String, Object> spec(String name, String type) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("name", name);
        spec.put("type", type);
        return spec;
    }
}
