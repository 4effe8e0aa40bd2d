package io.symbolon.vault.share;

import java.math.BigInteger;

/** A prime-order group whose scalars are shared additively: P-256 or the Ed25519 subgroup. */
sealed interface ScalarGroup permits P256Group, Ed25519Group {
    /** The curve's name as users see it. */
    String name();

    /** The order n of the base point; shares live in [0, n). */
    BigInteger order();

    /** Decodes a 32-byte scalar in the curve's convention; null when it is not reduced modulo n. */
    BigInteger decodeScalar(byte[] encoded);

    /** Encodes a scalar in [0, n) as 32 bytes in the curve's convention. */
    byte[] encodeScalar(BigInteger scalar);

    /** {@code scalar}·G, encoded as the curve's public keys are. */
    byte[] multiplyBase(byte[] encodedScalar);

    /** The sum of two encoded points, or null when either is not a valid point. */
    byte[] add(byte[] first, byte[] second);

    /** Whether {@code encoded} is a valid public point (not the identity). */
    boolean isValidPoint(byte[] encoded);
}
