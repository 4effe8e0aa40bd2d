package io.symbolon.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.share.RefreshMasks;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StorageConfig;
import io.symbolon.vault.storage.StorageFixture;
import io.symbolon.vault.testing.PostgresServer;
import io.symbolon.vault.testing.SampleObjects;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore, backup read and refresh of many keys through the vault, on SQLite and PostgreSQL. Off by
 * default; run with {@code ./build -pl vault test -Dtest=BulkBenchmarkTest -Dsymbolon.benchmark=true
 * [-Dsymbolon.benchmark.keys=1000000]}. Prints one line per step.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "symbolon.benchmark", matches = "true")
class BulkBenchmarkTest {
    private static final int KEYS = Integer.getInteger("symbolon.benchmark.keys", 1_000_000);

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path directory;

    @Test
    void sqlite() {
        run("sqlite", StorageConfig.sqlite(directory));
    }

    @Test
    void postgres() {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("bench");
            run("postgres", StorageConfig.postgres(postgres.jdbcUrl("bench"), PostgresServer.USER, null));
        }
    }

    private void run(String name, StorageConfig config) {
        try (JdbcStorage storage = JdbcStorage.open(config, StorageFixture.CLOCK);
                SystemKey key = SystemKey.generate(random)) {
            storage.createNode(StorageFixture.node(Role.EP));
            Vault vault = Vault.open(storage, key, StorageFixture.CLOCK, random);
            Attributes attributes = Attributes.of("", Set.of(Usage.ENCRYPT), SampleObjects.CREATED);

            long start = System.nanoTime();
            try (VaultImport restore = vault.beginImport(0);
                    SecretBytes share = SecretBytes.adopt(SampleObjects.randomBytes(32))) {
                restore.partition(new Partition("bench", SampleObjects.CREATED));
                for (long i = 1; i <= KEYS; i++) {
                    restore.object(
                            new VaultObject(
                                    new ObjectUid(i * 7919),
                                    "bench",
                                    "key" + i,
                                    ObjectType.AES_256,
                                    1,
                                    0,
                                    attributes,
                                    PublicData.NONE),
                            share);
                }
                restore.commit();
            }
            report(name, "import (seal + insert, one transaction)", start);

            start = System.nanoTime();
            long read = 0;
            try (VaultSnapshot snapshot = vault.snapshot()) {
                for (Iterator<SnapshotEntry> entries = snapshot.objects(); entries.hasNext(); read++) {
                    entries.next().close();
                }
            }
            report(name, "snapshot (read + fingerprint + unseal)", start);
            assertThat(read).isEqualTo(KEYS);

            start = System.nanoTime();
            try (SecretBytes seed = RefreshMasks.newSeed(random)) {
                vault.beginRefresh(seed);
            }
            assertThat(vault.rewriteShares()).isEqualTo(KEYS);
            report(name, "refresh (unseal + mask + seal + update, batches of 1000)", start);
        }
    }

    private static void report(String database, String step, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "benchmark database=%s keys=%d step=\"%s\" seconds=%.2f rowsPerSecond=%.0f%n",
                database, KEYS, step, seconds, KEYS / seconds);
    }
}
