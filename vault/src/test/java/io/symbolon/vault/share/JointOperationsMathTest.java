package io.symbolon.vault.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The joint Ed25519 signature and the joint P-256 ECDH against the JDK's one-party results. */
class JointOperationsMathTest {
    private final SecureRandom random = new SecureRandom();

    @RepeatedTest(5)
    void jointEd25519SignatureOfSharedScalarVerifiesWithTheJdk() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] message = ("joint signature " + random.nextInt()).getBytes(StandardCharsets.UTF_8);
        byte[] session = new byte[16];
        random.nextBytes(session);
        try (SecretBytes seed = SecretBytes.adopt(
                        ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow());
                SecretBytes scalar = ScalarScheme.ed25519ScalarFromSeed(seed);
                SharePair shares = ScalarScheme.ED25519.split(scalar, random);
                NonceShare epNonce = NonceShare.draw(random);
                NonceShare partnerNonce = NonceShare.draw(random)) {
            byte[] publicKey = ScalarScheme.ED25519.publicKey(scalar);
            byte[] epCommit = JointEd25519.commitment(session, Role.EP, epNonce.publicNonce());
            byte[] partnerCommit = JointEd25519.commitment(session, Role.PARTNER, partnerNonce.publicNonce());
            assertThat(JointEd25519.opens(epCommit, session, Role.EP, epNonce.publicNonce()))
                    .isTrue();
            assertThat(JointEd25519.opens(partnerCommit, session, Role.EP, partnerNonce.publicNonce()))
                    .isFalse();

            byte[] r = JointEd25519.combineNonces(epNonce.publicNonce(), partnerNonce.publicNonce());
            byte[] k = JointEd25519.challenge(r, publicKey, message);
            byte[] signature =
                    JointEd25519.signature(r, epNonce.sign(shares.ep(), k), partnerNonce.sign(shares.partner(), k));

            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
        }
    }

    @Test
    void aNonceShareSignsOnlyOnce() {
        try (SecretBytes share = ScalarScheme.ED25519.randomShare(32, random);
                NonceShare nonce = NonceShare.draw(random)) {
            byte[] k = JointEd25519.challenge(nonce.publicNonce(), nonce.publicNonce(), new byte[1]);
            nonce.sign(share, k);
            assertThat(nonce.isUsed()).isTrue();
            assertThatThrownBy(() -> nonce.sign(share, k)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void twoDrawsNeverGiveTheSameNonce() {
        try (NonceShare first = NonceShare.draw(random);
                NonceShare second = NonceShare.draw(random)) {
            assertThat(first.publicNonce()).isNotEqualTo(second.publicNonce());
        }
    }

    @RepeatedTest(5)
    void jointEcdhOfSharedP256ScalarEqualsTheJdksEcdhWithTheWholeKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ours = generator.generateKeyPair();
        KeyPair peer = generator.generateKeyPair();
        byte[] peerPoint = sec1((ECPublicKey) peer.getPublic());
        try (SecretBytes scalar = SecretBytes.adopt(
                        fixed(((ECPrivateKey) ours.getPrivate()).getS().toByteArray()));
                SharePair shares = ScalarScheme.P256.split(scalar, random);
                SecretBytes joint = JointEcdh.sharedSecret(
                        JointEcdh.multiply(peerPoint, shares.ep()), JointEcdh.multiply(peerPoint, shares.partner()))) {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ours.getPrivate());
            agreement.doPhase(peer.getPublic(), true);
            assertThat(joint.reveal()).isEqualTo(agreement.generateSecret());
        }
    }

    @Test
    void refusesAPeerPointOffTheCurveOrTheIdentity() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] point = sec1((ECPublicKey) generator.generateKeyPair().getPublic());
        point[64] ^= 1;
        byte[] offCurve = point;
        try (SecretBytes share = ScalarScheme.P256.randomShare(32, random)) {
            assertThatThrownBy(() -> JointEcdh.multiply(offCurve, share))
                    .isInstanceOf(SymbolonException.class)
                    .hasMessageContaining("not a point of P-256");
            assertThatThrownBy(() -> JointEcdh.multiply(new byte[] {0}, share))
                    .isInstanceOf(SymbolonException.class)
                    .hasMessageContaining("SEC1");
        }
    }

    @Test
    void acceptsACompressedPeerPoint() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] point = sec1((ECPublicKey) generator.generateKeyPair().getPublic());
        byte[] compressed = new byte[33];
        compressed[0] = (byte) ((point[64] & 1) == 0 ? 0x02 : 0x03);
        System.arraycopy(point, 1, compressed, 1, 32);
        assertThat(JointEcdh.peerPoint(compressed)).isEqualTo(point);
    }

    static byte[] sec1(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(fixed(key.getW().getAffineX().toByteArray()), 0, out, 1, 32);
        System.arraycopy(fixed(key.getW().getAffineY().toByteArray()), 0, out, 33, 32);
        return out;
    }

    private static byte[] fixed(byte[] raw) {
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        Arrays.fill(raw, (byte) 0);
        return out;
    }
}
