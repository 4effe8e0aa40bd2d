package io.symbolon.server;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.access.Accounts;
import io.symbolon.server.access.LoginThrottle;
import io.symbolon.server.api.BackupApi;
import io.symbolon.server.api.ClientApi;
import io.symbolon.server.api.JointApi;
import io.symbolon.server.api.MetricsApi;
import io.symbolon.server.api.RefreshApi;
import io.symbolon.server.backup.BackupPairEndpoints;
import io.symbolon.server.backup.BackupPeerClient;
import io.symbolon.server.backup.BackupService;
import io.symbolon.server.backup.BackupSettings;
import io.symbolon.server.backup.EpochPin;
import io.symbolon.server.backup.LocalBackup;
import io.symbolon.server.backup.PartnerBackups;
import io.symbolon.server.backup.SnapshotBarrier;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.http.HttpsServer;
import io.symbolon.server.http.Route;
import io.symbolon.server.joint.JointPairEndpoints;
import io.symbolon.server.joint.JointPeerClient;
import io.symbolon.server.joint.JointService;
import io.symbolon.server.joint.PartnerJoint;
import io.symbolon.server.objects.Janitor;
import io.symbolon.server.objects.NodeHello;
import io.symbolon.server.objects.ObjectService;
import io.symbolon.server.objects.PairCheck;
import io.symbolon.server.objects.Partner;
import io.symbolon.server.objects.PartnerService;
import io.symbolon.server.pair.PairClient;
import io.symbolon.server.pair.PairEndpoints;
import io.symbolon.server.pair.PairTls;
import io.symbolon.server.refresh.PartnerRefresh;
import io.symbolon.server.refresh.RefreshCoordinator;
import io.symbolon.server.refresh.RefreshPairEndpoints;
import io.symbolon.server.refresh.RefreshPeerClient;
import io.symbolon.server.refresh.RefreshSettings;
import io.symbolon.server.replay.PairChannel;
import io.symbolon.server.replay.ReplayGuard;
import io.symbolon.vault.Vault;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.Sealer;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.seal.SystemKeyFile;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.Storage;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a running node: configuration → system key → identity → storage → vault →
 * pair channel → HTTP handlers, wired by constructor and nowhere else. EP gets the client API, the pair
 * client and the janitor; the Partner gets the pair channel's listener. Closing stops the listeners
 * gracefully (requests in flight finish), then the janitor, then the database, then wipes the key.
 *
 * <p>Backups: EP runs coordinated backups ({@link #backups()}), its client API's object changes inside
 * a {@link SnapshotBarrier} so that both nodes' snapshots agree; the Partner answers EP's backup
 * requests on the pair channel. Both hold an {@link #epochPin()} while a backup reads them, which a
 * share refresh must respect ({@link #isPinned()}). EP also runs backups on the schedule of its backup
 * settings, prunes archives beyond their retention on both nodes, and shows the backups' health at
 * {@code /metrics}.
 *
 * <p>Living shares: EP's {@link RefreshCoordinator} refreshes the pair's shares on a schedule and on
 * demand, the Partner's {@link PartnerRefresh} follows (both take the epoch pin while they rewrite); EP's
 * {@link JointService} signs and derives with the Partner's {@link PartnerJoint}. Their pair-channel
 * messages are stamped and accepted once ({@link ReplayGuard}).
 */
public final class SymbolonNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SymbolonNode.class);

    private final NodeConfig config;
    private final NodeIdentity identity;
    private final SystemKey systemKey;
    private final Storage storage;
    private final Vault vault;
    private final Optional<Partner> partner;
    private final List<AutoCloseable> listeners;
    private final Optional<ScheduledExecutorService> scheduler;
    private final EpochPin epochPin;
    private final Optional<BackupService> backups;
    private final AutoCloseable backupSide;
    private final AutoCloseable shareRefresh;
    private final int apiPort;
    private final int pairPort;

    private SymbolonNode(
            NodeConfig config,
            NodeIdentity identity,
            SystemKey systemKey,
            Storage storage,
            Vault vault,
            Optional<Partner> partner,
            List<AutoCloseable> listeners,
            Optional<ScheduledExecutorService> scheduler,
            EpochPin epochPin,
            Optional<BackupService> backups,
            AutoCloseable backupSide,
            AutoCloseable shareRefresh,
            int apiPort,
            int pairPort) {
        this.config = config;
        this.identity = identity;
        this.systemKey = systemKey;
        this.storage = storage;
        this.vault = vault;
        this.partner = partner;
        this.listeners = listeners;
        this.scheduler = scheduler;
        this.epochPin = epochPin;
        this.backups = backups;
        this.backupSide = backupSide;
        this.shareRefresh = shareRefresh;
        this.apiPort = apiPort;
        this.pairPort = pairPort;
    }

    /** Opens the node in {@code directory} and starts serving. */
    public static SymbolonNode start(DataDirectory directory, Sealer sealer, PasswordHasher hasher) {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        NodeConfig config = NodeConfig.read(directory.path());
        SystemKey systemKey = SystemKeyFile.open(directory.path(), sealer, random);
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(systemKey);
        try {
            NodeIdentity identity = NodeIdentity.load(directory, systemKey);
            X509Certificate peer = NodeIdentity.readCertificate(directory.peerCertificate());
            JdbcStorage storage = JdbcStorage.open(config.storage(), clock);
            opened.add(0, storage);
            Vault vault = Vault.open(storage, systemKey, clock, random);
            requireSameNode(config, vault.node());
            var pairContext = PairTls.pairContext(identity, peer, random);
            EpochPin epochPin = new EpochPin();
            sweepBackupFolder(directory);
            if (config.role() == Role.PARTNER) {
                PartnerService service = new PartnerService(vault, storage, clock);
                PartnerBackups partnerBackups = new PartnerBackups(vault, directory, identity, epochPin);
                opened.add(0, partnerBackups);
                ReplayGuard replays = new ReplayGuard(clock);
                PartnerRefresh refresh =
                        new PartnerRefresh(vault, epochPin, replays, RefreshSettings.read(directory.path()));
                opened.add(0, refresh);
                HttpsServer pairServer = HttpsServer.start(
                        "pair",
                        config.bindAddress(),
                        config.pairPort(),
                        pairContext,
                        true,
                        concat(
                                new PairEndpoints(service).routes(),
                                new BackupPairEndpoints(partnerBackups).routes(),
                                new RefreshPairEndpoints(refresh).routes(),
                                new JointPairEndpoints(new PartnerJoint(vault, replays, clock, random)).routes()));
                opened.add(0, pairServer);
                pairServer.onDrain(partnerBackups::releaseWaiters);
                refresh.start();
                LOG.info(
                        "node started role=PARTNER pairId={} nodeId={} pairPort={} database={}",
                        config.pairId(),
                        config.nodeId(),
                        pairServer.port(),
                        config.storage().describe());
                return new SymbolonNode(
                        config,
                        identity,
                        systemKey,
                        storage,
                        vault,
                        Optional.empty(),
                        List.of(pairServer),
                        Optional.empty(),
                        epochPin,
                        Optional.empty(),
                        partnerBackups,
                        refresh,
                        0,
                        pairServer.port());
            }
            PairClient partner = new PairClient(pairContext, config.peerHostname(), config.pairPort());
            Accounts accounts = new Accounts(storage, partner, hasher, new LoginThrottle(clock), clock, random);
            ObjectService objects = new ObjectService(vault, storage, partner, clock, random);
            ClientApi api = new ClientApi(accounts, objects, new PairCheck(vault, partner));
            SnapshotBarrier barrier = new SnapshotBarrier();
            BackupService backups = new BackupService(
                    vault,
                    directory,
                    identity,
                    peer,
                    partner,
                    new BackupPeerClient(pairContext, config.peerHostname(), config.pairPort()),
                    epochPin,
                    barrier,
                    storage.backupHistory(),
                    clock,
                    random);
            opened.add(0, backups);
            backups.recover();
            PairChannel channel = new PairChannel(pairContext, config.peerHostname(), config.pairPort());
            JointService joint = new JointService(vault, objects, new JointPeerClient(channel), clock, random);
            RefreshPeerClient refreshPeer = new RefreshPeerClient(channel);
            RefreshCoordinator refresh = new RefreshCoordinator(
                    vault, refreshPeer, epochPin, barrier, RefreshSettings.read(directory.path()), clock, random);
            opened.add(0, refresh);
            HttpsServer apiServer = HttpsServer.start(
                    "api",
                    config.bindAddress(),
                    config.apiPort(),
                    PairTls.apiContext(identity, random),
                    false,
                    concat(
                            barrier.guard(api.routes()),
                            new BackupApi(accounts, backups).routes(),
                            new MetricsApi(accounts, backups).routes(),
                            new JointApi(accounts, joint).routes(),
                            new RefreshApi(accounts, refresh, refreshPeer, vault).routes()));
            opened.add(0, apiServer);
            apiServer.onDrain(backups::releaseWaiters);
            Janitor janitor = new Janitor(vault, storage, partner, clock, config.janitorAge());
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "symbolon-janitor");
                thread.setDaemon(true);
                return thread;
            });
            long interval = Math.max(1, config.janitorInterval().toMillis());
            scheduler.scheduleWithFixedDelay(() -> barrier.during(janitor::settle), 0, interval, TimeUnit.MILLISECONDS);
            checkPartner(partner, config);
            refresh.start();
            backups.startSchedule();
            LOG.info(
                    "node started role=EP pairId={} nodeId={} apiPort={} partner={}:{} database={}",
                    config.pairId(),
                    config.nodeId(),
                    apiServer.port(),
                    config.peerHostname(),
                    config.pairPort(),
                    config.storage().describe());
            return new SymbolonNode(
                    config,
                    identity,
                    systemKey,
                    storage,
                    vault,
                    Optional.of(partner),
                    List.of(apiServer),
                    Optional.of(scheduler),
                    epochPin,
                    Optional.of(backups),
                    backups,
                    refresh,
                    apiServer.port(),
                    0);
        } catch (RuntimeException e) {
            for (AutoCloseable resource : opened) {
                try {
                    resource.close();
                } catch (Exception cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static void requireSameNode(NodeConfig config, NodeSettings node) {
        if (node.role() != config.role()
                || !node.pairId().equals(config.pairId())
                || !node.nodeId().equals(config.nodeId())) {
            throw new SymbolonException(
                    ErrorCode.FOREIGN_PAIR,
                    "the database " + config.storage().describe() + " belongs to "
                            + node.role().displayName() + " "
                            + node.nodeId() + " of pair " + node.pairId() + ", but this data directory is "
                            + config.role().displayName() + " " + config.nodeId() + " of pair " + config.pairId());
        }
    }

    @SafeVarargs
    private static List<Route> concat(List<Route>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    /** Removes what backups killed mid-write left in the backup folder (never plaintext). */
    private static void sweepBackupFolder(DataDirectory directory) {
        LocalBackup.sweep(BackupSettings.defaultFolder(directory));
        if (BackupSettings.exist(directory)) {
            try {
                LocalBackup.sweep(BackupSettings.read(directory).folder());
            } catch (SymbolonException e) {
                LOG.warn("backup settings unreadable reason=\"{}\"", e.getMessage());
            }
        }
    }

    /** Says at start whether the Partner answers; EP serves anyway and answers 503 until it does. */
    private static void checkPartner(Partner partner, NodeConfig config) {
        try {
            NodeHello hello = partner.hello();
            if (!hello.pairId().equals(config.pairId())) {
                LOG.error("partner belongs to another pair partnerPair={} pairId={}", hello.pairId(), config.pairId());
            } else {
                LOG.info(
                        "partner reachable hostname={} nodeId={} epoch={}",
                        hello.hostname(),
                        hello.nodeId(),
                        hello.epoch());
            }
        } catch (SymbolonException e) {
            LOG.warn("partner not reachable yet reason=\"{}\"", e.getMessage());
        }
    }

    public NodeConfig config() {
        return config;
    }

    public NodeIdentity identity() {
        return identity;
    }

    public Vault vault() {
        return vault;
    }

    /** The pair channel, on EP. */
    public Optional<Partner> partner() {
        return partner;
    }

    /** The node's epoch pin: held while a backup reads the node; a share refresh must respect it. */
    public EpochPin epochPin() {
        return epochPin;
    }

    /** Whether a backup holds the epoch now (a refresh must not start). */
    public boolean isPinned() {
        return epochPin.isPinned();
    }

    /** EP's coordinated backups (empty on the Partner). */
    public Optional<BackupService> backups() {
        return backups;
    }

    /** The client API's port on EP (0 on the Partner). */
    public int apiPort() {
        return apiPort;
    }

    /** The pair channel's port on the Partner (0 on EP). */
    public int pairPort() {
        return pairPort;
    }

    @Override
    public void close() {
        LOG.info("node stopping role={}", config.role().label());
        for (AutoCloseable listener : listeners) {
            try {
                listener.close();
            } catch (Exception e) {
                LOG.warn("listener did not stop cleanly", e);
            }
        }
        try {
            shareRefresh.close();
        } catch (Exception e) {
            LOG.warn("share refresh did not stop cleanly", e);
        }
        try {
            backupSide.close();
        } catch (Exception e) {
            LOG.warn("backups did not stop cleanly", e);
        }
        scheduler.ifPresent(executor -> {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        storage.close();
        systemKey.close();
        LOG.info("node stopped role={}", config.role().label());
    }
}
