package io.symbolon.server.joint;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.refresh.KillPoint;
import io.symbolon.server.replay.ReplayGuard;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.share.JointEcdh;
import io.symbolon.vault.share.JointEd25519;
import io.symbolon.vault.share.NonceShare;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Partner's half of joint operations. For a signature it holds one open session per signature in
 * flight, in memory only: its nonce share, the key, epoch and message EP committed to, and EP's
 * commitment. A session is removed <em>before</em> its nonce is used, so a reveal acts once; a restart
 * forgets every session (and its nonces), and EP starts again with fresh ones. The Partner checks each
 * key's type and usage against its own row and signs with its own stored public key.
 */
public final class PartnerJoint {
    /** How long a signing session waits for EP's reveal. */
    public static final Duration SESSION_LIFETIME = Duration.ofSeconds(30);
    /** The largest message signed, in bytes. */
    public static final int MAX_MESSAGE = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(PartnerJoint.class);
    private static final Pattern SESSION = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_SESSIONS = 10_000;

    private final Vault vault;
    private final ReplayGuard replays;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private record Session(
            NonceShare nonce, ObjectUid uid, long epoch, byte[] messageHash, byte[] epCommitment, Instant expires) {}

    public PartnerJoint(Vault vault, ReplayGuard replays, Clock clock, SecureRandom random) {
        this.vault = vault;
        this.replays = replays;
        this.clock = clock;
        this.random = random;
    }

    /** Opens a session: draws the Partner's nonce share and answers its commitment. */
    public JointMessages.SignCommitted commit(JointMessages.SignCommit commit) {
        replays.accept(commit.stamp(), "sign commit");
        String session = requireSession(commit.session());
        byte[] message = decode(commit.message(), "message");
        if (message.length > MAX_MESSAGE) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "a message to sign is at most " + MAX_MESSAGE + " bytes, not " + message.length);
        }
        byte[] epCommitment = decode(commit.commitment(), "commitment");
        if (epCommitment.length != 32) {
            throw new SymbolonException(ErrorCode.USAGE, "field 'commitment' is a 32-byte hash");
        }
        ObjectUid uid = ObjectUid.parse(commit.uid());
        usable(uid, JointOperation.SIGN);
        // Fail now, before a nonce exists, if this node cannot present its share at that epoch.
        vault.shareAt(uid, commit.epoch()).close();
        forgetExpired();
        if (sessions.size() >= MAX_SESSIONS) {
            throw new SymbolonException(ErrorCode.THROTTLED, "too many joint signatures in flight; retry shortly");
        }
        NonceShare nonce = NonceShare.draw(random);
        Session opened = new Session(
                nonce,
                uid,
                commit.epoch(),
                sha256(message),
                epCommitment,
                clock.instant().plus(SESSION_LIFETIME));
        if (sessions.putIfAbsent(session, opened) != null) {
            nonce.close();
            throw new SymbolonException(ErrorCode.CONFLICT, "signing session " + session + " is already open");
        }
        byte[] commitment =
                JointEd25519.commitment(HexFormat.of().parseHex(session), Role.PARTNER, nonce.publicNonce());
        return new JointMessages.SignCommitted(Base64.getEncoder().encodeToString(commitment));
    }

    /**
     * Closes a session: checks EP's nonce against its commitment, and answers the Partner's nonce and
     * signature share. The session, and with it the nonce, is gone whatever the outcome.
     */
    public JointMessages.SignRevealed reveal(JointMessages.SignReveal reveal) {
        replays.accept(reveal.stamp(), "sign reveal");
        KillPoint.reach("partner.sign-reveal");
        String id = requireSession(reveal.session());
        byte[] message = decode(reveal.message(), "message");
        Session session = sessions.remove(id);
        if (session == null) {
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "signing session " + id + " is not open on the Partner (finished, expired, or the Partner"
                            + " restarted); sign again");
        }
        try (NonceShare nonce = session.nonce()) {
            if (session.expires().isBefore(clock.instant())) {
                throw new SymbolonException(ErrorCode.CONFLICT, "signing session " + id + " expired; sign again");
            }
            if (!MessageDigest.isEqual(session.messageHash(), sha256(message))) {
                throw new SymbolonException(
                        ErrorCode.FORBIDDEN, "the message revealed differs from the one committed to in session " + id);
            }
            byte[] epNonce = decode(reveal.nonce(), "nonce");
            if (!JointEd25519.opens(session.epCommitment(), HexFormat.of().parseHex(id), Role.EP, epNonce)
                    || !JointEd25519.isValidPoint(epNonce)) {
                LOG.warn("joint signature refused: EP's nonce does not open its commitment session={}", id);
                throw new SymbolonException(
                        ErrorCode.FORBIDDEN, "EP's nonce does not match its commitment in session " + id + "; refused");
            }
            VaultObject object = usable(session.uid(), JointOperation.SIGN);
            byte[] publicKey = object.publicData().bytes();
            byte[] partnerNonce = nonce.publicNonce();
            byte[] r = JointEd25519.combineNonces(epNonce, partnerNonce);
            byte[] challenge = JointEd25519.challenge(r, publicKey, message);
            byte[] share;
            try (SecretBytes keyShare = vault.shareAt(session.uid(), session.epoch())) {
                share = nonce.sign(keyShare, challenge);
            }
            LOG.debug("joint signature share given uid={} session={}", session.uid(), id);
            return new JointMessages.SignRevealed(
                    Base64.getEncoder().encodeToString(partnerNonce),
                    Base64.getEncoder().encodeToString(share));
        }
    }

    /** The Partner's part a₂·P of an ECDH with the key {@code uid}. */
    public JointMessages.Derived derive(JointMessages.Derive derive) {
        replays.accept(derive.stamp(), "derive");
        ObjectUid uid = ObjectUid.parse(derive.uid());
        usable(uid, JointOperation.DERIVE);
        byte[] point = JointEcdh.peerPoint(decode(derive.peerPoint(), "peerPoint"));
        try (SecretBytes share = vault.shareAt(uid, derive.epoch())) {
            byte[] part = JointEcdh.multiply(point, share);
            LOG.debug("joint derivation part given uid={}", uid);
            return new JointMessages.Derived(Base64.getEncoder().encodeToString(part));
        }
    }

    /** How many signing sessions are open (for tests and status). */
    public int openSessions() {
        return sessions.size();
    }

    private VaultObject usable(ObjectUid uid, JointOperation operation) {
        VaultObject object = vault.find(uid)
                .orElseThrow(() -> new SymbolonException(ErrorCode.NOT_FOUND, "the Partner has no object " + uid));
        operation.requireUsable(object, clock.instant());
        return object;
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        sessions.entrySet().removeIf(entry -> {
            if (entry.getValue().expires().isBefore(now)) {
                entry.getValue().nonce().close();
                return true;
            }
            return false;
        });
    }

    private static String requireSession(String session) {
        if (session == null || !SESSION.matcher(session).matches()) {
            throw new SymbolonException(ErrorCode.USAGE, "a signing session id is 32 lowercase hex digits");
        }
        return session;
    }

    static byte[] decode(String base64, String field) {
        if (base64 == null) {
            throw new SymbolonException(ErrorCode.USAGE, "field '" + field + "' is required");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "field '" + field + "' is not base64");
        }
    }

    static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
