package io.symbolon.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.RefreshPhase;
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
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.SharePair;
import io.symbolon.vault.share.ShareScheme;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.ObjectQuery;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StorageConfig;
import io.symbolon.vault.storage.StorageFixture;
import io.symbolon.vault.testing.FaultyStorage;
import io.symbolon.vault.testing.SampleObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pair of vaults on SQLite, driven the way the server will drive them. */
class VaultTest {
    private static final String PARTITION = "part1";

    private final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @TempDir
    Path directory;

    private Vault ep;
    private Vault partner;

    @BeforeEach
    void bootPair() throws Exception {
        ep = boot(Role.EP, "ep");
        partner = boot(Role.PARTNER, "partner");
    }

    private Vault boot(Role role, String name) throws Exception {
        return open(role, name, true);
    }

    private Vault open(Role role, String name, boolean withPartition) throws Exception {
        JdbcStorage storage = JdbcStorage.open(
                StorageConfig.sqlite(Files.createDirectories(directory.resolve(name))), StorageFixture.CLOCK);
        opened.add(storage);
        storage.createNode(StorageFixture.node(role));
        if (withPartition) {
            storage.createPartition(new Partition(PARTITION, StorageFixture.CLOCK.instant()));
        }
        SystemKey key = SystemKey.generate(random);
        opened.add(key);
        return Vault.open(storage, key, StorageFixture.CLOCK, random);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    /** Creates an object on both nodes, two-phase, each with its own share. */
    private void createOnBoth(VaultObject object, SecretBytes epShare, SecretBytes partnerShare) {
        ep.prepareCreate(object, epShare);
        partner.prepareCreate(object, partnerShare);
        partner.commitCreate(object.uid());
        ep.commitCreate(object.uid());
    }

    private SecretBytes combined(ObjectUid uid) {
        VaultObject object = ep.find(uid).orElseThrow();
        try (SecretBytes epShare = ep.readShare(uid);
                SecretBytes partnerShare = partner.readShare(uid)) {
            return ShareScheme.of(object.type()).combine(epShare, partnerShare);
        }
    }

    private VaultObject aes(long uid, String name) {
        return SampleObjects.aes256(uid, PARTITION, name, ep.creationEpoch());
    }

    private VaultObject importedScalarKey(long uid, ObjectType type, SecretBytes scalar) {
        byte[] publicKey = ((ScalarScheme) ShareScheme.of(type)).publicKey(scalar);
        return new VaultObject(
                new ObjectUid(uid),
                PARTITION,
                type.label() + " key",
                type,
                1,
                0,
                Attributes.of("", Set.of(Usage.SIGN), SampleObjects.CREATED),
                new PublicData(publicKey));
    }

    @Test
    void generatesAKeyJointlyThatNeitherNodeHoldsAlone() {
        VaultObject key = aes(1, "joint");
        try (SecretBytes epShare = ep.drawShare(key.type(), 32);
                SecretBytes partnerShare = partner.drawShare(key.type(), 32)) {
            createOnBoth(key, epShare, partnerShare);
        }
        try (SecretBytes whole = combined(key.uid());
                SecretBytes epShare = ep.readShare(key.uid())) {
            assertThat(whole.length()).isEqualTo(32);
            assertThat(whole.sameAs(epShare)).isFalse();
        }
    }

    @Test
    void provesEcAndEd25519PublicKeysFromPublicSharesAlone() {
        for (ObjectType type : List.of(ObjectType.EC_P256, ObjectType.ED25519)) {
            ScalarScheme scheme = (ScalarScheme) ShareScheme.of(type);
            try (SecretBytes scalar = scheme.randomShare(32, random);
                    SharePair shares = scheme.split(scalar, random)) {
                VaultObject key = importedScalarKey(type == ObjectType.EC_P256 ? 2 : 3, type, scalar);
                createOnBoth(key, shares.ep(), shares.partner());
                assertThat(scheme.publicSharesMatch(
                                ep.publicShare(key.uid()),
                                partner.publicShare(key.uid()),
                                key.publicData().bytes()))
                        .isTrue();
            }
        }
    }

    @Test
    void hidesAnObjectUntilBothNodesCommitAndRemovesItOnAbort() {
        VaultObject key = aes(4, "two-phase");
        try (SecretBytes share = ep.drawShare(key.type(), 32)) {
            ep.prepareCreate(key, share);
        }
        assertThat(ep.find(key.uid())).isEmpty();
        assertThatThrownBy(() -> ep.readShare(key.uid())).isInstanceOf(SymbolonException.class);
        ep.abortCreate(key.uid());
        ep.abortCreate(key.uid()); // idempotent, for retries
        try (SecretBytes share = ep.drawShare(key.type(), 32)) {
            ep.prepareCreate(key, share); // the name is free again
        }
        ep.commitCreate(key.uid());
        assertThat(ep.findByName(PARTITION, "two-phase")).contains(key);
    }

    @Test
    void deletesInTwoPhasesAndCanUndoTheFirst() {
        VaultObject key = aes(5, "doomed");
        try (SecretBytes a = ep.drawShare(key.type(), 32);
                SecretBytes b = partner.drawShare(key.type(), 32)) {
            createOnBoth(key, a, b);
        }
        assertThat(ep.prepareDelete(key.uid())).isEqualTo(key);
        assertThat(ep.find(key.uid())).isEmpty();
        ep.abortDelete(key.uid());
        assertThat(ep.find(key.uid())).contains(key);
        ep.prepareDelete(key.uid());
        ep.commitDelete(key.uid());
        assertThatThrownBy(() -> ep.commitCreate(key.uid()))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(partner.forceDelete(key.uid())).isTrue();
    }

    private List<ObjectUid> createMany(int count) {
        List<ObjectUid> uids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ObjectType type = List.of(
                            ObjectType.AES_128, ObjectType.EC_P256, ObjectType.ED25519, ObjectType.SECRET_DATA)
                    .get(i % 4);
            ShareScheme scheme = ShareScheme.of(type);
            int length = type == ObjectType.AES_128 ? 16 : type == ObjectType.SECRET_DATA ? 100 : 32;
            try (SecretBytes secret = scheme.randomShare(length, random);
                    SharePair shares = scheme.split(secret, random)) {
                VaultObject object = type.isScalar()
                        ? importedScalarKey(1000 + i, type, secret)
                        : new VaultObject(
                                new ObjectUid(1000 + i),
                                PARTITION,
                                "object " + i,
                                type,
                                1,
                                0,
                                Attributes.of("", Set.of(), SampleObjects.CREATED),
                                PublicData.NONE);
                if (type.isScalar()) {
                    object = new VaultObject(
                            object.uid(),
                            PARTITION,
                            "object " + i,
                            type,
                            1,
                            0,
                            object.attributes(),
                            object.publicData());
                }
                createOnBoth(object, shares.ep(), shares.partner());
                uids.add(object.uid());
            }
        }
        return uids;
    }

