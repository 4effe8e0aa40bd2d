package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.testing.VaultPair;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Partner's side of a coordinated backup answering EP's long poll: a status request may be held
 * until the Partner's write ends, so that EP learns of the end at once, and never longer than asked.
 */
class PartnerBackupsTest {
    private static final int OBJECTS = 12;

    @TempDir
    Path directory;

    private VaultPair pair;
    private PartnerBackups backups;

    @AfterEach
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    /** A Partner whose backups write {@value #OBJECTS} objects at {@code recordsPerSecond}. */
    private PartnerBackups partner(int recordsPerSecond) throws Exception {
        pair = new VaultPair(directory.resolve("vaults"));
        for (int i = 0; i < OBJECTS; i++) {
            try (SecretBytes secret = SecretBytes.adopt(new byte[32])) {
                pair.put("key-" + i, ObjectType.AES_256, secret, Set.of(Usage.ENCRYPT));
            }
        }
        DataDirectory node = new DataDirectory(Files.createDirectories(directory.resolve("partner")));
        Path password = Files.writeString(directory.resolve("password"), "store password\n");
        var keys = BackupKeyGenerator.generate(
                BackupKeyGenerator.Parameters.of(
                                "test", directory.resolve("restore.p12"), directory.resolve("backup.p12"))
                        .withStoreType("PKCS12"),
                "restore password".toCharArray(),
                "store password".toCharArray());
        new BackupSettings(
                        keys.backupKeystore().toAbsolutePath(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(password.toAbsolutePath()),
                        BackupSettings.defaultFolder(node),
                        recordsPerSecond)
                .write(node);
        NodeIdentity identity = NodeIdentity.generate("127.0.0.1", Role.PARTNER, Clock.systemUTC(), new SecureRandom());
        return new PartnerBackups(pair.partner, node, identity, new EpochPin());
    }

    private static BackupMessages.Start start(String id) {
        return new BackupMessages.Start(
                id, Instant.now().truncatedTo(ChronoUnit.SECONDS), List.of("EP : ep", "Partner : partner"), 0);
    }

    @Test
    void aStatusRequestThatMayWaitIsAnsweredAsSoonAsTheWriteEnds() throws Exception {
        backups = partner(8); // the write takes about 1.5 s
        backups.start(start("00000000000000a1"));
        long asked = System.nanoTime();

        BackupMessages.Status status = backups.status("00000000000000a1", Duration.ofSeconds(20));

        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(status.phase()).isEqualTo(BackupMessages.Phase.DONE);
        assertThat(status.metadata()).isNotNull();
        assertThat(waited)
                .as("answered when the write ended, not when the wait ran out")
                .isLessThan(Duration.ofSeconds(15));
        backups.finish("00000000000000a1", true);
    }

    @Test
    void aStatusRequestIsHeldNoLongerThanItsWaitWhileTheWriteRuns() throws Exception {
        backups = partner(1); // the write would take 12 s
        backups.start(start("00000000000000a2"));
        long asked = System.nanoTime();

        BackupMessages.Status status = backups.status("00000000000000a2", Duration.ofMillis(300));

        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(status.phase()).isEqualTo(BackupMessages.Phase.RUNNING);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(5));
        assertThat(backups.status("00000000000000a2", Duration.ZERO).phase())
                .as("a request without a wait is answered at once")
                .isEqualTo(BackupMessages.Phase.RUNNING);
        backups.finish("00000000000000a2", true);
    }

    @Test
    void aHeldStatusRequestIsAnsweredAtOnceWhenThePartnerBeginsToStop() throws Exception {
        backups = partner(1); // the write would take 12 s
        backups.start(start("00000000000000a3"));
        long asked = System.nanoTime();
        var held = CompletableFuture.supplyAsync(() -> backups.status("00000000000000a3", Duration.ofSeconds(20)));
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !held.isDone()); // held while the write runs

        backups.releaseWaiters();

        BackupMessages.Status status = held.get(5, TimeUnit.SECONDS);
        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(status.phase()).isEqualTo(BackupMessages.Phase.RUNNING);
        assertThat(waited)
                .as("held until the release, then answered at once")
                .isGreaterThanOrEqualTo(Duration.ofMillis(450))
                .isLessThan(Duration.ofSeconds(3));
        long again = System.nanoTime();
        assertThat(backups.status("00000000000000a3", Duration.ofSeconds(20)).phase())
                .isEqualTo(BackupMessages.Phase.RUNNING);
        assertThat(Duration.ofNanos(System.nanoTime() - again))
                .as("a stopping Partner holds no later request")
                .isLessThan(Duration.ofSeconds(1));
        backups.finish("00000000000000a3", true);
    }
}
