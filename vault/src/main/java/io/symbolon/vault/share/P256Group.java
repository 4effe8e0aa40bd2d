package io.symbolon.vault.share;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * NIST P-256 through Bouncy Castle's EC arithmetic. Scalars are 32 bytes big-endian (SEC1), points are
 * SEC1 uncompressed (65 bytes).
 */
final class P256Group implements ScalarGroup {
    static final P256Group INSTANCE = new P256Group();

    private final X9ECParameters parameters = CustomNamedCurves.getByName("secp256r1");
    private final ECCurve curve = parameters.getCurve();
    private final ECPoint generator = parameters.getG();
    private final FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();

    private P256Group() {}

    @Override
    public String name() {
        return "P-256";
    }

    @Override
    public BigInteger order() {
        return parameters.getN();
    }

    @Override
    public BigInteger decodeScalar(byte[] encoded) {
        if (encoded.length != 32) {
            return null;
        }
        BigInteger scalar = new BigInteger(1, encoded);
        return scalar.compareTo(order()) < 0 ? scalar : null;
    }

    @Override
    public byte[] encodeScalar(BigInteger scalar) {
        return Ed25519Point.toFixed(scalar);
    }

    @Override
    public byte[] multiplyBase(byte[] encodedScalar) {
        BigInteger scalar = decodeScalar(encodedScalar);
        if (scalar == null) {
            throw new IllegalArgumentException("not a reduced P-256 scalar");
        }
        return multiplier.multiply(generator, scalar).normalize().getEncoded(false);
    }

    @Override
    public byte[] add(byte[] first, byte[] second) {
        ECPoint p = decode(first);
        ECPoint q = decode(second);
        if (p == null || q == null) {
            return null;
        }
        ECPoint sum = p.add(q).normalize();
        return sum.isInfinity() ? null : sum.getEncoded(false);
    }

    @Override
    public boolean isValidPoint(byte[] encoded) {
        return decode(encoded) != null;
    }

    private ECPoint decode(byte[] encoded) {
        if (encoded == null || encoded.length != 65 || encoded[0] != 0x04) {
            return null;
        }
        try {
            ECPoint point = curve.decodePoint(Arrays.copyOf(encoded, encoded.length));
            return point.isValid() && !point.isInfinity() ? point : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
