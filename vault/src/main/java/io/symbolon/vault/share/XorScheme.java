package io.symbolon.vault.share;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import java.security.SecureRandom;

/** XOR sharing: share₁ ⊕ share₂ = secret, for symmetric keys, secret data and empty certificate shares. */
final class XorScheme implements ShareScheme {
    static final XorScheme INSTANCE = new XorScheme();

    private XorScheme() {}

    @Override
    public SecretBytes randomShare(int length, SecureRandom random) {
        if (length < 0) {
            throw new IllegalArgumentException("negative share length");
        }
        byte[] share = new byte[length];
        random.nextBytes(share);
        return SecretBytes.adopt(share);
    }

    @Override
    public void requireValidShare(ObjectType type, SecretBytes share) {
        if (type == ObjectType.CERTIFICATE) {
            if (share.length() != 0) {
                throw new SymbolonException(ErrorCode.USAGE, "a certificate has no secret, so its share is empty");
            }
            return;
        }
        type.requireSecretLength(share.length());
    }

    @Override
    public SharePair split(SecretBytes secret, SecureRandom random) {
        SecretBytes ep = randomShare(secret.length(), random);
        return new SharePair(ep, xor(secret, ep));
    }

    @Override
    public SecretBytes combine(SecretBytes epShare, SecretBytes partnerShare) {
        return xor(epShare, partnerShare);
    }

    @Override
    public SecretBytes randomMask(int length, SecureRandom random) {
        return randomShare(length, random);
    }

    @Override
    public SecretBytes refresh(SecretBytes share, SecretBytes mask, Role role) {
        return xor(share, mask);
    }

    private static SecretBytes xor(SecretBytes first, SecretBytes second) {
        byte[] a = first.reveal();
        byte[] b = second.reveal();
        if (a.length != b.length) {
            throw new SymbolonException(
                    ErrorCode.INTERNAL, "XOR shares differ in length (" + a.length + " and " + b.length + " bytes)");
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return SecretBytes.adopt(out);
    }
}
