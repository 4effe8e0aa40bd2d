package io.symbolon.vault.share;

import io.symbolon.secret.SecretBytes;

/**
 * The two shares of one secret, as produced by {@link ShareScheme#split}. Closing it wipes both.
 *
 * @param ep the share EP keeps
 * @param partner the share sent to the Partner
 */
public record SharePair(SecretBytes ep, SecretBytes partner) implements AutoCloseable {
    public SharePair {
        if (ep == null || partner == null) {
            throw new IllegalArgumentException("a share pair has two shares");
        }
    }

    @Override
    public void close() {
        ep.close();
        partner.close();
    }

    @Override
    public String toString() {
        return "SharePair[redacted]";
    }
}
