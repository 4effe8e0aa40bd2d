package io.symbolon.vault;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshPhase;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.seal.ShareCipher;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.share.RefreshMasks;
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.ShareScheme;
import io.symbolon.vault.storage.ObjectPage;
import io.symbolon.vault.storage.ObjectQuery;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StoredObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's half of the vault: its objects and its shares, sealed at rest. The server coordinates the
 * pair and calls this for the local half of every operation; nothing here knows about the network.
 *
 * <p>Creation and deletion are two-phase so that a failure on either node leaves no half-object: {@link
 * #prepareCreate} stores a PENDING row (invisible to clients and backups), {@link #commitCreate} makes
 * it ACTIVE once the peer holds its share, {@link #abortCreate} removes it; likewise {@link
 * #prepareDelete}, {@link #commitDelete}, {@link #abortDelete}. Rows left PENDING or DELETING by a crash
 * are found with {@link Storage#unsettled} and settled with the peer.
 *
 * <p>Guarantees: a share leaves this class only unsealed for this node's own use ({@link #readShare},
 * {@link #snapshot}) and only in {@link SecretBytes}; a row whose share does not open is refused with
 * {@code SHARE_TAMPERED} naming its uid. Thread-safe.
 */
public final class Vault implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vault.class);
    private static final String REFRESH_SEED = "refresh-seed";
    private static final int REWRITE_BATCH = 1000;

    private final Storage storage;
    private final SystemKey systemKey;
    private final ShareCipher cipher;
    private final Clock clock;
    private final SecureRandom random;
    private final Role role;

    private Vault(Storage storage, SystemKey systemKey, Role role, Clock clock, SecureRandom random) {
        this.storage = storage;
        this.systemKey = systemKey;
        this.cipher = new ShareCipher(systemKey, role);
        this.role = role;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The vault of a booted node (its settings are in {@code storage}). It borrows the storage and the
     * system key; their owner closes them.
     */
    public static Vault open(Storage storage, SystemKey systemKey, Clock clock, SecureRandom random) {
        NodeSettings node = storage.node()
                .orElseThrow(() -> new SymbolonException(
                        ErrorCode.NOT_FOUND, "the database holds no node settings: boot the node first"));
        return new Vault(storage, systemKey, node.role(), clock, random);
    }

    public Role role() {
        return role;
    }

    public NodeSettings node() {
        return storage.node().orElseThrow();
    }

    /**
     * The epoch new objects are created at: the current one, or during a refresh the target one (so the
     * refresh never has to chase rows created behind it). EP passes it to the Partner with the object.
     */
    public long creationEpoch() {
        NodeSettings node = node();
        return node.refresh().phase() == RefreshPhase.REWRITING ? node.refresh().targetEpoch() : node.currentEpoch();
    }

    // --- creating and deleting, two-phase ---

    /**
     * A share this node draws alone, for joint generation (the object's secret is this share combined
     * with the peer's). {@code length} is the secret's length; the caller closes the result.
     */
    public SecretBytes drawShare(ObjectType type, int length) {
        return ShareScheme.of(type).randomShare(length, random);
    }

    /**
     * Stores {@code object} with this node's {@code share} (which the caller still owns), PENDING:
     * invisible until {@link #commitCreate}. {@code ALREADY_EXISTS} when its uid or its name is taken.
     */
    public void prepareCreate(VaultObject object, SecretBytes share) {
        ShareScheme.of(object.type()).requireValidShare(object.type(), share);
        byte[] sealed = cipher.seal(object, share);
        storage.insert(new StoredObject(object, ObjectState.PENDING, sealed, clock.instant()));
        LOG.debug("object prepared uid={} partition={} type={}", object.uid(), object.partition(), object.type());
    }

    /** Makes a prepared object visible; {@code CONFLICT} if it is not PENDING. */
    public void commitCreate(ObjectUid uid) {
        transition(uid, ObjectState.PENDING, ObjectState.ACTIVE, "commit the creation of");
        LOG.info("object created uid={}", uid);
    }

    /** Removes a prepared object; does nothing if there is none (idempotent, for retries). */
    public void abortCreate(ObjectUid uid) {
        if (storage.delete(uid, ObjectState.PENDING)) {
            LOG.info("object creation aborted uid={}", uid);
        }
    }

    /** Hides an ACTIVE object ahead of its deletion; returns it. */
    public VaultObject prepareDelete(ObjectUid uid) {
        StoredObject row =
                storage.find(uid).filter(r -> r.state() == ObjectState.ACTIVE).orElseThrow(() -> notFound(uid));
        transition(uid, ObjectState.ACTIVE, ObjectState.DELETING, "prepare the deletion of");
        return row.object();
    }

    /** Deletes an object being deleted; does nothing if it is already gone (idempotent). */
    public void commitDelete(ObjectUid uid) {
        if (storage.delete(uid, ObjectState.DELETING)) {
            LOG.info("object deleted uid={}", uid);
        }
    }

    /** Makes an object being deleted visible again. */
    public void abortDelete(ObjectUid uid) {
        transition(uid, ObjectState.DELETING, ObjectState.ACTIVE, "abort the deletion of");
    }

    /**
     * Deletes the row of {@code uid} whatever its state: seed 000's remedy for a partial key that exists
     * on one node only. Returns whether there was one.
     */
    public boolean forceDelete(ObjectUid uid) {
        boolean deleted = storage.delete(uid);
        if (deleted) {
            LOG.info("object deleted on this node only uid={}", uid);
        }
        return deleted;
    }

    private void transition(ObjectUid uid, ObjectState from, ObjectState to, String what) {
        if (!storage.changeState(uid, from, to, clock.instant())) {
            StoredObject row = storage.find(uid).orElseThrow(() -> notFound(uid));
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "cannot " + what + " object " + uid + ": it is " + row.state() + ", not " + from);
        }
    }

    // --- reading ---

    /** The ACTIVE object {@code uid}. */
    public Optional<VaultObject> find(ObjectUid uid) {
        return storage.find(uid)
                .filter(row -> row.state() == ObjectState.ACTIVE)
                .map(StoredObject::object);
    }

    /** The ACTIVE object named {@code name} in {@code partition}. */
    public Optional<VaultObject> findByName(String partition, String name) {
        return storage.findByName(partition, name)
                .filter(row -> row.state() == ObjectState.ACTIVE)
                .map(StoredObject::object);
    }

    /** One page of a listing (sealed shares included in the rows are ciphertext). */
    public ObjectPage list(ObjectQuery query) {
        return storage.list(query);
    }

    /** This node's share of the ACTIVE object {@code uid}, unsealed; the caller closes it. */
    public SecretBytes readShare(ObjectUid uid) {
        return openShare(storage.find(uid).orElseThrow(() -> notFound(uid)));
    }

    /**
     * The share of {@code row}, an ACTIVE row this vault gave out (by {@link #list}), unsealed; the caller
     * closes it. Saves reading a listed row again: {@code server test} opens every share it lists.
     */
    public SecretBytes openShare(StoredObject row) {
        if (row.state() != ObjectState.ACTIVE) {
            throw notFound(row.uid());
        }
        return cipher.open(row.object(), row.sealedShare());
    }

    /**
     * This node's public share of an EC or Ed25519 object (share·G): what {@code server test} adds to the
     * peer's to check the stored public key, without revealing the share.
     */
    public byte[] publicShare(ObjectUid uid) {
        return publicShare(storage.find(uid).orElseThrow(() -> notFound(uid)));
    }

    /** As {@link #publicShare(ObjectUid)}, for an ACTIVE row this vault listed. */
    public byte[] publicShare(StoredObject row) {
        if (row.state() != ObjectState.ACTIVE) {
            throw notFound(row.uid());
        }
        VaultObject object = row.object();
        if (!(ShareScheme.of(object.type()) instanceof ScalarScheme scalars)) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "object " + object.uid() + " is " + object.type().label() + ", which has no public share");
        }
        try (SecretBytes share = openShare(row)) {
            return scalars.publicShare(share);
        }
    }

    // --- backup and restore ---

    /** Opens a consistent view of this node for a backup; see {@link VaultSnapshot}. */
    public VaultSnapshot snapshot() {
        return new VaultSnapshot(storage.snapshot(), cipher);
    }

    /** Starts a restore of a backup taken at {@code epoch} into this empty node; see {@link VaultImport}. */
    public VaultImport beginImport(long epoch) {
        return new VaultImport(storage.beginImport(), cipher, clock, epoch);
    }

    // --- refresh ---

    /**
     * Starts a refresh to the next epoch with the seed both nodes share (kept sealed under the system
     * key, so {@link #rewriteShares} can resume after a crash). Refused while another refresh is under
     * way with another target.
     */
    public NodeSettings beginRefresh(SecretBytes seed) {
        byte[] sealedSeed = systemKey.encryptLocal(REFRESH_SEED, seed);
        return storage.updateNode(node -> {
            if (node.refresh().phase() == RefreshPhase.REWRITING) {
                throw new SymbolonException(
                        ErrorCode.CONFLICT,
                        "a refresh to epoch " + node.refresh().targetEpoch()
                                + " is already under way; finish it first");
            }
            return node.withRefresh(RefreshState.rewriting(node.currentEpoch() + 1, sealedSeed));
        });
    }

    /**
     * Rewrites every share from the current epoch to the refresh's target with the agreed masks, in
     * batches (clients are served in between), then moves the node to the target epoch. Safe to call
     * again after a crash: rows already at the target are left alone. Returns how many rows it rewrote.
     */
    public long rewriteShares() {
        return rewriteShares(REWRITE_BATCH, RefreshProgress.NONE);
    }

    /**
     * {@link #rewriteShares()} in batches of {@code batchSize} rows, telling {@code progress} about each
     * row re-sealed (before its batch is written) and about the end of the rewrite (before the node moves
     * to the target epoch).
     */
    public long rewriteShares(int batchSize, RefreshProgress progress) {
        NodeSettings node = node();
        if (node.refresh().phase() != RefreshPhase.REWRITING) {
            throw new SymbolonException(ErrorCode.CONFLICT, "no refresh is under way");
        }
        long from = node.currentEpoch();
        long to = node.refresh().targetEpoch();
        long rewritten;
        long[] resealed = {0};
        try (SecretBytes seed =
                        systemKey.decryptLocal(REFRESH_SEED, node.refresh().sealedMaskSeed());
                RefreshMasks masks = new RefreshMasks(seed, to)) {
            rewritten = storage.rewriteShares(
                    from,
                    to,
                    (row, moved) -> {
                        byte[] sealed = refreshed(row, moved, masks);
                        progress.resealed(++resealed[0]);
                        return sealed;
                    },
                    batchSize);
        }
        progress.rewritten(rewritten);
        storage.updateNode(NodeSettings::finishRefresh);
        LOG.info("refresh finished epoch={} rows={}", to, rewritten);
        return rewritten;
    }

    /**
     * The seed of the refresh under way, unsealed: EP hands it to the Partner again when it resumes a
     * refresh after a crash. {@code CONFLICT} when no refresh is under way. The caller closes it.
     */
    public SecretBytes refreshSeed() {
        NodeSettings node = node();
        if (node.refresh().phase() != RefreshPhase.REWRITING) {
            throw new SymbolonException(ErrorCode.CONFLICT, "no refresh is under way");
        }
        return systemKey.decryptLocal(REFRESH_SEED, node.refresh().sealedMaskSeed());
    }

    /**
     * Whether the refresh under way (or none) was started with {@code seed} for {@code targetEpoch}: a
     * refresh repeated by EP after a crash is the same refresh, never a second one over the first.
     */
    public boolean isRefreshingWith(SecretBytes seed, long targetEpoch) {
        NodeSettings node = node();
        if (node.refresh().phase() != RefreshPhase.REWRITING || node.refresh().targetEpoch() != targetEpoch) {
            return false;
        }
        try (SecretBytes held =
                systemKey.decryptLocal(REFRESH_SEED, node.refresh().sealedMaskSeed())) {
            return held.sameAs(seed);
        }
    }

    /**
     * This node's share of the ACTIVE object {@code uid} as it is, or will be, at {@code epoch}: for a
     * joint operation whose two halves must be at the same epoch while a refresh moves rows one batch at
     * a time. A row still at the refresh's source epoch is masked forward, a row already at its target
     * masked back, with the refresh's own masks, in memory only; {@code EPOCH_MISMATCH} when the row is
     * at another epoch and no refresh bridges the two. The caller closes the result.
     */
    public SecretBytes shareAt(ObjectUid uid, long epoch) {
        for (int attempt = 0; ; attempt++) {
            StoredObject row = storage.find(uid)
                    .filter(r -> r.state() == ObjectState.ACTIVE)
                    .orElseThrow(() -> notFound(uid));
            VaultObject object = row.object();
            if (object.epoch() == epoch) {
                return cipher.open(object, row.sealedShare());
            }
            NodeSettings node = node();
            long target = node.refresh().targetEpoch();
            boolean forward = object.epoch() == target - 1 && epoch == target;
            boolean backward = object.epoch() == target && epoch == target - 1;
            if (node.refresh().phase() == RefreshPhase.REWRITING && (forward || backward)) {
                ShareScheme scheme = ShareScheme.of(object.type());
                try (SecretBytes share = cipher.open(object, row.sealedShare());
                        SecretBytes seed = systemKey.decryptLocal(
                                REFRESH_SEED, node.refresh().sealedMaskSeed());
                        RefreshMasks masks = new RefreshMasks(seed, target);
                        SecretBytes mask = masks.maskFor(uid, object.type(), share.length())) {
                    // Masking back is the peer role's step: EP adds the mask, so undoing it subtracts.
                    return scheme.refresh(share, mask, forward ? role : role.peer());
                }
            }
            if (attempt > 0) {
                throw new SymbolonException(
                        ErrorCode.EPOCH_MISMATCH,
                        "object " + uid + " is at epoch " + object.epoch() + " on this node, not " + epoch
                                + "; retry once the pair's refresh has finished");
            }
            // The row may have moved, or the refresh finished, between the two reads: look again once.
        }
    }

    private byte[] refreshed(StoredObject row, VaultObject moved, RefreshMasks masks) {
        VaultObject object = row.object();
        ShareScheme scheme = ShareScheme.of(object.type());
        try (SecretBytes share = cipher.open(object, row.sealedShare());
                SecretBytes mask = masks.maskFor(object.uid(), object.type(), share.length());
                SecretBytes next = scheme.refresh(share, mask, role)) {
            return cipher.seal(moved, next);
        }
    }

    /** Forgets the keys derived from the system key (the storage and the system key belong to the caller). */
    @Override
    public void close() {
        cipher.close();
    }

    private static SymbolonException notFound(ObjectUid uid) {
        return new SymbolonException(ErrorCode.NOT_FOUND, "no object " + uid + " on this node");
    }
}
