import io.symbolon.secret.SecretBytes;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultImport;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.seal.MachineSealer;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.seal.SystemKeyFile;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StorageConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Fills one STOPPED, freshly booted node with N AES-256 keys for the backup benchmark
 * (bench/scripts/backup-bench.sh), in seconds instead of the hours the REST API would take (~200 keys/s).
 *
 * <p>Every row goes through the vault's own import path ({@link Vault#beginImport}, the one a restore
 * uses): each share is validated and sealed under the node's system key by the vault, in one
 * transaction, with batched inserts on SQLite and COPY on PostgreSQL. The import wants an empty node,
 * so the tool first reads the node's partitions and users (the root partition and so@root of the boot),
 * removes those rows, and imports them again ahead of the keys, in the same transaction as the keys.
 *
 * <p>Run it on both nodes of a pair with the same --keys: the objects (uid, name, partition, version,
 * epoch, attributes) are identical on both, derived from the key's index, and each node gets its own
 * random 32-byte share. Two random XOR shares make a valid AES-256 key, so the pair is a consistent
 * pair (its coordinated backup ends TEST_SUCCESS and {@code server test} passes). Only AES-256 keys:
 * EC and Ed25519 shares would need the pair's joint key generation to agree on a public key.
 *
 * <pre>
 * SYMBOLON_MACHINE_SECRET_FILE=ep.secret java -cp cli/target/symbolon.jar bench/scripts/BackupFill.java \
 *     --data-dir ep --keys 1000000
 * </pre>
 *
 * Benchmark tooling, not product code.
 */
public final class BackupFill {
    private static final long FIRST_UID = 0x10_0000_0000L;
    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        long keys = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--keys" -> keys = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dataDir == null || keys <= 0) {
            throw new IllegalArgumentException("usage: BackupFill --data-dir DIR --keys N");
        }
        long start = System.nanoTime();
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        NodeConfig config = NodeConfig.read(dataDir);
        StorageConfig storageConfig = config.storage();
        try (SystemKey systemKey = SystemKeyFile.open(dataDir, new MachineSealer(random), random);
                JdbcStorage storage = JdbcStorage.open(storageConfig, clock);
                Vault vault = Vault.open(storage, systemKey, clock, random)) {
            List<Partition> partitions;
            List<PartitionUser> users;
            long epoch;
            try (VaultSnapshot snapshot = vault.snapshot()) {
                if (snapshot.objectCount() > 0) {
                    throw new IllegalStateException("the node already holds " + snapshot.objectCount() + " objects");
                }
                partitions = List.copyOf(snapshot.partitions());
                users = List.copyOf(snapshot.users());
                epoch = snapshot.node().currentEpoch();
            }
            clearPartitions(storageConfig);
            Attributes attributes =
                    Attributes.of("", Set.of(Usage.ENCRYPT, Usage.DECRYPT), CREATED).withExtractable(true);
            byte[] raw = new byte[32];
            try (VaultImport target = vault.beginImport(epoch)) {
                partitions.forEach(target::partition);
                users.forEach(target::user);
                for (long i = 1; i <= keys; i++) {
                    VaultObject object = new VaultObject(
                            new ObjectUid(FIRST_UID + i),
                            Partition.ROOT,
                            "bench-" + i,
                            ObjectType.AES_256,
                            1,
                            epoch,
                            attributes,
                            PublicData.NONE);
                    random.nextBytes(raw);
                    try (SecretBytes share = SecretBytes.copyOf(raw)) {
                        target.object(object, share);
                    }
                }
                target.commit();
            }
            System.out.printf(
                    "{\"fill\":\"%s\",\"keys\":%d,\"epoch\":%d,\"seconds\":%.1f}%n",
                    config.role().label(),
                    keys,
                    epoch,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Removes the boot's partition and user rows, which the import puts back in its own transaction. */
    private static void clearPartitions(StorageConfig storage) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        storage.jdbcUrl(), storage.user().orElse(null), storage.password().orElse(null));
                Statement statement = connection.createStatement()) {
            if (storage.jdbcUrl().startsWith("jdbc:sqlite:")) {
                statement.execute("PRAGMA busy_timeout = 60000");
            }
            connection.setAutoCommit(false);
            statement.executeUpdate("DELETE FROM partition_users");
            statement.executeUpdate("DELETE FROM partitions");
            connection.commit();
        }
    }
}
