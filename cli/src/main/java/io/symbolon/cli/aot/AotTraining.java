package io.symbolon.cli.aot;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.WriteOptions;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.cli.Folders;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultImport;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.backup.VaultExporter;
import io.symbolon.vault.backup.VaultRestorer;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The workload of a training run for the JDK's AOT cache ({@code -XX:AOTCacheOutput}): what a node does
 * most of in a backup and a restore, in one process, on throwaway data in a temporary folder — a node
 * filled with {@code keys} AES-256 keys through the restore's import path, its backup archive written,
 * verified with the restore identity, and restored into a second node, re-sealed. The JVM records which
 * classes it loaded and how the hot methods ran, so that a later JVM started with the cache starts with
 * them loaded and compiles the same loops at once. Nothing here is kept: the folder is removed at the end.
 */
public final class AotTraining {
    private static final String PAIR_ID = "a07a07a07a07a07a";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private AotTraining() {}

    /** Runs the workload with {@code keys} keys; returns the number of objects restored. */
    public static long run(int keys) {
        if (keys < 1) {
            throw new SymbolonException(ErrorCode.USAGE, "the training needs at least one key, not " + keys);
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("symbolon-aot-training-");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot create a temporary folder: " + e.getMessage());
        }
        try {
            return train(directory, keys);
        } finally {
            delete(directory);
        }
    }

    private static long train(Path directory, int keys) {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        X25519Identity restoreKey = X25519Identity.generate();
        NodeIdentity identity = NodeIdentity.generate("ep1", Role.EP, clock, random);
        WrittenArchive archive;
        try (JdbcStorage storage = node(directory.resolve("source"), "5005005005005005", clock);
                SystemKey systemKey = SystemKey.generate(random);
                Vault vault = Vault.open(storage, systemKey, clock, random)) {
            fill(vault, keys, random);
            try (VaultSnapshot snapshot = vault.snapshot()) {
                archive = VaultExporter.export(
                        snapshot,
                        folder(directory.resolve("backup")),
                        new VaultExporter.Request(
                                "symbolon aot-training",
                                clock.instant(),
                                List.of("EP : ep1", "Partner : partner1"),
                                List.of(restoreKey.recipient()),
                                identity.signer(),
                                WriteOptions.defaults()),
                        VaultExporter.Progress.none());
            }
        }
        Trust trust = Trust.certificate(identity.certificate());
        Verification verified = ArchiveReader.verify(archive.path(), trust, List.of(restoreKey));
        try (JdbcStorage storage = node(directory.resolve("restored"), "7e57e57e57e57e57", clock);
                SystemKey systemKey = SystemKey.generate(random);
                Vault vault = Vault.open(storage, systemKey, clock, random)) {
            return VaultRestorer.restore(vault, verified, trust, List.of(restoreKey))
                    .objects();
        }
    }

    private static Path folder(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot create " + directory + ": " + e.getMessage());
        }
    }

    private static JdbcStorage node(Path directory, String nodeId, Clock clock) {
        JdbcStorage storage = JdbcStorage.openToBoot(StorageConfig.sqlite(folder(directory)), clock);
        storage.createNode(new NodeSettings(Role.EP, PAIR_ID, nodeId, "ep1", "partner1", 0, RefreshState.IDLE));
        return storage;
    }

    private static void fill(Vault vault, int keys, SecureRandom random) {
        Attributes attributes =
                Attributes.of("", Set.of(Usage.ENCRYPT, Usage.DECRYPT), CREATED).withExtractable(true);
        byte[] raw = new byte[32];
        try (VaultImport target = vault.beginImport(0)) {
            target.partition(new Partition(Partition.ROOT, CREATED));
            for (long i = 1; i <= keys; i++) {
                VaultObject object = new VaultObject(
                        new ObjectUid(0x10_0000_0000L + i),
                        Partition.ROOT,
                        "training-" + i,
                        ObjectType.AES_256,
                        1,
                        0,
                        attributes,
                        PublicData.NONE);
                random.nextBytes(raw);
                try (SecretBytes share = SecretBytes.copyOf(raw)) {
                    target.object(object, share);
                }
            }
            target.commit();
        }
    }

    private static void delete(Path directory) {
        if (!Folders.deleteTree(directory)) {
            throw new SymbolonException(ErrorCode.IO, "cannot remove the training's temporary folder " + directory);
        }
    }
}