    private List<byte[]> secrets(List<ObjectUid> uids) {
        List<byte[]> secrets = new ArrayList<>();
        for (ObjectUid uid : uids) {
            try (SecretBytes secret = combined(uid)) {
                secrets.add(secret.copy());
            }
        }
        return secrets;
    }

    @Test
    void refreshesBothNodesToTheNextEpochKeepingEverySecret() {
        List<ObjectUid> uids = createMany(12);
        List<byte[]> before = secrets(uids);
        byte[] staleEpShare;
        try (SecretBytes share = ep.readShare(uids.getFirst())) {
            staleEpShare = share.copy();
        }

        try (SecretBytes seed = RefreshMasks.newSeed(random)) {
            ep.beginRefresh(seed);
            partner.beginRefresh(seed);
        }
        assertThat(ep.creationEpoch()).isEqualTo(1);
        assertThat(ep.rewriteShares()).isEqualTo(12);
        assertThat(partner.rewriteShares()).isEqualTo(12);

        assertThat(secrets(uids)).containsExactlyElementsOf(before);
        assertThat(ep.node().currentEpoch()).isEqualTo(1);
        assertThat(ep.node().refresh().phase()).isEqualTo(RefreshPhase.IDLE);
        assertThat(ep.find(uids.getFirst()).orElseThrow().epoch()).isEqualTo(1);
        try (SecretBytes stale = SecretBytes.adopt(staleEpShare);
                SecretBytes partnerShare = partner.readShare(uids.getFirst());
                SecretBytes mixed = ShareScheme.of(ObjectType.EC_P256).combine(stale, partnerShare)) {
            assertThat(mixed.reveal()).isNotEqualTo(before.getFirst());
        }
    }

