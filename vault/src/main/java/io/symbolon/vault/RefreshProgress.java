package io.symbolon.vault;

/**
 * What a share rewrite ({@link Vault#rewriteShares(int, RefreshProgress)}) reports as it goes: for a
 * status display, and for tests that stop a node at a chosen point of a refresh. Called on the rewriting
 * thread; an exception thrown here stops the rewrite as a crash would (it can be resumed).
 */
public interface RefreshProgress {
    /** Reports nothing. */
    RefreshProgress NONE = new RefreshProgress() {};

    /**
     * One more row re-sealed for the target epoch: {@code count} so far in this run. Rows are written a
     * batch at a time, after the batch's last row is re-sealed.
     */
    default void resealed(long count) {}

    /** Every row is at the target epoch; the node is about to move to it. */
    default void rewritten(long rows) {}
}
