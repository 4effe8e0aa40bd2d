package io.symbolon.vault.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** The point arithmetic, checked against Bouncy Castle's own Ed25519 and the group's laws. */
class Ed25519PointTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void agreesWithBouncyCastleOnThePublicKeyOfRandomSeeds() {
        for (int i = 0; i < 40; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] expected = new byte[32];
            Ed25519.generatePublicKey(seed, 0, expected, 0);
            try (var s = ScalarScheme.ed25519ScalarFromSeed(io.symbolon.secret.SecretBytes.copyOf(seed))) {
                assertThat(Ed25519Point.BASE.multiply(s.reveal()).encode()).isEqualTo(expected);
            }
        }
    }

    @Test
    void reEncodesTheBasePointItDecoded() {
        byte[] base = Ed25519Point.BASE.encode();
        assertThat(Ed25519Point.decode(base).encode()).isEqualTo(base);
    }

    @Test
    void multiplyingByTheGroupOrderGivesTheIdentity() {
        byte[] order = Ed25519Point.reverse(Ed25519Point.toFixed(Ed25519Group.INSTANCE.order()));
        assertThat(Ed25519Point.BASE.multiply(order).encode())
                .isEqualTo(Ed25519Point.identity().encode());
    }

    @Test
    void addsCommutativelyAndDoublesLikeMultiplyingByTwo() {
        Ed25519Point p = Ed25519Point.BASE.multiply(scalar(12345));
        Ed25519Point q = Ed25519Point.BASE.multiply(scalar(678));
        assertThat(p.add(q).encode()).isEqualTo(q.add(p).encode());
        assertThat(p.add(q).encode())
                .isEqualTo(Ed25519Point.BASE.multiply(scalar(13023)).encode());
        assertThat(p.add(p).encode()).isEqualTo(p.multiply(scalar(2)).encode());
        assertThat(p.add(Ed25519Point.identity()).encode()).isEqualTo(p.encode());
    }

    @Test
    void refusesNonCanonicalAndOffCurveEncodings() {
        byte[] yEqualsP = Ed25519Point.reverse(
                Ed25519Point.toFixed(BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19))));
        assertThat(Ed25519Point.decode(yEqualsP)).isNull();
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2; // y = 2: (y²−1)/(d·y²+1) is not a square
        assertThat(Ed25519Point.decode(notOnCurve)).isNull();
        assertThat(Ed25519Point.decode(Arrays.copyOf(Ed25519Point.BASE.encode(), 31)))
                .isNull();
    }

    private static byte[] scalar(long value) {
        return Ed25519Point.reverse(Ed25519Point.toFixed(BigInteger.valueOf(value)));
    }
}
