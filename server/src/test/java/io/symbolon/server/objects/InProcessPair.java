package io.symbolon.server.objects;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StorageConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EP's and the Partner's vaults in one process, on SQLite in a temporary directory, with the Partner
 * reached through {@link PartnerService} directly instead of the network, and a switch to make any
 * Partner operation fail as an unreachable Partner would. For fast tests of the two-phase protocol, the
 * janitor and the pair check; the real channel is tested with real processes in the cli module.
 */
final class InProcessPair implements AutoCloseable {
    final Clock clock = Clock.systemUTC();
    final SecureRandom random = new SecureRandom();
    final Storage epStorage;
    final Storage partnerStorage;
    final Vault ep;
    final Vault partnerVault;
    final FailingPartner partner;
    private final SystemKey epKey;
    private final SystemKey partnerKey;

    InProcessPair(Path directory) {
        epKey = SystemKey.generate(random);
        partnerKey = SystemKey.generate(random);
        epStorage = open(directory.resolve("ep"), Role.EP);
        partnerStorage = open(directory.resolve("partner"), Role.PARTNER);
        ep = Vault.open(epStorage, epKey, clock, random);
        partnerVault = Vault.open(partnerStorage, partnerKey, clock, random);
        partner = new FailingPartner(new PartnerService(partnerVault, partnerStorage, clock));
    }

    private Storage open(Path directory, Role role) {
        try {
            java.nio.file.Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Storage storage = JdbcStorage.open(StorageConfig.sqlite(directory), clock);
        storage.createNode(new NodeSettings(
                role,
                "00112233aabbccdd",
                role == Role.EP ? "0000000000000001" : "0000000000000002",
                "ep",
                "partner",
                0,
                RefreshState.IDLE));
        storage.createPartition(new Partition(Partition.ROOT, clock.instant()));
        return storage;
    }

    ObjectService objects() {
        return new ObjectService(ep, epStorage, partner, clock, random);
    }

    @Override
    public void close() {
        epStorage.close();
        partnerStorage.close();
        epKey.close();
        partnerKey.close();
    }

    /** The Partner, with operations that can be made to fail as if it were unreachable. */
    static final class FailingPartner implements Partner {
        private final PartnerService service;
        private final Set<String> failing = ConcurrentHashMap.newKeySet();

        FailingPartner(PartnerService service) {
            this.service = service;
        }

        void fail(String... operations) {
            failing.addAll(List.of(operations));
        }

        void heal() {
            failing.clear();
        }

        private void maybeFail(String operation) {
            if (failing.contains(operation)) {
                throw new SymbolonException(
                        ErrorCode.PEER_UNAVAILABLE, "the Partner is unavailable (test: " + operation + ")");
            }
        }

        @Override
        public NodeHello hello() {
            maybeFail("hello");
            return service.hello();
        }

        @Override
        public void ensurePartition(String name) {
            maybeFail("ensurePartition");
            service.ensurePartition(name);
        }

        @Override
        public byte[] drawShare(ObjectUid uid, ObjectType type) {
            maybeFail("drawShare");
            return service.drawShare(uid, type);
        }

        @Override
        public void prepareCreate(VaultObject object, PartnerShare share) {
            maybeFail("prepareCreate");
            service.prepareCreate(object, share);
        }

        @Override
        public void commitCreate(ObjectUid uid) {
            maybeFail("commitCreate");
            service.commitCreate(uid);
        }

        @Override
        public void abortCreate(ObjectUid uid) {
            maybeFail("abortCreate");
            service.abortCreate(uid);
        }

        @Override
        public void prepareDelete(ObjectUid uid) {
            maybeFail("prepareDelete");
            service.prepareDelete(uid);
        }

        @Override
        public void commitDelete(ObjectUid uid) {
            maybeFail("commitDelete");
            service.commitDelete(uid);
        }

        @Override
        public void abortDelete(ObjectUid uid) {
            maybeFail("abortDelete");
            service.abortDelete(uid);
        }

        @Override
        public boolean forceDelete(ObjectUid uid) {
            maybeFail("forceDelete");
            return service.forceDelete(uid);
        }

        @Override
        public Optional<RowState> state(ObjectUid uid) {
            maybeFail("state");
            return service.state(uid);
        }

        @Override
        public SecretBytes share(ObjectUid uid, long version, long epoch) {
            maybeFail("share");
            return service.share(uid, version, epoch);
        }

        @Override
        public EntryPage entries(Optional<ObjectUid> after, int limit) {
            maybeFail("entries");
            return service.entries(after, limit);
        }

        @Override
        public List<RowState> unsettled(Duration age, int limit) {
            maybeFail("unsettled");
            return service.unsettled(age, limit);
        }
    }
}
