package io.symbolon.vault.share;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.Role;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The arithmetic of a two-party Ed25519 signature over additive shares a₁ + a₂ ≡ a (mod L) of the secret
 * scalar whose public key is A = a·B (RFC 8032 §5.1.6, with the nonce drawn jointly instead of derived
 * from the seed):
 *
 * <pre>
 * each node i:  rᵢ random, Rᵢ = rᵢ·B, Cᵢ = SHA-256("symbolon joint ed25519 commit v1" ‖ session ‖ role ‖ Rᵢ)
 * both:         exchange Cᵢ, then reveal Rᵢ and check it against Cᵢ
 * both:         R = R₁ + R₂,  k = SHA-512(R ‖ A ‖ M) mod L
 * each node i:  sᵢ = rᵢ + k·aᵢ mod L
 * EP:           s = s₁ + s₂ mod L; the signature is R ‖ s, which verifies as any Ed25519 signature
 * </pre>
 *
 * Neither node learns the other's aᵢ: it sees Rⱼ (a random point) and sⱼ = rⱼ + k·aⱼ, in which the fresh
 * secret rⱼ hides aⱼ. The commitments make each node fix its nonce before it sees the other's, so
 * neither can steer R. The nonce scalars live only in {@link NonceShare}, which signs once.
 */
public final class JointEd25519 {
    private static final byte[] COMMIT_LABEL = "symbolon joint ed25519 commit v1".getBytes(StandardCharsets.US_ASCII);

    private JointEd25519() {}

    /** The commitment of {@code role} to its public nonce share in session {@code session}. */
    public static byte[] commitment(byte[] session, Role role, byte[] publicNonce) {
        MessageDigest sha256 = digest("SHA-256");
        sha256.update(COMMIT_LABEL);
        sha256.update(ByteBuffer.allocate(4).putInt(session.length).array());
        sha256.update(session);
        sha256.update((byte) role.code());
        sha256.update(publicNonce);
        return sha256.digest();
    }

    /** Whether {@code publicNonce} is what {@code commitment} committed to (constant time). */
    public static boolean opens(byte[] commitment, byte[] session, Role role, byte[] publicNonce) {
        return MessageDigest.isEqual(commitment, commitment(session, role, publicNonce));
    }

    /** R = R₁ + R₂; {@code MALFORMED} when either is not a valid point. */
    public static byte[] combineNonces(byte[] first, byte[] second) {
        return ScalarScheme.ED25519.addPublicShares(first, second);
    }

    /** k = SHA-512(R ‖ A ‖ M) mod L, 32 bytes little-endian (RFC 8032 §5.1.6 step 4). */
    public static byte[] challenge(byte[] publicNonce, byte[] publicKey, byte[] message) {
        MessageDigest sha512 = digest("SHA-512");
        sha512.update(publicNonce);
        sha512.update(publicKey);
        byte[] hash = sha512.digest(message);
        BigInteger k = new BigInteger(1, Ed25519Point.reverse(hash)).mod(Ed25519Group.INSTANCE.order());
        return Ed25519Group.INSTANCE.encodeScalar(k);
    }

    /** The 64-byte signature R ‖ (s₁ + s₂ mod L); {@code MALFORMED} for a signature share out of range. */
    public static byte[] signature(byte[] publicNonce, byte[] epShare, byte[] partnerShare) {
        BigInteger s1 = Ed25519Group.INSTANCE.decodeScalar(epShare);
        BigInteger s2 = Ed25519Group.INSTANCE.decodeScalar(partnerShare);
        if (s1 == null || s2 == null || publicNonce.length != 32) {
            throw new SymbolonException(ErrorCode.MALFORMED, "a signature share is a reduced Ed25519 scalar");
        }
        byte[] s = Ed25519Group.INSTANCE.encodeScalar(s1.add(s2).mod(Ed25519Group.INSTANCE.order()));
        byte[] signature = new byte[64];
        System.arraycopy(publicNonce, 0, signature, 0, 32);
        System.arraycopy(s, 0, signature, 32, 32);
        return signature;
    }

    /** Whether {@code encoded} is a valid Ed25519 point (a public nonce share must be one). */
    public static boolean isValidPoint(byte[] encoded) {
        return Ed25519Point.decode(encoded) != null;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
