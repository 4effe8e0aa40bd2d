package io.symbolon.server.boot;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.restore.Restoration;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.seal.Sealer;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.seal.SystemKeyFile;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots a node into an empty data directory: the system key (sealed by the {@link Sealer}), the node's
 * identity, the certificate exchange with the peer (EP creates the pair id, the Partner learns it), the
 * database with the node's settings and the root partition (and on EP the root SO, {@code so@root}),
 * and last the configuration file, whose presence marks a booted node. If any step fails, every file
 * this boot created is removed and the database is left as it was (an import rolls back; the node's
 * settings, written before it, are removed — a PostgreSQL database outlives the files), so the operator
 * can simply run it again.
 */
public final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private final Sealer sealer;
    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final Clock clock;

    public Bootstrap(Sealer sealer, PasswordHasher hasher, SecureRandom random, Clock clock) {
        this.sealer = sealer;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
    }

    /** What a boot produced, for the operator's summary. */
    public record Booted(NodeConfig config, String fingerprint, PeerIntroduction peer) {}

    /**
     * Boots the node; {@code rootPassword} (EP only; empty for the Partner) is wiped before returning.
     * {@code approval} decides on the peer's certificate.
     */
    public Booted boot(BootRequest request, Optional<char[]> rootPassword, PeerApproval approval) {
        return boot(request, rootPassword, approval, Optional.empty());
    }

    /**
     * Boots the node, from a backup when {@code restoration} is present (seed 002's {@code -restore}):
     * the node takes the archive's pair id, the certificate exchange checks that the peer restores the
     * same pair at the same epoch, and the archive is imported instead of an empty root partition. On
     * EP, {@code rootPassword} replaces the archived root SO password (seed 002's {@code -w}).
     */
    public Booted boot(
            BootRequest request,
            Optional<char[]> rootPassword,
            PeerApproval approval,
            Optional<Restoration> restoration) {
        try {
            if (request.role() == Role.EP && rootPassword.isEmpty()) {
                throw new SymbolonException(ErrorCode.USAGE, "EP's boot sets the root SO password; give it");
            }
            if (request.role() == Role.PARTNER && rootPassword.isPresent()) {
                throw new SymbolonException(
                        ErrorCode.USAGE, "the root SO password is set on EP only; the Partner has no client API");
            }
            DataDirectory directory = new DataDirectory(request.dataDirectory());
            List<Path> created = new ArrayList<>();
            try {
                if (restoration.isPresent() && restoration.get().role() != request.role()) {
                    throw new SymbolonException(
                            ErrorCode.WRONG_ROLE,
                            "the archive is a backup of the "
                                    + restoration.get().role().displayName() + ", not of the "
                                    + request.role().displayName() + "; nothing was created");
                }
                return bootInto(directory, request, rootPassword, approval, restoration, created);
            } catch (RuntimeException e) {
                removeQuietly(created, e);
                throw e;
            }
        } finally {
            rootPassword.ifPresent(password -> java.util.Arrays.fill(password, '\0'));
        }
    }

    private Booted bootInto(
            DataDirectory directory,
            BootRequest request,
            Optional<char[]> rootPassword,
            PeerApproval approval,
            Optional<Restoration> restoration,
            List<Path> created) {
        prepareDirectory(directory, created);
        String nodeId = randomId();
        try (SystemKey systemKey = SystemKeyFile.create(directory.path(), sealer, random)) {
            created.add(directory.systemKey());
            NodeIdentity identity = NodeIdentity.generate(request.selfHostname(), request.role(), clock, random);
            created.add(directory.sealedPrivateKey());
            created.add(directory.certificate());
            identity.save(directory, systemKey);

            CertificateExchange exchange = new CertificateExchange(
                    identity,
                    random,
                    clock,
                    restoration.map(half -> new CertificateExchange.RestoredHalf(half.pairId(), half.epoch())));
            PeerIntroduction peer;
            String pairId;
            if (request.role() == Role.EP) {
                pairId = restoration.map(Restoration::pairId).orElseGet(this::randomId);
                peer = exchange.connect(
                        request.peerHostname(),
                        request.pairPort(),
                        pairId,
                        nodeId,
                        request.selfHostname(),
                        approval,
                        request.exchangeTimeout());
            } else {
                peer = exchange.listen(
                        request.bindAddress(),
                        request.pairPort(),
                        nodeId,
                        request.selfHostname(),
                        approval,
                        request.exchangeTimeout());
                pairId = peer.pairId();
            }
            created.add(directory.peerCertificate());
            NodeIdentity.writeCertificate(directory.peerCertificate(), peer.certificate());

            NodeConfig config = new NodeConfig(
                    request.role(),
                    pairId,
                    nodeId,
                    request.selfHostname(),
                    request.peerHostname(),
                    request.bindAddress(),
                    request.apiPort(),
                    request.pairPort(),
                    request.databaseUrl().orElse("jdbc:sqlite:" + directory.sqliteDatabase()),
                    request.databaseUser(),
                    request.databasePasswordFile(),
                    NodeConfig.DEFAULT_JANITOR_INTERVAL,
                    NodeConfig.DEFAULT_JANITOR_AGE);
            if (request.databaseUrl().isEmpty()) {
                created.add(directory.sqliteDatabase());
                created.add(Path.of(directory.sqliteDatabase() + "-wal"));
                created.add(Path.of(directory.sqliteDatabase() + "-shm"));
                created.add(Path.of(directory.sqliteDatabase() + "-journal"));
            }
            createDatabase(config, rootPassword, restoration, systemKey);
            created.add(directory.config());
            config.write(directory.path());
            LOG.info(
                    "node booted role={} pairId={} nodeId={} hostname={} peer={} dataDir={} database={}",
                    config.role().label(),
                    pairId,
                    nodeId,
                    config.selfHostname(),
                    config.peerHostname(),
                    directory,
                    config.storage().describe());
            return new Booted(config, identity.fingerprint(), peer);
        }
    }

    private void createDatabase(
            NodeConfig config, Optional<char[]> rootPassword, Optional<Restoration> restoration, SystemKey systemKey) {
        try (Storage storage = JdbcStorage.openToBoot(config.storage(), clock)) {
            if (storage.node().isPresent() || !storage.partitions().isEmpty()) {
                throw new SymbolonException(
                        ErrorCode.ALREADY_EXISTS,
                        "the database " + config.storage().describe()
                                + " already belongs to a node; give an empty database to boot into");
            }
            storage.createNode(new NodeSettings(
                    config.role(),
                    config.pairId(),
                    config.nodeId(),
                    config.selfHostname(),
                    config.peerHostname(),
                    0,
                    RefreshState.IDLE));
            try {
                if (restoration.isPresent()) {
                    restoration.get().importInto(storage, systemKey, clock, random);
                } else {
                    storage.createPartition(new Partition(Partition.ROOT, clock.instant()));
                }
                if (rootPassword.isPresent()) {
                    String hash = hasher.hash(rootPassword.get().clone());
                    storage.putUser(new PartitionUser(
                            Partition.ROOT, PartitionUser.SECURITY_OFFICER, hash, true, clock.instant()));
                }
            } catch (RuntimeException e) {
                // A database that is not a file (PostgreSQL) outlives the boot's cleanup: leave it as it was.
                forgetUnfinished(storage, e);
                throw e;
            }
        }
    }

    /**
     * Returns the database to what it was before this boot: the import rolled back by itself; the node's
     * settings, and the empty root partition (with its users) of a fresh boot, are removed here.
     */
    private static void forgetUnfinished(Storage storage, RuntimeException reason) {
        try {
            if (storage.partitions().stream().map(Partition::name).toList().equals(List.of(Partition.ROOT))) {
                storage.deletePartition(Partition.ROOT);
            }
            storage.abandonNode();
        } catch (RuntimeException cleanup) {
            reason.addSuppressed(cleanup);
        }
    }

    private static void prepareDirectory(DataDirectory directory, List<Path> created) {
        Path path = directory.path();
        try {
            if (Files.exists(directory.config()) || Files.exists(directory.systemKey())) {
                throw new SymbolonException(
                        ErrorCode.ALREADY_EXISTS,
                        path + " already holds a node; boot into another --data-dir, or remove it to start over");
            }
            if (!Files.isDirectory(path)) {
                Files.createDirectories(path);
                created.add(path);
            }
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot prepare the data directory " + path + ": " + e.getMessage());
        }
    }

    private String randomId() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static void removeQuietly(List<Path> created, RuntimeException reason) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                reason.addSuppressed(e);
            }
        }
    }
}