    @Test
    void presentsEveryShareAtEitherEpochOfARefreshHalfWayThrough() {
        List<ObjectUid> uids = createMany(8);
        List<byte[]> before = secrets(uids);
        try (SecretBytes seed = RefreshMasks.newSeed(random)) {
            ep.beginRefresh(seed);
            partner.beginRefresh(seed);
            assertThat(partner.isRefreshingWith(seed, 1)).isTrue();
            assertThat(partner.isRefreshingWith(seed, 2)).isFalse();
        }
        // EP stops (as a crash would) once its first batch of 3 is written; the Partner has not started.
        assertThatThrownBy(() -> ep.rewriteShares(3, new RefreshProgress() {
                    @Override
                    public void resealed(long count) {
                        if (count == 4) {
                            throw new IllegalStateException("stopped");
                        }
                    }
                }))
                .hasMessage("stopped");

        for (int epoch = 0; epoch <= 1; epoch++) {
            for (int i = 0; i < uids.size(); i++) {
                ObjectUid uid = uids.get(i);
                ShareScheme scheme = ShareScheme.of(ep.find(uid).orElseThrow().type());
                try (SecretBytes epShare = ep.shareAt(uid, epoch);
                        SecretBytes partnerShare = partner.shareAt(uid, epoch);
                        SecretBytes whole = scheme.combine(epShare, partnerShare)) {
                    assertThat(whole.reveal()).as("%s at epoch %d", uid, epoch).isEqualTo(before.get(i));
                }
            }
        }

        long[] progress = {0, -1};
        ep.rewriteShares(3, new RefreshProgress() {
            @Override
            public void resealed(long count) {
                progress[0] = count;
            }

            @Override
            public void rewritten(long rows) {
                progress[1] = rows;
            }
        });
        assertThat(progress).containsExactly(5, 5);
        partner.rewriteShares();
        assertThat(secrets(uids)).containsExactlyElementsOf(before);
        assertThatThrownBy(() -> partner.shareAt(uids.getFirst(), 0))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("epoch 1 on this node, not 0")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.EPOCH_MISMATCH);
    }

    @Test
    void resumesARefreshInterruptedByACrashWithoutMaskingAnyShareTwice() throws Exception {
        List<ObjectUid> uids = createMany(9);
        List<byte[]> before = secrets(uids);
        try (SecretBytes seed = RefreshMasks.newSeed(random)) {
            ep.beginRefresh(seed);
            partner.beginRefresh(seed);
        }
        Storage epStorage = (Storage) opened.get(0);
        SystemKey epKey = (SystemKey) opened.get(1);
        Vault crashing = Vault.open(new FaultyStorage(epStorage, 5), epKey, StorageFixture.CLOCK, random);
        assertThatThrownBy(crashing::rewriteShares).isInstanceOf(SymbolonException.class);

        assertThat(ep.rewriteShares()).isEqualTo(9); // the crash came before the first batch was written
        partner.rewriteShares();
        assertThat(secrets(uids)).containsExactlyElementsOf(before);
    }

    @Test
    void restoresABackupOntoANewNodeResealedUnderItsOwnSystemKey() throws Exception {
        List<ObjectUid> uids = createMany(8);
        List<byte[]> before = secrets(uids);
        Vault restored = open(Role.EP, "restored-ep", false);

        try (VaultSnapshot snapshot = ep.snapshot();
                VaultImport restore = restored.beginImport(snapshot.node().currentEpoch())) {
            snapshot.partitions().forEach(restore::partition);
            snapshot.users().forEach(restore::user);
            for (Iterator<SnapshotEntry> entries = snapshot.objects(); entries.hasNext(); ) {
                try (SnapshotEntry entry = entries.next()) {
                    assertThat(entry.fingerprint()).isEqualTo(entry.object().fingerprint());
                    restore.object(entry.object(), entry.share());
                }
            }
            assertThat(restore.objectCount()).isEqualTo(snapshot.objectCount());
            restore.commit();
        }

        for (ObjectUid uid : uids) {
            assertThat(restored.find(uid)).isEqualTo(ep.find(uid));
            try (SecretBytes original = ep.readShare(uid);
                    SecretBytes copy = restored.readShare(uid)) {
                assertThat(copy.sameAs(original)).isTrue();
            }
        }
        ep = restored;
        assertThat(secrets(uids)).containsExactlyElementsOf(before);
    }

    @Test
    void refusesToImportAnObjectFromAnotherEpochAndImportsNothing() throws Exception {
        Vault restored = open(Role.EP, "restored", false);
        try (VaultImport restore = restored.beginImport(3);
                SecretBytes share = SecretBytes.adopt(new byte[32])) {
            restore.partition(new Partition(PARTITION, StorageFixture.CLOCK.instant()));
            restore.object(SampleObjects.aes256(1, PARTITION, "at 3", 3), share);
            assertThatThrownBy(() -> restore.object(SampleObjects.aes256(2, PARTITION, "at 2", 2), share))
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EPOCH_MISMATCH));
        }
        assertThat(restored.list(ObjectQuery.allActive(10)).objects()).isEmpty();
        assertThat(restored.node().currentEpoch()).isZero();
    }

    @Test
    void refusesAShareOfTheWrongShape() {
        try (SecretBytes short_ = SecretBytes.adopt(new byte[16])) {
            assertThatThrownBy(() -> ep.prepareCreate(aes(6, "short"), short_))
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USAGE));
        }
    }
}
