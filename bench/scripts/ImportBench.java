import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.digest.DigestWriter;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultImport;
import io.symbolon.vault.backup.BackupDigest;
import io.symbolon.vault.backup.RecordCodec;
import io.symbolon.vault.backup.VaultRecord;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectFingerprint;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StorageConfig;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The restore's import alone, on an empty database: N AES-256 keys through {@link Vault#beginImport}
 * (the path {@code boot … -restore} takes after reading the archive: each share validated and sealed
 * under the system key, every row in one transaction), with the same rows as BackupFill.java. Prints
 * one JSON line with the seconds from beginImport to the end of commit, and the CPU seconds of the
 * importing thread over the same span. Run by import-bench.sh.
 *
 * <p>With {@code --records}, each key goes the whole way of a restore's record (VaultRestorer's sink,
 * through public calls that every version has): encoded as an archive record ({@link
 * RecordCodec.Encoder}), copied out as the archive reader delivers it, decoded ({@link
 * RecordCodec#decode}), its fingerprint computed, its digest entry added to a recomputed digest ({@link
 * BackupDigest#object}, {@link DigestWriter#add}), then imported. Archive reading and decryption are
 * still left out.
 *
 * <pre>
 * java -cp VAULT_CLASSPATH bench/scripts/ImportBench.java --db-url jdbc:postgresql://127.0.0.1:5432/db \
 *     --user symbolon --keys 1000000 --label after [--records]
 * </pre>
 *
 * Benchmark tooling, not product code.
 */
public final class ImportBench {
    private static final long FIRST_UID = 0x10_0000_0000L;
    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    public static void main(String[] args) {
        String url = null;
        String user = null;
        String label = "";
        long keys = 0;
        boolean records = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--records")) {
                records = true;
                i--;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--db-url" -> url = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--keys" -> keys = Long.parseLong(args[i + 1]);
                case "--label" -> label = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || keys <= 0) {
            throw new IllegalArgumentException(
                    "usage: ImportBench --db-url URL [--user U] --keys N [--label L] [--records]");
        }
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        StorageConfig config = url.startsWith("jdbc:sqlite:")
                ? StorageConfig.sqlite(java.nio.file.Path.of(url.substring("jdbc:sqlite:".length())).getParent())
                : StorageConfig.postgres(url, user, null);
        try (JdbcStorage storage = JdbcStorage.open(config, clock);
                SystemKey systemKey = SystemKey.generate(random)) {
            storage.createNode(new NodeSettings(
                    Role.EP, "00112233aabbccdd", "1111111111111111", "ep1", "partner1", 0, RefreshState.IDLE));
            Vault vault = Vault.open(storage, systemKey, clock, random);
            Attributes attributes =
                    Attributes.of("", Set.of(Usage.ENCRYPT, Usage.DECRYPT), CREATED).withExtractable(true);
            byte[] raw = new byte[32];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try (VaultImport target = vault.beginImport(0)) {
                Partition root = new Partition(Partition.ROOT, CREATED);
                RecordCodec.Encoder encoder = new RecordCodec.Encoder();
                DigestWriter digest = new DigestWriter(OutputStream.nullOutputStream());
                if (records) {
                    encoder.partition(root);
                    VaultRecord.PartitionRecord record = (VaultRecord.PartitionRecord) RecordCodec.decode(encoder.toByteArray());
                    digest.add(BackupDigest.partition(record.partition(), 0));
                    target.partition(record.partition());
                } else {
                    target.partition(root);
                }
                for (long i = 1; i <= keys; i++) {
                    VaultObject object = new VaultObject(
                            new ObjectUid(FIRST_UID + i),
                            Partition.ROOT,
                            "bench-" + i,
                            ObjectType.AES_256,
                            1,
                            0,
                            attributes,
                            PublicData.NONE);
                    random.nextBytes(raw);
                    try (SecretBytes share = SecretBytes.copyOf(raw)) {
                        if (records) {
                            byte[] bytes = encoder.object(object, share).toByteArray();
                            encoder.wipe();
                            try (VaultRecord record = RecordCodec.decode(bytes)) {
                                VaultRecord.ObjectRecord decoded = (VaultRecord.ObjectRecord) record;
                                ObjectFingerprint fingerprint = decoded.object().fingerprint();
                                digest.add(BackupDigest.object(decoded.object(), fingerprint));
                                target.object(decoded.object(), fingerprint, decoded.share());
                            } finally {
                                java.util.Arrays.fill(bytes, (byte) 0);
                            }
                        } else {
                            target.object(object, share);
                        }
                    }
                }
                if (records) {
                    DigestSummary summary = digest.finish();
                    if (summary.counts().get("KEY") != keys) {
                        throw new IllegalStateException("the recomputed digest counts " + summary.counts());
                    }
                }
                target.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The importing thread's own CPU: without the JVM's start, the JIT and the collector.
            double importCpuSeconds = (threads.getCurrentThreadCpuTime() - startCpu) / 1e9;
            System.out.printf(
                    "{\"label\":\"%s\",\"keys\":%d,\"records\":%b,\"seconds\":%.2f,\"importCpuSeconds\":%.2f,"
                            + "\"keysPerSecond\":%.0f}%n",
                    label, keys, records, seconds, importCpuSeconds, keys / seconds);
        }
    }
}
