package io.symbolon.vault.share;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * A point of the Ed25519 curve (RFC 8032 §5.1) in extended twisted Edwards coordinates (X:Y:Z:T).
 *
 * <p>Only the point formulas are written here; every field operation is Bouncy Castle's {@link
 * X25519Field}. Bouncy Castle's own Ed25519 class signs and verifies but does not expose point addition
 * or multiplication by an arbitrary scalar, which additive shares need. The addition is the complete
 * "add-2008-hwcd-3" formula (valid for doubling and the identity), and {@link #multiply} is a Montgomery
 * ladder with constant-time swaps, so multiplying by a secret share does not branch on its bits.
 */
final class Ed25519Point {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final int[] D2 = constant(BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .multiply(BigInteger.TWO)
            .mod(P));
    private static final int[] D = constant(BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P));
    /** The base point B, RFC 8032 §5.1: y = 4/5, x positive. */
    static final Ed25519Point BASE = decode(baseEncoding());

    private final int[] x;
    private final int[] y;
    private final int[] z;
    private final int[] t;

    private Ed25519Point(int[] x, int[] y, int[] z, int[] t) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.t = t;
    }

    /** The neutral element (0, 1). */
    static Ed25519Point identity() {
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        int[] z = X25519Field.create();
        int[] t = X25519Field.create();
        X25519Field.one(y);
        X25519Field.one(z);
        return new Ed25519Point(x, y, z, t);
    }

    /**
     * Decodes a 32-byte RFC 8032 encoding (§5.1.3), or returns null when it is not a canonical encoding
     * of a curve point.
     */
    static Ed25519Point decode(byte[] encoded) {
        if (encoded == null || encoded.length != 32) {
            return null;
        }
        int sign = (encoded[31] & 0x80) >>> 7;
        byte[] yBytes = encoded.clone();
        yBytes[31] &= 0x7f;
        if (new BigInteger(1, reverse(yBytes)).compareTo(P) >= 0) {
            return null; // y not reduced: a non-canonical encoding
        }
        int[] y = X25519Field.create();
        X25519Field.decode(yBytes, 0, y);
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(y, u);
        X25519Field.mul(D, u, v);
        X25519Field.subOne(u); // u = y² − 1
        X25519Field.addOne(v); // v = d·y² + 1
        int[] x = X25519Field.create();
        if (!X25519Field.sqrtRatioVar(u, v, x)) {
            return null;
        }
        X25519Field.normalize(x);
        if (sign == 1 && X25519Field.isZeroVar(x)) {
            return null;
        }
        if (sign != (x[0] & 1)) {
            X25519Field.negate(x, x);
            X25519Field.normalize(x);
        }
        int[] z = X25519Field.create();
        X25519Field.one(z);
        int[] t = X25519Field.create();
        X25519Field.mul(x, y, t);
        return new Ed25519Point(x, y, z, t);
    }

    /** The 32-byte RFC 8032 encoding: y little-endian, the sign of x in the top bit. */
    byte[] encode() {
        int[] zInverse = X25519Field.create();
        X25519Field.inv(z, zInverse);
        int[] ax = X25519Field.create();
        int[] ay = X25519Field.create();
        X25519Field.mul(x, zInverse, ax);
        X25519Field.mul(y, zInverse, ay);
        X25519Field.normalize(ax);
        X25519Field.normalize(ay);
        byte[] out = new byte[32];
        X25519Field.encode(ay, out, 0);
        out[31] |= (byte) ((ax[0] & 1) << 7);
        return out;
    }

    /** This point plus {@code other} (complete: also correct for doubling and the identity). */
    Ed25519Point add(Ed25519Point other) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] d = X25519Field.create();
        int[] s = X25519Field.create();
        int[] r = X25519Field.create();
        X25519Field.apm(y, x, s, r); // s = Y1+X1, r = Y1−X1
        carry(s, r);
        int[] s2 = X25519Field.create();
        int[] r2 = X25519Field.create();
        X25519Field.apm(other.y, other.x, s2, r2);
        carry(s2, r2);
        X25519Field.mul(r, r2, a); // A = (Y1−X1)(Y2−X2)
        X25519Field.mul(s, s2, b); // B = (Y1+X1)(Y2+X2)
        X25519Field.mul(t, other.t, c);
        X25519Field.mul(c, D2, c); // C = T1·2d·T2
        X25519Field.mul(z, other.z, d);
        X25519Field.add(d, d, d); // D = 2·Z1·Z2
        X25519Field.carry(d);
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        X25519Field.apm(b, a, h, e); // H = B+A, E = B−A
        X25519Field.apm(d, c, g, f); // G = D+C, F = D−C
        carry(h, e);
        carry(g, f);
        int[] x3 = X25519Field.create();
        int[] y3 = X25519Field.create();
        int[] z3 = X25519Field.create();
        int[] t3 = X25519Field.create();
        X25519Field.mul(e, f, x3);
        X25519Field.mul(g, h, y3);
        X25519Field.mul(f, g, z3);
        X25519Field.mul(e, h, t3);
        return new Ed25519Point(x3, y3, z3, t3);
    }

    /**
     * {@code scalar}·this, for a 32-byte little-endian scalar. A Montgomery ladder over all 256 bits
     * with constant-time conditional swaps: the sequence of operations does not depend on the scalar.
     */
    Ed25519Point multiply(byte[] scalar) {
        if (scalar.length != 32) {
            throw new IllegalArgumentException("an Ed25519 scalar is 32 bytes");
        }
        Ed25519Point r0 = identity();
        Ed25519Point r1 = copy();
        int swapped = 0;
        for (int bit = 255; bit >= 0; bit--) {
            int b = (scalar[bit >>> 3] >>> (bit & 7)) & 1;
            swapped ^= b;
            swap(swapped, r0, r1);
            swapped = b;
            Ed25519Point sum = r0.add(r1);
            Ed25519Point doubled = r0.add(r0);
            r1 = sum;
            r0 = doubled;
        }
        swap(swapped, r0, r1);
        return r0;
    }

    private Ed25519Point copy() {
        return new Ed25519Point(x.clone(), y.clone(), z.clone(), t.clone());
    }

    private static void swap(int condition, Ed25519Point p, Ed25519Point q) {
        X25519Field.cswap(condition, p.x, q.x);
        X25519Field.cswap(condition, p.y, q.y);
        X25519Field.cswap(condition, p.z, q.z);
        X25519Field.cswap(condition, p.t, q.t);
    }

    private static void carry(int[] first, int[] second) {
        X25519Field.carry(first);
        X25519Field.carry(second);
    }

    private static int[] constant(BigInteger value) {
        byte[] littleEndian = reverse(toFixed(value));
        int[] element = X25519Field.create();
        X25519Field.decode(littleEndian, 0, element);
        return element;
    }

    private static byte[] baseEncoding() {
        byte[] encoded = new byte[32];
        java.util.Arrays.fill(encoded, (byte) 0x66);
        encoded[0] = 0x58;
        return encoded;
    }

    static byte[] toFixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
