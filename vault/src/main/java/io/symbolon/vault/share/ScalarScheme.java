package io.symbolon.vault.share;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Additive sharing of an EC private scalar: share₁ + share₂ ≡ secret (mod n), so the public key is the
 * sum of the two public shares, share₁·G + share₂·G. Each node can prove its half to the other by its
 * public share without revealing the share, and the pair can later sign (Ed25519) or derive (ECDH)
 * jointly without either node holding the whole scalar.
 *
 * <p>For Ed25519 the shared secret is the scalar {@code s} of RFC 8032 §5.1.5 (reduced modulo L), not
 * the 32-byte seed: a seed cannot be shared additively, a scalar can. An imported Ed25519 key is turned
 * into its scalar by {@link #ed25519ScalarFromSeed} before it is split.
 */
public final class ScalarScheme implements ShareScheme {
    /** Shares of NIST P-256 private keys: 32 bytes big-endian (SEC1). */
    public static final ScalarScheme P256 = new ScalarScheme(P256Group.INSTANCE);
    /** Shares of Ed25519 secret scalars: 32 bytes little-endian (RFC 8032). */
    public static final ScalarScheme ED25519 = new ScalarScheme(Ed25519Group.INSTANCE);

    private static final int SCALAR_LENGTH = 32;

    private final ScalarGroup group;

    private ScalarScheme(ScalarGroup group) {
        this.group = group;
    }

    @Override
    public SecretBytes randomShare(int length, SecureRandom random) {
        requireLength(length);
        return encode(randomScalar(random));
    }

    @Override
    public void requireValidShare(ObjectType type, SecretBytes share) {
        if (ShareScheme.of(type) != this) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "a " + type.label() + " object is not shared on " + group.name());
        }
        decode(share, "share");
    }

    @Override
    public SharePair split(SecretBytes secret, SecureRandom random) {
        BigInteger whole = decode(secret, "secret");
        BigInteger ep = randomScalar(random);
        return new SharePair(encode(ep), encode(whole.subtract(ep).mod(group.order())));
    }

    @Override
    public SecretBytes combine(SecretBytes epShare, SecretBytes partnerShare) {
        return encode(decode(epShare, "EP share")
                .add(decode(partnerShare, "Partner share"))
                .mod(group.order()));
    }

    @Override
    public SecretBytes randomMask(int length, SecureRandom random) {
        return randomShare(length, random);
    }

    @Override
    public SecretBytes refresh(SecretBytes share, SecretBytes mask, Role role) {
        BigInteger current = decode(share, "share");
        BigInteger m = decode(mask, "mask");
        BigInteger next = role == Role.EP ? current.add(m) : current.subtract(m);
        return encode(next.mod(group.order()));
    }

    /** This node's public share, share·G, which it may show to its peer: it reveals nothing of the share. */
    public byte[] publicShare(SecretBytes share) {
        decode(share, "share");
        return group.multiplyBase(share.reveal());
    }

    /** The public key of a whole scalar (used when a client imports a key). */
    public byte[] publicKey(SecretBytes scalar) {
        return publicShare(scalar);
    }

    /** The sum of two public shares: the object's public key. */
    public byte[] addPublicShares(byte[] first, byte[] second) {
        byte[] sum = group.add(first, second);
        if (sum == null) {
            throw new SymbolonException(
                    ErrorCode.MALFORMED, "a " + group.name() + " public share is not a valid point");
        }
        return sum;
    }

    /**
     * Whether EP's and the Partner's public shares add up to the stored public key — the check of {@code
     * server test}, made without either node revealing its share. False, never an exception, for invalid
     * points.
     */
    public boolean publicSharesMatch(byte[] epPublicShare, byte[] partnerPublicShare, byte[] publicKey) {
        byte[] sum = group.add(epPublicShare, partnerPublicShare);
        return sum != null && Arrays.equals(sum, publicKey);
    }

    /** Whether {@code publicKey} is a valid encoded point of this curve. */
    public boolean isValidPublicKey(byte[] publicKey) {
        return group.isValidPoint(publicKey);
    }

    /** Checks that a whole private scalar (an imported key) is in [1, n), naming the curve otherwise. */
    public void requireValidPrivateScalar(SecretBytes scalar) {
        if (decode(scalar, "private key").signum() == 0) {
            throw new SymbolonException(ErrorCode.USAGE, "a " + group.name() + " private key cannot be zero");
        }
    }

    /**
     * The Ed25519 secret scalar of a 32-byte RFC 8032 private key (the seed): the first half of
     * SHA-512(seed), clamped (§5.1.5), reduced modulo L. Multiplying it by B gives the same public key as
     * the seed. The second half of the hash (the nonce prefix) is not kept: joint signatures draw their
     * nonces jointly.
     */
    public static SecretBytes ed25519ScalarFromSeed(SecretBytes seed) {
        if (seed.length() != 32) {
            throw new SymbolonException(ErrorCode.USAGE, "an Ed25519 private key is 32 bytes");
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-512").digest(seed.reveal());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-512", e);
        }
        byte[] clamped = Arrays.copyOf(hash, 32);
        Arrays.fill(hash, (byte) 0);
        clamped[0] &= (byte) 248;
        clamped[31] &= 127;
        clamped[31] |= 64;
        byte[] bigEndian = Ed25519Point.reverse(clamped);
        Arrays.fill(clamped, (byte) 0);
        BigInteger scalar = new BigInteger(1, bigEndian).mod(Ed25519Group.INSTANCE.order());
        Arrays.fill(bigEndian, (byte) 0);
        return SecretBytes.adopt(Ed25519Group.INSTANCE.encodeScalar(scalar));
    }

    /** A uniform scalar from 64 uniform bytes (big-endian), reduced modulo n: the bias is below 2^-250. */
    SecretBytes reduceWide(byte[] wide) {
        return encode(new BigInteger(1, wide).mod(group.order()));
    }

    private BigInteger randomScalar(SecureRandom random) {
        // 64 random bytes reduced modulo n: the bias is below 2^-250.
        byte[] wide = new byte[64];
        random.nextBytes(wide);
        BigInteger scalar = new BigInteger(1, wide).mod(group.order());
        Arrays.fill(wide, (byte) 0);
        return scalar;
    }

    private BigInteger decode(SecretBytes encoded, String what) {
        BigInteger scalar = group.decodeScalar(encoded.reveal());
        if (scalar == null) {
            throw new SymbolonException(
                    ErrorCode.MALFORMED,
                    "the " + what + " is not a " + group.name() + " scalar (" + SCALAR_LENGTH
                            + " bytes, reduced modulo the group order)");
        }
        return scalar;
    }

    private SecretBytes encode(BigInteger scalar) {
        return SecretBytes.adopt(group.encodeScalar(scalar));
    }

    private void requireLength(int length) {
        if (length != SCALAR_LENGTH) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "a " + group.name() + " share is " + SCALAR_LENGTH + " bytes, not " + length);
        }
    }

    @Override
    public String toString() {
        return "ScalarScheme[" + group.name() + "]";
    }
}
