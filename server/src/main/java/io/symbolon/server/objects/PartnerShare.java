package io.symbolon.server.objects;

import io.symbolon.secret.SecretBytes;

/**
 * Where the Partner's share of a new object comes from: drawn by the Partner now ({@link
 * Source#GENERATE}, symmetric keys and data), drawn earlier when it handed out its public share ({@link
 * Source#DRAWN}, EC and Ed25519), or split from a client's key on EP and sent over the pair channel
 * ({@link Source#GIVEN}, import).
 *
 * @param source where the share comes from
 * @param share the share itself, only for {@link Source#GIVEN}; the caller closes it
 * @param length the secret's length in bytes, for {@link Source#GENERATE}
 */
public record PartnerShare(Source source, SecretBytes share, int length) {
    /** The three sources. */
    public enum Source {
        GENERATE,
        DRAWN,
        GIVEN
    }

    public PartnerShare {
        if (source == null || (source == Source.GIVEN) != (share != null)) {
            throw new IllegalArgumentException("a given share carries the share, and only it");
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative share length");
        }
    }

    /** The Partner draws a share of {@code length} bytes (0 for a certificate). */
    public static PartnerShare generate(int length) {
        return new PartnerShare(Source.GENERATE, null, length);
    }

    public static PartnerShare drawn() {
        return new PartnerShare(Source.DRAWN, null, 32);
    }

    public static PartnerShare given(SecretBytes share) {
        return new PartnerShare(Source.GIVEN, share, share.length());
    }

    @Override
    public String toString() {
        return "PartnerShare[" + source + (share == null ? "" : ", share redacted") + "]";
    }
}
