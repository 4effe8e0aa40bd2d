package io.symbolon.vault.storage;

import io.symbolon.vault.object.VaultObject;

/** Produces the new sealed share of a row for a refresh; see {@link Storage#rewriteShares}. */
@FunctionalInterface
public interface ShareRewriter {
    /**
     * The new sealed share of {@code row}, to be stored with {@code moved} (the same object at the new
     * epoch). Called outside any write transaction; must not keep the row.
     */
    byte[] rewrite(StoredObject row, VaultObject moved);
}
