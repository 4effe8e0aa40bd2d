package io.symbolon.vault.share;

import java.math.BigInteger;

/**
 * The prime-order subgroup of Ed25519 (RFC 8032): order L = 2^252 + 27742317777372353535851937790883648493.
 * Scalars are 32 bytes little-endian, points the 32-byte RFC 8032 encoding.
 */
final class Ed25519Group implements ScalarGroup {
    static final Ed25519Group INSTANCE = new Ed25519Group();

    private static final BigInteger L =
            BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private Ed25519Group() {}

    @Override
    public String name() {
        return "Ed25519";
    }

    @Override
    public BigInteger order() {
        return L;
    }

    @Override
    public BigInteger decodeScalar(byte[] encoded) {
        if (encoded.length != 32) {
            return null;
        }
        BigInteger scalar = new BigInteger(1, Ed25519Point.reverse(encoded));
        return scalar.compareTo(L) < 0 ? scalar : null;
    }

    @Override
    public byte[] encodeScalar(BigInteger scalar) {
        return Ed25519Point.reverse(Ed25519Point.toFixed(scalar));
    }

    @Override
    public byte[] multiplyBase(byte[] encodedScalar) {
        if (decodeScalar(encodedScalar) == null) {
            throw new IllegalArgumentException("not a reduced Ed25519 scalar");
        }
        return Ed25519Point.BASE.multiply(encodedScalar).encode();
    }

    @Override
    public byte[] add(byte[] first, byte[] second) {
        Ed25519Point p = Ed25519Point.decode(first);
        Ed25519Point q = Ed25519Point.decode(second);
        if (p == null || q == null) {
            return null;
        }
        return p.add(q).encode();
    }

    @Override
    public boolean isValidPoint(byte[] encoded) {
        return Ed25519Point.decode(encoded) != null;
    }
}
