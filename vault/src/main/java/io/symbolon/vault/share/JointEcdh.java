package io.symbolon.vault.share;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECConstantTimeMultiplier;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDH on P-256 over additive shares a₁ + a₂ ≡ a (mod n): each node multiplies the peer's public point P
 * by its own share, Qᵢ = aᵢ·P, and EP adds them, Q = Q₁ + Q₂ = a·P; the shared secret is Q's
 * x-coordinate, exactly what a one-party ECDH with a would give (SEC1 §3.3.1, as the JDK's
 * {@code KeyAgreement "ECDH"} returns it).
 *
 * <p>Qᵢ reveals nothing of aᵢ (the discrete logarithm). P is checked to be on the curve and not the
 * identity before any share touches it (P-256 has cofactor 1, so there is no small subgroup to probe).
 * The multiplication by a share runs in constant time (Bouncy Castle's {@link ECConstantTimeMultiplier}).
 */
public final class JointEcdh {
    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256r1");
    private static final ECCurve CURVE = PARAMETERS.getCurve();

    private JointEcdh() {}

    /**
     * A peer's public point from its SEC1 encoding (65 bytes uncompressed or 33 compressed), as 65 bytes
     * uncompressed; {@code USAGE} when it is not a point of P-256 other than the identity.
     */
    public static byte[] peerPoint(byte[] encoded) {
        return decode(encoded, "the peer's public key").getEncoded(false);
    }

    /** This node's part Qᵢ = share·P (65 bytes uncompressed), for a checked peer point P. */
    public static byte[] multiply(byte[] peerPoint, SecretBytes share) {
        ECPoint point = decode(peerPoint, "the peer's public key");
        BigInteger scalar = P256Group.INSTANCE.decodeScalar(share.reveal());
        if (scalar == null || scalar.signum() == 0) {
            throw new SymbolonException(ErrorCode.MALFORMED, "a P-256 share is a reduced, non-zero scalar");
        }
        ECPoint product = new ECConstantTimeMultiplier().multiply(point, scalar).normalize();
        return product.getEncoded(false);
    }

    /**
     * The shared secret x(Q₁ + Q₂), 32 bytes big-endian, from EP's and the Partner's parts; {@code
     * MALFORMED} when a part is not a point or they add up to the identity.
     */
    public static SecretBytes sharedSecret(byte[] epPart, byte[] partnerPart) {
        ECPoint sum = decode(epPart, "EP's part")
                .add(decode(partnerPart, "the Partner's part"))
                .normalize();
        if (sum.isInfinity()) {
            throw new SymbolonException(ErrorCode.MALFORMED, "the two parts of an ECDH add up to the identity");
        }
        byte[] x = sum.getAffineXCoord().getEncoded();
        return SecretBytes.adopt(Arrays.copyOf(x, x.length));
    }

    private static ECPoint decode(byte[] encoded, String what) {
        if (encoded == null
                || !((encoded.length == 65 && encoded[0] == 0x04)
                        || (encoded.length == 33 && (encoded[0] == 0x02 || encoded[0] == 0x03)))) {
            throw new SymbolonException(
                    ErrorCode.USAGE, what + " is not a SEC1-encoded P-256 point (65 bytes 04‖x‖y, or 33 bytes)");
        }
        try {
            ECPoint point = CURVE.decodePoint(encoded);
            if (point.isInfinity() || !point.isValid()) {
                throw new IllegalArgumentException("not on the curve");
            }
            return point;
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, what + " is not a point of P-256");
        }
    }
}
