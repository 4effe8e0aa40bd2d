package io.symbolon.server.backup;

import io.symbolon.archive.WrittenArchive;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.Sealer;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.seal.SystemKeyFile;
import io.symbolon.vault.storage.JdbcStorage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Seed 000's manual backup: one node backs itself up, on its own, by opening its data directory
 * directly (its system key unsealed with this machine's secret, its signing key, its database) — it
 * works whether or not the node's server runs (SQLite and PostgreSQL both let a reader take a snapshot
 * beside a running server). It writes into the folder of the node's backup settings, encrypted to their
 * recipients. Run it on EP and on the Partner, giving both the same {@code created} time (the same
 * archive name) within the refresh interval; {@code backup verify} then checks the pair.
 *
 * <p>Unlike the coordinated backup, nothing makes the two snapshots agree or pins the epoch on both
 * nodes: objects created or deleted between the two runs show up in {@code backup verify}, and a share
 * refresh between them makes the two halves unusable together (verify says so).
 */
public final class ManualBackup {
    private ManualBackup() {}

    /** Where the archive went, and what it holds. */
    public record Created(WrittenArchive archive, Role role, String pairId, long epoch) {}

    /**
     * Backs up the node in {@code directory}.
     *
     * @param created the backup's time (names the archive); now when empty
     * @param folder where to write; the settings' folder when empty
     * @param progress told the records done after each record
     */
    public static Created create(
            DataDirectory directory,
            Sealer sealer,
            Optional<Instant> created,
            Optional<Path> folder,
            Consumer<LocalBackup> progress) {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        NodeConfig config = NodeConfig.read(directory.path());
        BackupSettings settings = BackupSettings.read(directory);
        var recipients = settings.recipients();
        try (SystemKey systemKey = SystemKeyFile.open(directory.path(), sealer, random);
                JdbcStorage storage = JdbcStorage.open(config.storage(), clock);
                Vault vault = Vault.open(storage, systemKey, clock, random)) {
            NodeIdentity identity = NodeIdentity.load(directory, systemKey);
            NodeSettings node = vault.node();
            if (!node.pairId().equals(config.pairId()) || node.role() != config.role()) {
                throw new SymbolonException(
                        ErrorCode.FOREIGN_PAIR,
                        "the database " + config.storage().describe() + " does not belong to the node in " + directory);
            }
            String ep = node.role() == Role.EP ? node.selfHostname() : node.peerHostname();
            String partner = node.role() == Role.EP ? node.peerHostname() : node.selfHostname();
            LocalBackup backup = new LocalBackup();
            progress.accept(backup);
            LocalBackup.Request request = new LocalBackup.Request(
                    created.orElse(clock.instant()).truncatedTo(ChronoUnit.SECONDS),
                    List.of(Role.EP.displayName() + " : " + ep, Role.PARTNER.displayName() + " : " + partner),
                    folder.orElse(settings.folder()),
                    recipients,
                    identity.signer(),
                    settings.recordsPerSecond());
            try (VaultSnapshot snapshot = vault.snapshot()) {
                WrittenArchive written = backup.write(snapshot, request);
                return new Created(
                        written, node.role(), node.pairId(), written.metadata().epoch());
            }
        }
    }
}
