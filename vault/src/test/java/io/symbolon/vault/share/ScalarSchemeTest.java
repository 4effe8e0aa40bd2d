package io.symbolon.vault.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScalarSchemeTest {
    private final SecureRandom random = new SecureRandom();

    static Stream<ScalarScheme> schemes() {
        return Stream.of(ScalarScheme.P256, ScalarScheme.ED25519);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void combinesWhatItSplitBackIntoTheScalar(ScalarScheme scheme) {
        try (SecretBytes secret = scheme.randomShare(32, random);
                SharePair pair = scheme.split(secret, random);
                SecretBytes combined = scheme.combine(pair.ep(), pair.partner())) {
            assertThat(combined.sameAs(secret)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void addsTwoPublicSharesIntoThePublicKeyOfTheCombinedScalar(ScalarScheme scheme) {
        try (SecretBytes ep = scheme.randomShare(32, random);
                SecretBytes partner = scheme.randomShare(32, random);
                SecretBytes whole = scheme.combine(ep, partner)) {
            byte[] epPublic = scheme.publicShare(ep);
            byte[] partnerPublic = scheme.publicShare(partner);
            byte[] publicKey = scheme.publicKey(whole);

            assertThat(scheme.addPublicShares(epPublic, partnerPublic)).isEqualTo(publicKey);
            assertThat(scheme.publicSharesMatch(epPublic, partnerPublic, publicKey))
                    .isTrue();
            assertThat(scheme.publicSharesMatch(epPublic, epPublic, publicKey)).isFalse();
            assertThat(scheme.isValidPublicKey(publicKey)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void keepsTheScalarAndItsPublicKeyThroughARefresh(ScalarScheme scheme) {
        try (SecretBytes secret = scheme.randomShare(32, random);
                SharePair pair = scheme.split(secret, random);
                SecretBytes mask = scheme.randomMask(32, random);
                SecretBytes ep = scheme.refresh(pair.ep(), mask, Role.EP);
                SecretBytes partner = scheme.refresh(pair.partner(), mask, Role.PARTNER);
                SecretBytes combined = scheme.combine(ep, partner);
                SecretBytes stale = scheme.combine(pair.ep(), partner)) {
            assertThat(combined.sameAs(secret)).isTrue();
            assertThat(stale.sameAs(secret)).isFalse();
            assertThat(scheme.publicSharesMatch(
                            scheme.publicShare(ep), scheme.publicShare(partner), scheme.publicKey(secret)))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void refusesAShareThatIsNotReducedModuloTheOrder(ScalarScheme scheme) {
        byte[] tooBig = new byte[32];
        Arrays.fill(tooBig, (byte) 0xff);
        try (SecretBytes share = SecretBytes.adopt(tooBig)) {
            assertThatThrownBy(() -> scheme.publicShare(share))
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED));
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void refusesPublicSharesThatAreNotPoints(ScalarScheme scheme) throws Exception {
        byte[] garbage = new byte[scheme == ScalarScheme.P256 ? 65 : 32];
        Arrays.fill(garbage, (byte) 0xff);
        garbage[0] = scheme == ScalarScheme.P256 ? 0x04 : garbage[0];
        garbage[31] = (byte) 0x7f; // Ed25519: y = 2^255 − 1, above p; P-256: not on the curve
        try (SecretBytes share = scheme.randomShare(32, random)) {
            byte[] valid = scheme.publicShare(share);
            assertThat(scheme.publicSharesMatch(valid, garbage, valid)).isFalse();
            assertThatThrownBy(() -> scheme.addPublicShares(valid, garbage)).isInstanceOf(SymbolonException.class);
        }
    }

    @Test
    void sharesAJdkP256KeySoThatThePublicSharesAddUpToTheJdkPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        byte[] expected = new byte[65];
        expected[0] = 0x04;
        System.arraycopy(fixed(publicKey.getW().getAffineX()), 0, expected, 1, 32);
        System.arraycopy(fixed(publicKey.getW().getAffineY()), 0, expected, 33, 32);

        try (SecretBytes scalar = SecretBytes.adopt(fixed(d));
                SharePair shares = ScalarScheme.P256.split(scalar, random)) {
            ScalarScheme.P256.requireValidPrivateScalar(scalar);
            assertThat(ScalarScheme.P256.publicKey(scalar)).isEqualTo(expected);
            assertThat(ScalarScheme.P256.publicSharesMatch(
                            ScalarScheme.P256.publicShare(shares.ep()),
                            ScalarScheme.P256.publicShare(shares.partner()),
                            expected))
                    .isTrue();
        }
    }

    @RepeatedTest(5)
    void derivesFromSharedEd25519ScalarsTheSamePublicKeyAsTheJdk() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] jdkPublic = rawEd25519(pair);
        try (SecretBytes seed = SecretBytes.adopt(
                        ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow());
                SecretBytes scalar = ScalarScheme.ed25519ScalarFromSeed(seed);
                SharePair shares = ScalarScheme.ED25519.split(scalar, random);
                SecretBytes combined = ScalarScheme.ED25519.combine(shares.ep(), shares.partner())) {
            assertThat(ScalarScheme.ED25519.publicKey(combined)).isEqualTo(jdkPublic);
            assertThat(ScalarScheme.ED25519.addPublicShares(
                            ScalarScheme.ED25519.publicShare(shares.ep()),
                            ScalarScheme.ED25519.publicShare(shares.partner())))
                    .isEqualTo(jdkPublic);
        }
    }

    /**
     * Issue "Living shares" signs jointly: each node adds its nonce share and k·(its scalar share); the
     * sum must be a signature the JDK's standard verifier accepts.
     */
    @RepeatedTest(3)
    void signatureSharesOfSharedEd25519ScalarsAddUpToASignatureTheJdkAccepts() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] message = "joint signature".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ScalarScheme ed = ScalarScheme.ED25519;
        try (SecretBytes seed = SecretBytes.adopt(
                        ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow());
                SecretBytes scalar = ScalarScheme.ed25519ScalarFromSeed(seed);
                SharePair shares = ed.split(scalar, random);
                SecretBytes epNonce = ed.randomShare(32, random);
                SecretBytes partnerNonce = ed.randomShare(32, random)) {
            byte[] publicKey = ed.addPublicShares(ed.publicShare(shares.ep()), ed.publicShare(shares.partner()));
            byte[] r = ed.addPublicShares(ed.publicShare(epNonce), ed.publicShare(partnerNonce));
            BigInteger order = Ed25519Group.INSTANCE.order();
            var sha512 = java.security.MessageDigest.getInstance("SHA-512");
            sha512.update(r);
            sha512.update(publicKey);
            BigInteger k = new BigInteger(1, Ed25519Point.reverse(sha512.digest(message))).mod(order);
            BigInteger epPart = le(epNonce).add(k.multiply(le(shares.ep()))).mod(order);
            BigInteger partnerPart =
                    le(partnerNonce).add(k.multiply(le(shares.partner()))).mod(order);
            byte[] signature = new byte[64];
            System.arraycopy(r, 0, signature, 0, 32);
            System.arraycopy(
                    Ed25519Group.INSTANCE.encodeScalar(epPart.add(partnerPart).mod(order)), 0, signature, 32, 32);

            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
        }
    }

    private static BigInteger le(SecretBytes scalar) {
        return new BigInteger(1, Ed25519Point.reverse(scalar.reveal()));
    }

    static byte[] rawEd25519(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static byte[] fixed(BigInteger value) {
        return Ed25519Point.toFixed(value);
    }
}
