package io.symbolon.vault.share;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import java.security.SecureRandom;

/**
 * How one type's secret is split between EP and Partner: XOR for symmetric keys, secret data and
 * (empty) certificates, addition modulo the group order for EC P-256 and Ed25519 scalars.
 *
 * <p>Guarantees: {@code combine(split(x)) = x}; each share alone is uniformly distributed and says
 * nothing about the secret; {@link #refresh} with the same mask on both nodes (EP and Partner each
 * passing its own role) leaves the combined secret unchanged while making the old shares useless with
 * the new ones. Does not guarantee constant-time arithmetic for scalars (they pass through {@link
 * java.math.BigInteger}); shares are handled only inside the node that owns them.
 *
 * <p>Every result is a fresh {@link SecretBytes} the caller must close; inputs are never modified.
 */
public sealed interface ShareScheme permits XorScheme, ScalarScheme {
    /** XOR sharing, for every type that is not a scalar. */
    ShareScheme XOR = XorScheme.INSTANCE;

    /** The scheme for objects of {@code type}. */
    static ShareScheme of(ObjectType type) {
        return switch (type) {
            case EC_P256 -> ScalarScheme.P256;
            case ED25519 -> ScalarScheme.ED25519;
            default -> XOR;
        };
    }

    /**
     * A share drawn by one node alone, for joint generation: neither node ever sees the secret, which is
     * the combination of both nodes' random shares. {@code length} is the secret's length (32 for
     * scalars).
     */
    SecretBytes randomShare(int length, SecureRandom random);

    /**
     * Checks that {@code share} is a well-formed share of a secret of {@code type} (its length; for
     * scalars, reduced modulo the group order), naming the type otherwise. Cheap: no curve arithmetic.
     */
    void requireValidShare(ObjectType type, SecretBytes share);

    /** Splits a whole secret (an imported key) into EP's share and the Partner's. */
    SharePair split(SecretBytes secret, SecureRandom random);

    /** Joins EP's share and the Partner's, at the same epoch, into the whole secret. */
    SecretBytes combine(SecretBytes epShare, SecretBytes partnerShare);

    /** A fresh refresh mask for a share of {@code length} bytes. */
    SecretBytes randomMask(int length, SecureRandom random);

    /**
     * Re-randomises one node's share with the mask both nodes agreed on: XOR shares become {@code share ⊕
     * mask} on both nodes; scalar shares become {@code share + mask} on EP and {@code share − mask} on the
     * Partner. The secret the two new shares combine to is unchanged.
     */
    SecretBytes refresh(SecretBytes share, SecretBytes mask, Role role);
}
