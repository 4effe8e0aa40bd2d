package io.symbolon.server.testing;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
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
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.SharePair;
import io.symbolon.vault.share.ShareScheme;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

/**
 * EP's and the Partner's vaults in one process, on SQLite in a temporary directory, for fast tests of
 * what the two nodes compute together (joint operations, refreshes) without the network. Objects are
 * put on both nodes directly, split from a secret the test knows, so results can be checked against
 * one-party computations with the whole key.
 */
public final class VaultPair implements AutoCloseable {
    public static final String PARTITION = Partition.ROOT;

    public final Clock clock = Clock.systemUTC();
    public final SecureRandom random = new SecureRandom();
    public final JdbcStorage epStorage;
    public final JdbcStorage partnerStorage;
    public final Vault ep;
    public final Vault partner;
    private final SystemKey epKey;
    private final SystemKey partnerKey;

    public VaultPair(Path directory) {
        epKey = SystemKey.generate(random);
        partnerKey = SystemKey.generate(random);
        epStorage = open(directory.resolve("ep"), Role.EP);
        partnerStorage = open(directory.resolve("partner"), Role.PARTNER);
        ep = Vault.open(epStorage, epKey, clock, random);
        partner = Vault.open(partnerStorage, partnerKey, clock, random);
    }

    private JdbcStorage open(Path directory, Role role) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JdbcStorage storage = JdbcStorage.open(StorageConfig.sqlite(directory), clock);
        storage.createNode(new NodeSettings(
                role,
                "00112233aabbccdd",
                role == Role.EP ? "0000000000000001" : "0000000000000002",
                "ep",
                "partner",
                0,
                RefreshState.IDLE));
        storage.createPartition(new Partition(PARTITION, clock.instant()));
        return storage;
    }

    /**
     * Puts a key of {@code type} whose whole secret is {@code secret} (a scalar for EC and Ed25519) on
     * both nodes, split, at EP's creation epoch, with {@code usages}.
     */
    public VaultObject put(String name, ObjectType type, SecretBytes secret, Set<Usage> usages) {
        ShareScheme scheme = ShareScheme.of(type);
        PublicData publicData =
                scheme instanceof ScalarScheme scalars ? new PublicData(scalars.publicKey(secret)) : PublicData.NONE;
        VaultObject object = new VaultObject(
                ObjectUid.random(random),
                PARTITION,
                name,
                type,
                1,
                ep.creationEpoch(),
                Attributes.of("", usages, clock.instant()),
                publicData);
        try (SharePair shares = scheme.split(secret, random)) {
            ep.prepareCreate(object, shares.ep());
            partner.prepareCreate(object, shares.partner());
        }
        partner.commitCreate(object.uid());
        ep.commitCreate(object.uid());
        return object;
    }

    /** EP's vault over {@code storage}: EP's own storage seen through a wrapper (one that counts calls). */
    public Vault epOver(io.symbolon.vault.storage.Storage storage) {
        return Vault.open(storage, epKey, clock, random);
    }

    /** The whole secret of {@code uid}, combined from both nodes' current rows (test-only). */
    public SecretBytes combined(ObjectUid uid) {
        VaultObject object = ep.find(uid).orElseThrow();
        try (SecretBytes epShare = ep.readShare(uid);
                SecretBytes partnerShare = partner.readShare(uid)) {
            return ShareScheme.of(object.type()).combine(epShare, partnerShare);
        }
    }

    @Override
    public void close() {
        ep.close();
        partner.close();
        epStorage.close();
        partnerStorage.close();
        epKey.close();
        partnerKey.close();
    }
}
