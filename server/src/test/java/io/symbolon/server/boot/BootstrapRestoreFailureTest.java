package io.symbolon.server.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.restore.Restoration;
import io.symbolon.vault.credential.Argon2idParameters;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.seal.MachineSealer;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StorageConfig;
import io.symbolon.vault.testing.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boot whose restore fails after the certificate exchange — when the import itself fails — leaves the
 * node's PostgreSQL database as it was before the boot, so that the operator can boot into it again: a
 * database is not a file the boot's cleanup can remove. Two real boots on loopback (TLS exchange), the
 * Partner on a real PostgreSQL server; the restorations are small fakes whose import succeeds (EP) or
 * fails (the Partner), as a tampered or inconsistent archive's would.
 */
@Tag("integration")
class BootstrapRestoreFailureTest {
    private static final String PAIR = "00112233aabbccdd";
    private static PostgresServer postgres;

    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
        postgres.createDatabase("partner");
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aRestoreWhoseImportFailsLeavesThePostgresqlDatabaseEmptyForTheNextBoot() throws Exception {
        String url = postgres.jdbcUrl("partner") + "?user=" + PostgresServer.USER;
        int pairPort = freePort();
        Path partnerDir = directory.resolve("partner");
        CompletableFuture<Bootstrap.Booted> partner = CompletableFuture.supplyAsync(() -> bootstrap("partner")
                .boot(
                        request(Role.PARTNER, partnerDir, Optional.of(url), pairPort),
                        Optional.empty(),
                        (peer, own) -> true,
                        Optional.of(new Failing(Role.PARTNER))));
        bootstrap("ep")
                .boot(
                        request(Role.EP, directory.resolve("ep"), Optional.empty(), pairPort),
                        Optional.of("so password".toCharArray()),
                        (peer, own) -> true,
                        Optional.of(new RootOnly()));

        assertThatThrownBy(() -> partner.get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SymbolonException.class)
                .cause()
                .hasMessageContaining("the archive's records do not match its digest")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.CONTENT_MISMATCH);
        assertThat(new DataDirectory(partnerDir).config()).doesNotExist();
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.postgres(url, null, null), Clock.systemUTC())) {
            assertThat(storage.node())
                    .as("the node's settings of the failed boot")
                    .isEmpty();
            assertThat(storage.partitions()).isEmpty();
        }

        // The operator boots into the same database again, here as a new pair.
        int secondPort = freePort();
        CompletableFuture<Bootstrap.Booted> again = CompletableFuture.supplyAsync(() -> bootstrap("partner")
                .boot(
                        request(Role.PARTNER, partnerDir, Optional.of(url), secondPort),
                        Optional.empty(),
                        (peer, own) -> true));
        bootstrap("ep")
                .boot(
                        request(Role.EP, directory.resolve("ep2"), Optional.empty(), secondPort),
                        Optional.of("so password".toCharArray()),
                        (peer, own) -> true);
        assertThat(again.get(60, TimeUnit.SECONDS).config().role()).isEqualTo(Role.PARTNER);
    }

    private Bootstrap bootstrap(String name) {
        return new Bootstrap(
                new MachineSealer(directory.resolve(name + ".secret"), random),
                new PasswordHasher(new Argon2idParameters(64, 1, 1), random),
                random,
                Clock.systemUTC());
    }

    private static BootRequest request(Role role, Path dataDir, Optional<String> databaseUrl, int pairPort) {
        return new BootRequest(
                role,
                "127.0.0.1",
                "127.0.0.1",
                dataDir,
                "127.0.0.1",
                pairPort + 1,
                pairPort,
                databaseUrl,
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(30));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A restoration of pair {@link #PAIR} at epoch 3. */
    private abstract static class Fake implements Restoration {
        private final Role role;

        Fake(Role role) {
            this.role = role;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public String pairId() {
            return PAIR;
        }

        @Override
        public long epoch() {
            return 3;
        }
    }

    /** EP's half: imports only the root partition. */
    private static final class RootOnly extends Fake {
        RootOnly() {
            super(Role.EP);
        }

        @Override
        public void importInto(Storage storage, SystemKey systemKey, Clock clock, SecureRandom random) {
            storage.createPartition(new Partition(Partition.ROOT, clock.instant()));
        }
    }

    /** The Partner's half: its import fails, having committed nothing, as VaultRestorer's does. */
    private static final class Failing extends Fake {
        Failing(Role role) {
            super(role);
        }

        @Override
        public void importInto(Storage storage, SystemKey systemKey, Clock clock, SecureRandom random) {
            throw new SymbolonException(
                    ErrorCode.CONTENT_MISMATCH, "the archive's records do not match its digest; nothing was imported");
        }
    }
}
