package io.symbolon.server.joint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.objects.ObjectService;
import io.symbolon.server.replay.MessageStamp;
import io.symbolon.server.replay.ReplayGuard;
import io.symbolon.server.testing.VaultPair;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.share.JointEd25519;
import io.symbolon.vault.share.NonceShare;
import io.symbolon.vault.share.RefreshMasks;
import io.symbolon.vault.share.ScalarScheme;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joint signing and ECDH between two vaults in one process, the Partner reached directly. */
class JointServiceTest {
    private static final byte[] MESSAGE = "pay 10 to bob".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private VaultPair pair;
    private PartnerJoint partnerJoint;
    private RecordingPeer peer;
    private JointService joint;

    @BeforeEach
    void open() {
        pair = new VaultPair(directory);
        partnerJoint = new PartnerJoint(pair.partner, new ReplayGuard(pair.clock), pair.clock, pair.random);
        peer = new RecordingPeer(partnerJoint);
        joint = new JointService(
                pair.ep,
                new ObjectService(pair.ep, pair.epStorage, null, pair.clock, pair.random),
                peer,
                pair.clock,
                pair.random);
    }

    @AfterEach
    void close() {
        pair.close();
    }

    /** The Partner, reached directly, recording what passes and able to fail like a dead process. */
    static final class RecordingPeer implements JointPeer {
        final PartnerJoint partner;
        final List<JointMessages.SignCommit> commits = new ArrayList<>();
        final List<JointMessages.SignReveal> reveals = new ArrayList<>();
        final List<String> partnerNonces = new ArrayList<>();
        volatile String failing = "";

        RecordingPeer(PartnerJoint partner) {
            this.partner = partner;
        }

        private static SymbolonException dead() {
            return new SymbolonException(ErrorCode.PEER_UNAVAILABLE, "the Partner is unavailable (test)");
        }

        @Override
        public JointMessages.SignCommitted commit(JointMessages.SignCommit commit) {
            commits.add(commit);
            if (failing.equals("commit")) {
                throw dead();
            }
            return partner.commit(commit);
        }

        @Override
        public JointMessages.SignRevealed reveal(JointMessages.SignReveal reveal) {
            reveals.add(reveal);
            if (failing.equals("reveal")) {
                throw dead();
            }
            JointMessages.SignRevealed revealed = partner.reveal(reveal);
            partnerNonces.add(revealed.nonce());
            if (failing.equals("reveal-answer")) {
                throw dead(); // the Partner acted, and died before EP heard its answer
            }
            return revealed;
        }

        @Override
        public JointMessages.Derived derive(JointMessages.Derive derive) {
            if (failing.equals("derive")) {
                throw dead();
            }
            return partner.derive(derive);
        }
    }

    private record Ed25519Key(VaultObject object, KeyPair jdk) {}

