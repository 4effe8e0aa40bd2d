package io.symbolon.vault.share;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * One node's nonce share of one joint Ed25519 signature: a secret scalar r drawn at random and its
 * public nonce share R = r·B. It signs exactly once: {@link #sign} wipes r before it returns, and a
 * second call fails, so a nonce can never be used for two challenges (which would reveal the key share).
 * Closing it without signing wipes r too. Never serialised, never printed.
 */
public final class NonceShare implements AutoCloseable {
    private final SecretBytes scalar;
    private final byte[] publicNonce;
    private boolean used;

    private NonceShare(SecretBytes scalar, byte[] publicNonce) {
        this.scalar = scalar;
        this.publicNonce = publicNonce;
    }

    /** A fresh nonce share from {@code random} (64 bytes reduced modulo L). */
    public static NonceShare draw(SecureRandom random) {
        SecretBytes scalar = ScalarScheme.ED25519.randomShare(32, random);
        try {
            return new NonceShare(scalar, Ed25519Group.INSTANCE.multiplyBase(scalar.reveal()));
        } catch (RuntimeException e) {
            scalar.close();
            throw e;
        }
    }

    /** R = r·B, 32 bytes (RFC 8032 point encoding): what the node commits to and then reveals. */
    public byte[] publicNonce() {
        return publicNonce.clone();
    }

    /**
     * This node's signature share s = r + k·a (mod L), 32 bytes little-endian, for the challenge {@code k}
     * ({@link JointEd25519#challenge}) and this node's key share {@code a}. The nonce is wiped first:
     * whatever happens next, it is never used again.
     */
    public synchronized byte[] sign(SecretBytes keyShare, byte[] challenge) {
        if (used) {
            throw new IllegalStateException("a nonce share signs once");
        }
        used = true;
        BigInteger r;
        try {
            r = Ed25519Group.INSTANCE.decodeScalar(scalar.reveal());
        } finally {
            scalar.close();
        }
        BigInteger a = Ed25519Group.INSTANCE.decodeScalar(keyShare.reveal());
        BigInteger k = Ed25519Group.INSTANCE.decodeScalar(challenge);
        if (a == null || k == null) {
            throw new SymbolonException(ErrorCode.MALFORMED, "a key share and a challenge are reduced Ed25519 scalars");
        }
        BigInteger order = Ed25519Group.INSTANCE.order();
        return Ed25519Group.INSTANCE.encodeScalar(r.add(k.multiply(a)).mod(order));
    }

    /** Whether the nonce has been used (or closed). */
    public synchronized boolean isUsed() {
        return used;
    }

    @Override
    public synchronized void close() {
        used = true;
        scalar.close();
    }

    @Override
    public String toString() {
        return "NonceShare[redacted]";
    }
}
