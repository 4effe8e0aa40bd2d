import io.symbolon.secret.SecretBytes;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.seal.MachineSealer;
import io.symbolon.vault.seal.ShareCipher;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.seal.SystemKeyFile;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StorageConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Fills one STOPPED node's database with N AES-256 keys for the refresh benchmark (bench/scripts/
 * refresh-bench.sh), far faster than creating them through the API: each row carries a random share
 * sealed under the node's own system key, exactly as the vault seals it, with the same uid, name and
 * attributes on both nodes (so EP's and the Partner's descriptions agree, and each pair of random XOR
 * shares is a valid key). Run once per node, with the node's machine secret:
 *
 *   SYMBOLON_MACHINE_SECRET_FILE=ep.secret java -cp cli/target/symbolon.jar bench/scripts/FillNode.java \
 *       --data-dir ep --keys 1000000
 *
 * Benchmark tooling, not product code: it writes rows with plain JDBC in batches of 10,000.
 */
public final class FillNode {
    private static final long FIRST_UID = 1_000_000_000_000L;
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
            throw new IllegalArgumentException("usage: FillNode --data-dir DIR --keys N");
        }
        SecureRandom random = new SecureRandom();
        NodeConfig config = NodeConfig.read(dataDir);
        StorageConfig storage = config.storage();
        long start = System.nanoTime();
        long epoch;
        try (JdbcStorage opened = JdbcStorage.open(storage, Clock.systemUTC())) {
            NodeSettings node = opened.node().orElseThrow();
            epoch = node.currentEpoch();
        }
        Attributes attributes = Attributes.of("", Set.of(Usage.ENCRYPT), CREATED).withExtractable(true);
        try (SystemKey systemKey = SystemKeyFile.open(dataDir, new MachineSealer(random), random);
                ShareCipher cipher = new ShareCipher(systemKey, config.role());
                Connection connection = DriverManager.getConnection(
                        storage.jdbcUrl(), storage.user().orElse(null), storage.password().orElse(null))) {
            if (storage.jdbcUrl().startsWith("jdbc:sqlite:")) {
                try (Statement pragma = connection.createStatement()) {
                    pragma.execute("PRAGMA busy_timeout = 60000");
                    pragma.execute("PRAGMA journal_mode = WAL");
                }
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO objects (uid, partition_name, name,"
                    + " object_type, version, epoch, label, key_id, extractable, sensitive, usages, created_at,"
                    + " activation_at, deactivation_at, public_data, sealed_share, state, state_changed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                byte[] raw = new byte[32];
                for (long i = 1; i <= keys; i++) {
                    VaultObject object = new VaultObject(
                            new ObjectUid(FIRST_UID + i),
                            "root",
                            "fill-" + i,
                            ObjectType.AES_256,
                            1,
                            epoch,
                            attributes,
                            PublicData.NONE);
                    random.nextBytes(raw);
                    byte[] sealed;
                    try (SecretBytes share = SecretBytes.copyOf(raw)) {
                        sealed = cipher.seal(object, share);
                    }
                    insert.setLong(1, object.uid().value());
                    insert.setString(2, object.partition());
                    insert.setString(3, object.name());
                    insert.setString(4, object.type().label());
                    insert.setLong(5, object.version());
                    insert.setLong(6, object.epoch());
                    insert.setString(7, attributes.label());
                    insert.setString(8, attributes.id());
                    insert.setBoolean(9, attributes.extractable());
                    insert.setBoolean(10, attributes.sensitive());
                    insert.setInt(11, Usage.mask(attributes.usages()));
                    insert.setLong(12, CREATED.toEpochMilli());
                    insert.setNull(13, Types.BIGINT);
                    insert.setNull(14, Types.BIGINT);
                    insert.setBytes(15, new byte[0]);
                    insert.setBytes(16, sealed);
                    insert.setString(17, "ACTIVE");
                    insert.setLong(18, CREATED.toEpochMilli());
                    insert.addBatch();
                    if (i % 10_000 == 0 || i == keys) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
        System.out.printf(
                "{\"fill\":\"%s\",\"keys\":%d,\"epoch\":%d,\"seconds\":%.1f}%n",
                config.role().label(),
                keys,
                epoch,
                (System.nanoTime() - start) / 1e9);
    }
}
