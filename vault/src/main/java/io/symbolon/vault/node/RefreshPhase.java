package io.symbolon.vault.node;

/** Where a node stands in a share refresh (see {@link RefreshState}). */
public enum RefreshPhase {
    /** No refresh under way: every share is at the node's current epoch. */
    IDLE,
    /**
     * Shares are being rewritten from the current epoch to the target epoch. Rows record their own
     * epoch, so a rewrite interrupted by a crash resumes with the rows still at the old epoch.
     */
    REWRITING
}
