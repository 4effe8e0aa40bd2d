package io.symbolon.server.objects;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.ShareScheme;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StoredObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Partner's half of every pair operation, as the pair channel's handlers call it. It keeps the
 * shares it draws for EC and Ed25519 objects in memory only between {@link #drawShare} and {@link
 * #prepareCreate} (at most {@link #DRAW_LIFETIME}); a restart forgets them and the creation fails on EP,
 * which rolls back.
 *
 * <p>It hands out its own share only for an extractable object, checked against its own row: a
 * compromised EP cannot obtain the Partner's share of a non-extractable key.
 */
public final class PartnerService {
    /** How long a drawn share waits for its object. */
    public static final Duration DRAW_LIFETIME = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(PartnerService.class);
    private static final int MAX_DRAWS = 10_000;

    private final Vault vault;
    private final Storage storage;
    private final Clock clock;
    private final ObjectEntries entries;
    private final Map<ObjectUid, Drawn> drawn = new ConcurrentHashMap<>();

    private record Drawn(SecretBytes share, Instant expires) {}

    public PartnerService(Vault vault, Storage storage, Clock clock) {
        this.vault = vault;
        this.storage = storage;
        this.clock = clock;
        this.entries = new ObjectEntries(vault);
    }

    public NodeHello hello() {
        NodeSettings node = vault.node();
        return new NodeHello(
                node.role().label(), node.pairId(), node.nodeId(), node.selfHostname(), node.currentEpoch());
    }

    public void ensurePartition(String name) {
        Partition.requireValidName(name);
        if (storage.findPartition(name).isEmpty()) {
            try {
                storage.createPartition(new Partition(name, clock.instant()));
                LOG.info("partition created on request of EP partition={}", name);
            } catch (SymbolonException e) {
                if (e.errorCode() != ErrorCode.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
    }

    public byte[] drawShare(ObjectUid uid, ObjectType type) {
        if (!(ShareScheme.of(type) instanceof ScalarScheme scalars)) {
            throw new SymbolonException(
                    ErrorCode.USAGE, type.label() + " shares are drawn when the object is prepared, not before");
        }
        forgetExpired();
        if (drawn.size() >= MAX_DRAWS) {
            throw new SymbolonException(ErrorCode.THROTTLED, "too many joint generations in flight; retry shortly");
        }
        SecretBytes share = vault.drawShare(type, 32);
        Drawn previous = drawn.put(uid, new Drawn(share, clock.instant().plus(DRAW_LIFETIME)));
        if (previous != null) {
            previous.share().close();
        }
        return scalars.publicShare(share);
    }

    public void prepareCreate(VaultObject object, PartnerShare source) {
        ensurePartition(object.partition());
        long epoch = vault.creationEpoch();
        if (object.epoch() != epoch) {
            throw new SymbolonException(
                    ErrorCode.EPOCH_MISMATCH,
                    "object " + object.uid() + " is at epoch " + object.epoch() + " but the Partner creates at epoch "
                            + epoch + "; retry once the pair's refresh has finished");
        }
        switch (source.source()) {
            case GIVEN -> vault.prepareCreate(object, source.share());
            case GENERATE -> {
                try (SecretBytes share = vault.drawShare(object.type(), source.length())) {
                    vault.prepareCreate(object, share);
                }
            }
            case DRAWN -> {
                Drawn held = drawn.remove(object.uid());
                if (held == null || held.expires().isBefore(clock.instant())) {
                    if (held != null) {
                        held.share().close();
                    }
                    throw new SymbolonException(
                            ErrorCode.CONFLICT,
                            "the Partner holds no drawn share for " + object.uid() + " (it restarted, or the draw"
                                    + " expired); create the key again");
                }
                try (SecretBytes share = held.share()) {
                    ScalarScheme scheme = (ScalarScheme) ShareScheme.of(object.type());
                    if (!scheme.isValidPublicKey(object.publicData().bytes())) {
                        throw new SymbolonException(
                                ErrorCode.USAGE, "the public key of " + object.uid() + " is not valid");
                    }
                    vault.prepareCreate(object, share);
                }
            }
        }
    }

    public void commitCreate(ObjectUid uid) {
        vault.commitCreate(uid);
    }

    public void abortCreate(ObjectUid uid) {
        vault.abortCreate(uid);
        Drawn held = drawn.remove(uid);
        if (held != null) {
            held.share().close();
        }
    }

    public void prepareDelete(ObjectUid uid) {
        vault.prepareDelete(uid);
    }

    public void commitDelete(ObjectUid uid) {
        vault.commitDelete(uid);
    }

    public void abortDelete(ObjectUid uid) {
        vault.abortDelete(uid);
    }

    public boolean forceDelete(ObjectUid uid) {
        return vault.forceDelete(uid);
    }

    public Optional<RowState> state(ObjectUid uid) {
        return storage.find(uid).map(PartnerService::rowState);
    }

    /** This node's share of an extractable object, checked against its own row; the caller closes it. */
    public SecretBytes share(ObjectUid uid, long version, long epoch) {
        VaultObject object = vault.find(uid)
                .orElseThrow(() -> new SymbolonException(ErrorCode.NOT_FOUND, "the Partner has no object " + uid));
        if (!object.attributes().extractable()) {
            LOG.warn("share refused: object not extractable uid={}", uid);
            throw new SymbolonException(ErrorCode.FORBIDDEN, "object " + uid + " is not extractable");
        }
        if (object.version() != version) {
            throw new SymbolonException(
                    ErrorCode.EPOCH_MISMATCH,
                    "object " + uid + " is at version " + object.version() + " on the Partner, not version " + version);
        }
        // At EP's epoch: a refresh under way bridges a row not yet (or already) moved.
        SecretBytes share = vault.shareAt(uid, epoch);
        LOG.info("share handed to EP for export uid={}", uid);
        return share;
    }

    public Partner.EntryPage entries(Optional<ObjectUid> after, int limit) {
        return entries.page(after, limit);
    }

    public List<RowState> unsettled(Duration age, int limit) {
        return storage.unsettled(clock.instant().minus(age), limit).stream()
                .map(PartnerService::rowState)
                .toList();
    }

    static RowState rowState(StoredObject row) {
        return new RowState(row.object(), row.state(), row.stateChanged());
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        drawn.entrySet().removeIf(entry -> {
            if (entry.getValue().expires().isBefore(now)) {
                entry.getValue().share().close();
                return true;
            }
            return false;
        });
    }
}
