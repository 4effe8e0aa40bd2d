package io.symbolon.server.joint;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.objects.ObjectService;
import io.symbolon.server.replay.MessageStamp;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.share.JointEcdh;
import io.symbolon.vault.share.JointEd25519;
import io.symbolon.vault.share.NonceShare;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EP's side of the joint operations: an Ed25519 signature and a P-256 ECDH computed with the Partner,
 * neither node holding the key. Both nodes check the key's type and usage against their own rows.
 *
 * <pre>
 * sign:   EP draws r₁, commits C₁ ──commit(key, epoch, M, C₁)──▶ Partner draws r₂, answers C₂
 *         EP reveals R₁ ──reveal(R₁, M)──▶ Partner checks C₁, removes its session, answers R₂, s₂
 *         EP checks C₂, computes s₁, s = s₁ + s₂; the signature R ‖ s is verified before it is returned
 * derive: EP ──derive(key, epoch, P)──▶ Partner answers a₂·P; EP adds a₁·P; the secret is x(a·P)
 * </pre>
 *
 * A Partner that fails mid-way is {@code PEER_UNAVAILABLE} (503): EP's nonce is wiped unused, the
 * Partner's is gone with its session or its process, and a retry draws fresh nonces on both sides.
 */
public final class JointService {
    private static final Logger LOG = LoggerFactory.getLogger(JointService.class);
    /** X.509 SubjectPublicKeyInfo of an Ed25519 key, up to the 32 key bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private final Vault vault;
    private final ObjectService objects;
    private final JointPeer partner;
    private final Clock clock;
    private final SecureRandom random;

    public JointService(Vault vault, ObjectService objects, JointPeer partner, Clock clock, SecureRandom random) {
        this.vault = vault;
        this.objects = objects;
        this.partner = partner;
        this.clock = clock;
        this.random = random;
    }

    /**
     * A signature made with both nodes.
     *
     * @param object the key that signed
     * @param signature the 64-byte Ed25519 signature (RFC 8032)
     */
    public record Signed(VaultObject object, byte[] signature) {}

