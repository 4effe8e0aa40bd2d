package io.symbolon.server.objects;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.SharePair;
import io.symbolon.vault.share.ShareScheme;
import io.symbolon.vault.storage.ObjectPage;
import io.symbolon.vault.storage.ObjectQuery;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EP's object operations, each carried out with the Partner so that no secret is ever whole on one
 * node (except an extractable object's, transiently, on its way to the client that exports it).
 *
 * <p>The two-phase protocol, with EP's row as the decision:
 *
 * <pre>
 * create: prepare EP (PENDING) → prepare Partner (PENDING) → commit Partner → commit EP
 * delete: prepare EP (DELETING) → prepare Partner (DELETING) → commit EP (row gone) → commit Partner
 * </pre>
 *
 * An object exists exactly when EP's row is ACTIVE. A failure before EP's commit is rolled back on both
 * nodes at once; whatever a crash or an unreachable Partner leaves behind, the {@link Janitor} settles by
 * the same rule later.
 */
public final class ObjectService {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectService.class);

    private final Vault vault;
    private final Storage storage;
    private final Partner partner;
    private final Clock clock;
    private final SecureRandom random;

    public ObjectService(Vault vault, Storage storage, Partner partner, Clock clock, SecureRandom random) {
        this.vault = vault;
        this.storage = storage;
        this.partner = partner;
        this.clock = clock;
        this.random = random;
    }

    /** Generates an object jointly: each node draws its own share; the secret never exists whole. */
    public VaultObject generate(ObjectRequest request) {
        requirePartition(request.partition());
        ObjectUid uid = ObjectUid.random(random);
        long epoch = vault.creationEpoch();
        int length = request.secretLength();
        try (SecretBytes epShare = vault.drawShare(request.type(), length)) {
            if (ShareScheme.of(request.type()) instanceof ScalarScheme scalars) {
                byte[] partnerPublic = partner.drawShare(uid, request.type());
                byte[] publicKey = scalars.addPublicShares(scalars.publicShare(epShare), partnerPublic);
                VaultObject object = object(request, uid, epoch, new PublicData(publicKey));
                return create(object, epShare, PartnerShare.drawn(), "generated");
            }
            VaultObject object = object(request, uid, epoch, PublicData.NONE);
            return create(object, epShare, PartnerShare.generate(length), "generated");
        }
    }

    /**
     * Imports a client's key: split on EP, the Partner's share sent over the pair channel, nothing of the
     * whole kept. {@code material} is the raw secret (AES/HMAC/data bytes, a P-256 scalar big-endian, an
     * Ed25519 32-byte private key as RFC 8032 defines it) or a certificate's DER; the caller closes it.
     */
    public VaultObject importObject(ObjectRequest request, SecretBytes material) {
        requirePartition(request.partition());
        ObjectUid uid = ObjectUid.random(random);
        long epoch = vault.creationEpoch();
        ObjectType type = request.type();
        if (type == ObjectType.CERTIFICATE) {
            requireCertificate(material.reveal());
            VaultObject object = object(request, uid, epoch, new PublicData(material.reveal()));
            try (SecretBytes none = SecretBytes.adopt(new byte[0])) {
                return create(object, none, PartnerShare.generate(0), "imported");
            }
        }
        try (SecretBytes secret = secretOf(type, material)) {
            PublicData publicData = ShareScheme.of(type) instanceof ScalarScheme scalars
                    ? new PublicData(scalars.publicKey(secret))
                    : PublicData.NONE;
            VaultObject object = object(request, uid, epoch, publicData);
            try (SharePair shares = ShareScheme.of(type).split(secret, random)) {
                return create(object, shares.ep(), PartnerShare.given(shares.partner()), "imported");
            }
        }
    }

    private static SecretBytes secretOf(ObjectType type, SecretBytes material) {
        type.requireSecretLength(material.length());
        return switch (type) {
            case ED25519 -> ScalarScheme.ed25519ScalarFromSeed(material);
            case EC_P256 -> {
                SecretBytes scalar = SecretBytes.copyOf(material.reveal());
                try {
                    ScalarScheme.P256.requireValidShare(type, scalar);
                    ScalarScheme.P256.requireValidPrivateScalar(scalar);
                } catch (SymbolonException e) {
                    scalar.close();
                    throw new SymbolonException(
                            ErrorCode.USAGE,
                            "an EC-P256 key is imported as its private scalar: 32 bytes big-endian,"
                                    + " from 1 to the group order");
                }
                yield scalar;
            }
            default -> SecretBytes.copyOf(material.reveal());
        };
    }

    private static void requireCertificate(byte[] der) {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new SymbolonException(ErrorCode.USAGE, "the material is not a DER X.509 certificate");
        }
    }

    private VaultObject object(ObjectRequest request, ObjectUid uid, long epoch, PublicData publicData) {
        return new VaultObject(
                uid,
                request.partition(),
                request.name(),
                request.type(),
                1,
                epoch,
                request.attributes(clock.instant()),
                publicData);
    }

    private VaultObject create(VaultObject object, SecretBytes epShare, PartnerShare partnerShare, String how) {
        ObjectUid uid = object.uid();
        vault.prepareCreate(object, epShare);
        try {
            partner.prepareCreate(object, partnerShare);
            partner.commitCreate(uid);
        } catch (RuntimeException e) {
            rollBackCreate(uid, e);
            throw e;
        }
        try {
            vault.commitCreate(uid);
        } catch (RuntimeException e) {
            rollBackCreate(uid, e);
            throw e;
        }
        LOG.info(
                "object {} uid={} partition={} name=\"{}\" type={}",
                how,
                uid,
                object.partition(),
                object.name(),
                object.type().label());
        return object;
    }

    private void rollBackCreate(ObjectUid uid, RuntimeException reason) {
        try {
            partner.forceDelete(uid);
        } catch (RuntimeException e) {
            // the Partner is unreachable: the janitor removes its row once it is back
            reason.addSuppressed(e);
        }
        try {
            vault.abortCreate(uid);
        } catch (RuntimeException e) {
            reason.addSuppressed(e);
        }
        LOG.info("object creation rolled back uid={} reason=\"{}\"", uid, reason.getMessage());
    }

    /** The ACTIVE object {@code uid} of {@code partition}. */
    public VaultObject find(String partition, ObjectUid uid) {
        return vault.find(uid)
                .filter(object -> object.partition().equals(partition))
                .orElseThrow(() -> notFound(partition, uid.toString()));
    }

    /** The ACTIVE object named {@code name}, or with uid {@code name} if it is one, in {@code partition}. */
    public VaultObject find(String partition, String uidOrName) {
        if (uidOrName.startsWith("0x")) {
            return find(partition, ObjectUid.parse(uidOrName));
        }
        return vault.findByName(partition, uidOrName).orElseThrow(() -> notFound(partition, uidOrName));
    }

    /** One page of a partition's objects. */
    public ObjectPage list(String partition, Optional<ObjectUid> after, int limit) {
        requirePartition(partition);
        return vault.list(new ObjectQuery(Optional.of(partition), ObjectState.ACTIVE, after, limit));
    }

    /** What a deletion did: both nodes, or the one node that held a partial object. */
    public enum Deletion {
        BOTH,
        EP_ONLY,
        PARTNER_ONLY
    }

    /**
     * Deletes an object from both nodes (two-phase). An object that exists on one node only — a partial
     * key, as a backup's digest comparison reports — is removed from that node (seed 000's remedy).
     */
    public Deletion delete(String partition, ObjectUid uid) {
        Optional<StoredObject> local = storage.find(uid);
        Optional<RowState> remote = partner.state(uid);
        String owner = local.map(row -> row.object().partition())
                .or(() -> remote.map(row -> row.object().partition()))
                .orElseThrow(() -> notFound(partition, uid.toString()));
        if (!owner.equals(partition)) {
            throw notFound(partition, uid.toString());
        }
        boolean localActive =
                local.filter(row -> row.state() == ObjectState.ACTIVE).isPresent();
        boolean remoteActive =
                remote.filter(row -> row.state() == ObjectState.ACTIVE).isPresent();
        if (localActive && remoteActive) {
            deleteBoth(uid);
            return Deletion.BOTH;
        }
        if (local.isPresent() && remote.isPresent()) {
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "object " + uid + " is being created or deleted (EP: "
                            + local.get().state() + ", Partner: " + remote.get().state() + "); retry in a minute");
        }
        if (local.isPresent()) {
            vault.forceDelete(uid);
            LOG.info("partial object removed node=EP uid={}", uid);
            return Deletion.EP_ONLY;
        }
        partner.forceDelete(uid);
        LOG.info("partial object removed node=Partner uid={}", uid);
        return Deletion.PARTNER_ONLY;
    }

    private void deleteBoth(ObjectUid uid) {
        vault.prepareDelete(uid);
        try {
            partner.prepareDelete(uid);
        } catch (RuntimeException e) {
            try {
                partner.abortDelete(uid);
            } catch (RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            vault.abortDelete(uid);
            throw e;
        }
        vault.commitDelete(uid);
        try {
            partner.commitDelete(uid);
        } catch (RuntimeException e) {
            // EP's row is gone, so the object is deleted; the janitor finishes on the Partner.
            LOG.warn("object deleted on EP, Partner to follow uid={} reason=\"{}\"", uid, e.getMessage());
            return;
        }
        LOG.info("object deleted uid={}", uid);
    }

    /**
     * The whole secret of an extractable object, combined transiently from both shares for an
     * authenticated client; a certificate's DER. The caller writes it out and closes it at once.
     */
    public SecretBytes export(String partition, ObjectUid uid) {
        VaultObject object = find(partition, uid);
        if (object.type() == ObjectType.CERTIFICATE) {
            return SecretBytes.adopt(object.publicData().bytes());
        }
        if (!object.attributes().extractable()) {
            throw new SymbolonException(
                    ErrorCode.FORBIDDEN, "object " + uid + " ('" + object.name() + "') is not extractable");
        }
        // During a refresh the two rows may be at different epochs: both present their share at one.
        long epoch = vault.creationEpoch();
        try (SecretBytes mine = vault.shareAt(uid, epoch);
                SecretBytes theirs = partner.share(uid, object.version(), epoch)) {
            SecretBytes whole = ShareScheme.of(object.type()).combine(mine, theirs);
            if (object.type().hasPublicKey()) {
                ScalarScheme scalars = (ScalarScheme) ShareScheme.of(object.type());
                if (!java.util.Arrays.equals(
                        scalars.publicKey(whole), object.publicData().bytes())) {
                    whole.close();
                    throw new SymbolonException(
                            ErrorCode.SHARE_TAMPERED,
                            "the two shares of " + uid
                                    + " do not combine to its public key; run 'symbolon server test'");
                }
            }
            LOG.info("object exported uid={} partition={}", uid, partition);
            return whole;
        }
    }

    private void requirePartition(String partition) {
        if (storage.findPartition(partition).isEmpty()) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "no partition '" + partition + "'");
        }
    }

    private static SymbolonException notFound(String partition, String what) {
        return new SymbolonException(ErrorCode.NOT_FOUND, "no object " + what + " in partition " + partition);
    }
}