    private Ed25519Key ed25519(String name, Set<Usage> usages) throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (SecretBytes seed = SecretBytes.adopt(
                        ((EdECPrivateKey) jdk.getPrivate()).getBytes().orElseThrow());
                SecretBytes scalar = ScalarScheme.ed25519ScalarFromSeed(seed)) {
            return new Ed25519Key(pair.put(name, ObjectType.ED25519, scalar, usages), jdk);
        }
    }

    private static boolean verifies(KeyPair jdk, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdk.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static ErrorCode code(Throwable e) {
        return ((SymbolonException) e).errorCode();
    }

    @Test
    void signsJointlyWithASignatureTheJdkVerifiesAgainstTheKeysPublicKey() throws Exception {
        Ed25519Key key = ed25519("signer", Set.of(Usage.SIGN));
        for (byte[] message : List.of(MESSAGE, new byte[0], new byte[100_000])) {
            JointService.Signed signed = joint.sign(VaultPair.PARTITION, "signer", message);
            assertThat(signed.signature()).hasSize(64);
            assertThat(verifies(key.jdk(), message, signed.signature())).isTrue();
        }
        assertThat(partnerJoint.openSessions()).isZero();
    }

    @Test
    void derivesTheSameSecretAsAnEcdhWithTheWholeKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ours = generator.generateKeyPair();
        KeyPair peerKey = generator.generateKeyPair();
        VaultObject object;
        try (SecretBytes scalar = SecretBytes.adopt(fixed(((ECPrivateKey) ours.getPrivate()).getS()))) {
            object = pair.put("agreer", ObjectType.EC_P256, scalar, Set.of(Usage.DERIVE));
        }
        KeyAgreement local = KeyAgreement.getInstance("ECDH");
        local.init(ours.getPrivate());
        local.doPhase(peerKey.getPublic(), true);
        byte[] expected = local.generateSecret();

        byte[] spki = peerKey.getPublic().getEncoded();
        byte[] sec1 = sec1((ECPublicKey) peerKey.getPublic());
        for (byte[] encoded : List.of(spki, sec1)) {
            try (JointService.Agreement agreement =
                    joint.derive(VaultPair.PARTITION, object.uid().toString(), encoded)) {
                assertThat(agreement.secret().reveal()).isEqualTo(expected);
            }
        }
    }

    @Test
    void refusesAKeyWithoutTheUsageOrOfAnotherTypeOrDeletedWithAClearError() throws Exception {
        ed25519("no-sign", Set.of(Usage.VERIFY));
        assertThatThrownBy(() -> joint.sign(VaultPair.PARTITION, "no-sign", MESSAGE))
                .hasMessageContaining("may not sign")
                .hasMessageContaining("--usage SIGN")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN));
        try (SecretBytes aes = SecretBytes.adopt(new byte[32])) {
            pair.put("aes", ObjectType.AES_256, aes, Set.of(Usage.SIGN, Usage.DERIVE));
        }
        assertThatThrownBy(() -> joint.sign(VaultPair.PARTITION, "aes", MESSAGE))
                .hasMessageContaining("is AES-256: only Ed25519 keys sign")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.USAGE));
        assertThatThrownBy(() -> joint.derive(VaultPair.PARTITION, "aes", new byte[65]))
                .hasMessageContaining("only EC-P256 keys derive")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.USAGE));
        Ed25519Key gone = ed25519("gone", Set.of(Usage.SIGN));
        pair.ep.prepareDelete(gone.object().uid());
        pair.ep.commitDelete(gone.object().uid());
        assertThatThrownBy(() -> joint.sign(VaultPair.PARTITION, "gone", MESSAGE))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() ->
                        joint.sign(VaultPair.PARTITION, gone.object().uid().toString(), MESSAGE))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void thePartnerChecksTheUsageAgainstItsOwnRowWhatEverEpSays() throws Exception {
        Ed25519Key key = ed25519("verify-only", Set.of(Usage.VERIFY));
        JointMessages.SignCommit forged = commit(key.object(), session(), MESSAGE, new byte[32]);
        assertThatThrownBy(() -> partnerJoint.commit(forged))
                .hasMessageContaining("may not sign")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void aPartnerLostMidSignatureIsUnavailableAndTheRetryUsesFreshNoncesOnBothNodes() throws Exception {
        Ed25519Key key = ed25519("signer", Set.of(Usage.SIGN));
        for (String failure : List.of("commit", "reveal", "reveal-answer")) {
            peer.failing = failure;
            assertThatThrownBy(() -> joint.sign(VaultPair.PARTITION, "signer", MESSAGE))
                    .as(failure)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.PEER_UNAVAILABLE));
        }
        peer.failing = "";
        JointService.Signed signed = joint.sign(VaultPair.PARTITION, "signer", MESSAGE);
        assertThat(verifies(key.jdk(), MESSAGE, signed.signature())).isTrue();

        // Every attempt drew its own nonces: no EP nonce, no Partner nonce and no session twice.
        List<String> epNonces =
                peer.reveals.stream().map(JointMessages.SignReveal::nonce).toList();
        assertThat(epNonces).doesNotHaveDuplicates().hasSize(3);
        assertThat(peer.partnerNonces).doesNotHaveDuplicates().hasSize(2);
        assertThat(peer.commits.stream().map(JointMessages.SignCommit::session)).doesNotHaveDuplicates();
        // The session the unanswered reveal left: gone with its nonce (one left open by the failed reveal
        // that never reached the Partner expires on its own).
        assertThat(partnerJoint.openSessions()).isEqualTo(1);
    }

    @Test
    void refusesAReplayedCommitOrRevealAndARevealThatDoesNotOpenItsCommitment() throws Exception {
        Ed25519Key key = ed25519("signer", Set.of(Usage.SIGN));
        joint.sign(VaultPair.PARTITION, "signer", MESSAGE);
        JointMessages.SignCommit capturedCommit = peer.commits.getLast();
        JointMessages.SignReveal capturedReveal = peer.reveals.getLast();
        assertThatThrownBy(() -> partnerJoint.commit(capturedCommit))
                .hasMessageContaining("already received: a replay")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> partnerJoint.reveal(capturedReveal))
                .hasMessageContaining("already received: a replay")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN));
        // Restamped, the reveal reaches a session that no longer exists: its nonce was used once.
        assertThatThrownBy(() -> partnerJoint.reveal(new JointMessages.SignReveal(
                        stamp(), capturedReveal.session(), capturedReveal.nonce(), capturedReveal.message())))
                .hasMessageContaining("is not open")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CONFLICT));

        // An altered reveal: another nonce than the one committed to, or another message.
        byte[] session = session();
        try (NonceShare nonce = NonceShare.draw(pair.random);
                NonceShare other = NonceShare.draw(pair.random)) {
            byte[] commitment = JointEd25519.commitment(session, Role.EP, nonce.publicNonce());
            partnerJoint.commit(commit(key.object(), session, MESSAGE, commitment));
            assertThatThrownBy(() -> partnerJoint.reveal(reveal(session, other.publicNonce(), MESSAGE)))
                    .hasMessageContaining("does not match its commitment")
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN));
            // The refused reveal consumed the session: the genuine one cannot follow with that nonce.
            assertThatThrownBy(() -> partnerJoint.reveal(reveal(session, nonce.publicNonce(), MESSAGE)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CONFLICT));

            byte[] second = session();
            partnerJoint.commit(commit(
                    key.object(), second, MESSAGE, JointEd25519.commitment(second, Role.EP, nonce.publicNonce())));
            assertThatThrownBy(() -> partnerJoint.reveal(reveal(second, nonce.publicNonce(), "pay 99".getBytes())))
                    .hasMessageContaining("message revealed differs")
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN));
        }
    }

    @Test
    void refusesAStaleMessage() throws Exception {
        Ed25519Key key = ed25519("signer", Set.of(Usage.SIGN));
        MessageStamp old = new MessageStamp(
                HexFormat.of().formatHex(session()),
                Clock.systemUTC().millis()
                        - ReplayGuard.FRESHNESS.plus(Duration.ofSeconds(1)).toMillis());
        JointMessages.SignCommit commit = new JointMessages.SignCommit(
                old,
                HexFormat.of().formatHex(session()),
                key.object().uid().toString(),
                0,
                Base64.getEncoder().encodeToString(MESSAGE),
                Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> partnerJoint.commit(commit))
                .hasMessageContaining("refused as stale")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void signsAndDerivesHalfWayThroughARefresh() throws Exception {
        Ed25519Key key = ed25519("signer", Set.of(Usage.SIGN));
        try (SecretBytes seed = RefreshMasks.newSeed(pair.random)) {
            pair.ep.beginRefresh(seed);
            pair.partner.beginRefresh(seed);
        }
        // EP has moved every row to epoch 1; the Partner has not started.
        pair.ep.rewriteShares();
        JointService.Signed during = joint.sign(VaultPair.PARTITION, "signer", MESSAGE);
        assertThat(verifies(key.jdk(), MESSAGE, during.signature())).isTrue();
        pair.partner.rewriteShares();
        JointService.Signed after = joint.sign(VaultPair.PARTITION, "signer", MESSAGE);
        assertThat(verifies(key.jdk(), MESSAGE, after.signature())).isTrue();
    }

    private JointMessages.SignCommit commit(VaultObject key, byte[] session, byte[] message, byte[] commitment) {
        return new JointMessages.SignCommit(
                stamp(),
                HexFormat.of().formatHex(session),
                key.uid().toString(),
                pair.ep.creationEpoch(),
                Base64.getEncoder().encodeToString(message),
                Base64.getEncoder().encodeToString(commitment));
    }

    private JointMessages.SignReveal reveal(byte[] session, byte[] nonce, byte[] message) {
        return new JointMessages.SignReveal(
                stamp(),
                HexFormat.of().formatHex(session),
                Base64.getEncoder().encodeToString(nonce),
                Base64.getEncoder().encodeToString(message));
    }

    private MessageStamp stamp() {
        return MessageStamp.fresh(pair.random, pair.clock);
    }

    private byte[] session() {
        byte[] session = new byte[16];
        pair.random.nextBytes(session);
        return session;
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] sec1(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(fixed(key.getW().getAffineX()), 0, out, 1, 32);
        System.arraycopy(fixed(key.getW().getAffineY()), 0, out, 33, 32);
        return out;
    }
}