    /** Signs {@code message} with the Ed25519 key {@code uidOrName} of {@code partition}, jointly. */
    public Signed sign(String partition, String uidOrName, byte[] message) {
        if (message.length > PartnerJoint.MAX_MESSAGE) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "a message to sign is at most " + PartnerJoint.MAX_MESSAGE + " bytes");
        }
        VaultObject object = objects.find(partition, uidOrName);
        JointOperation.SIGN.requireUsable(object, clock.instant());
        byte[] signature;
        try {
            signature = signOnce(object, message);
        } catch (SymbolonException e) {
            if (e.errorCode() != ErrorCode.EPOCH_MISMATCH) {
                throw e;
            }
            // A refresh finished between choosing the epoch and using it: once more, with fresh nonces.
            signature = signOnce(object, message);
        }
        LOG.info("joint signature made uid={} partition={} messageBytes={}", object.uid(), partition, message.length);
        return new Signed(object, signature);
    }

    private byte[] signOnce(VaultObject object, byte[] message) {
        long epoch = vault.creationEpoch();
        byte[] session = new byte[16];
        random.nextBytes(session);
        String sessionId = HexFormat.of().formatHex(session);
        Base64.Encoder base64 = Base64.getEncoder();
        String encodedMessage = base64.encodeToString(message);
        try (NonceShare nonce = NonceShare.draw(random)) {
            byte[] epNonce = nonce.publicNonce();
            JointMessages.SignCommitted committed = partner.commit(new JointMessages.SignCommit(
                    stamp(),
                    sessionId,
                    object.uid().toString(),
                    epoch,
                    encodedMessage,
                    base64.encodeToString(JointEd25519.commitment(session, Role.EP, epNonce))));
            byte[] partnerCommitment = PartnerJoint.decode(committed.commitment(), "commitment");
            JointMessages.SignRevealed revealed = partner.reveal(
                    new JointMessages.SignReveal(stamp(), sessionId, base64.encodeToString(epNonce), encodedMessage));
            byte[] partnerNonce = PartnerJoint.decode(revealed.nonce(), "nonce");
            if (!JointEd25519.opens(partnerCommitment, session, Role.PARTNER, partnerNonce)) {
                throw new SymbolonException(
                        ErrorCode.PEER_REJECTED,
                        "the Partner's nonce does not match its commitment; no signature was made");
            }
            byte[] publicKey = object.publicData().bytes();
            byte[] r = JointEd25519.combineNonces(epNonce, partnerNonce);
            byte[] challenge = JointEd25519.challenge(r, publicKey, message);
            byte[] epShare;
            try (SecretBytes keyShare = vault.shareAt(object.uid(), epoch)) {
                epShare = nonce.sign(keyShare, challenge);
            }
            byte[] signature = JointEd25519.signature(
                    r, epShare, PartnerJoint.decode(revealed.signatureShare(), "signatureShare"));
            if (!verifies(publicKey, message, signature)) {
                throw new SymbolonException(
                        ErrorCode.SHARE_TAMPERED,
                        "the joint signature of " + object.uid() + " does not verify against its public key: the two"
                                + " shares no longer combine; run 'symbolon server test'");
            }
            return signature;
        }
    }

    /**
     * A shared secret derived with both nodes; closing it wipes the secret.
     *
     * @param object the key that derived
     * @param secret the x-coordinate of key·peer, 32 bytes
     */
    public record Agreement(VaultObject object, SecretBytes secret) implements AutoCloseable {
        @Override
        public void close() {
            secret.close();
        }
    }

    /**
     * The ECDH secret of the EC-P256 key {@code uidOrName} of {@code partition} with the peer's public
     * key ({@code peerPublicKey}: SEC1, or X.509 SubjectPublicKeyInfo DER), computed jointly. The caller
     * closes it.
     */
    public Agreement derive(String partition, String uidOrName, byte[] peerPublicKey) {
        VaultObject object = objects.find(partition, uidOrName);
        JointOperation.DERIVE.requireUsable(object, clock.instant());
        byte[] point = JointEcdh.peerPoint(sec1(peerPublicKey));
        SecretBytes secret;
        try {
            secret = deriveOnce(object, point);
        } catch (SymbolonException e) {
            if (e.errorCode() != ErrorCode.EPOCH_MISMATCH) {
                throw e;
            }
            secret = deriveOnce(object, point);
        }
        LOG.info("joint derivation made uid={} partition={}", object.uid(), partition);
        return new Agreement(object, secret);
    }

    private SecretBytes deriveOnce(VaultObject object, byte[] point) {
        long epoch = vault.creationEpoch();
        JointMessages.Derived derived = partner.derive(new JointMessages.Derive(
                stamp(), object.uid().toString(), epoch, Base64.getEncoder().encodeToString(point)));
        byte[] partnerPart = PartnerJoint.decode(derived.part(), "part");
        byte[] epPart;
        try (SecretBytes share = vault.shareAt(object.uid(), epoch)) {
            epPart = JointEcdh.multiply(point, share);
        }
        try {
            return JointEcdh.sharedSecret(epPart, partnerPart);
        } catch (SymbolonException e) {
            throw new SymbolonException(ErrorCode.PEER_REJECTED, "the Partner's part of the ECDH is not a point");
        }
    }

    private MessageStamp stamp() {
        return MessageStamp.fresh(random, clock);
    }

    private static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(publicKey, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A P-256 public key as SEC1: given so, or taken out of an X.509 SubjectPublicKeyInfo. */
    private static byte[] sec1(byte[] encoded) {
        if (encoded.length == 0 || encoded[0] != 0x30) {
            return encoded;
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
            if (!(key instanceof ECPublicKey ec) || !ec.getParams().getOrder().equals(P256_ORDER)) {
                throw new SymbolonException(ErrorCode.USAGE, "the peer's public key is not a P-256 key");
            }
            byte[] out = new byte[65];
            out[0] = 4;
            fixed(ec.getW().getAffineX(), out, 1);
            fixed(ec.getW().getAffineY(), out, 33);
            return out;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "the peer's public key is neither SEC1 nor an X.509 P-256 public key");
        }
    }

    private static void fixed(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, offset + 32 - length, length);
    }
}
