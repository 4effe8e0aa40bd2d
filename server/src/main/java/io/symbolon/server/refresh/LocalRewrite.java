package io.symbolon.server.refresh;

import io.symbolon.vault.RefreshProgress;
import io.symbolon.vault.Vault;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's rewrite of its own rows to the refresh's target epoch, in batches, counting the rows it
 * re-seals (for the status) and passing the test-only {@link KillPoint}s of {@code side} ({@code ep} or
 * {@code partner}). One run at a time; the caller's thread does the work.
 */
final class LocalRewrite {
    private final Vault vault;
    private final String side;
    private final int batchSize;
    private final AtomicLong resealed = new AtomicLong();

    LocalRewrite(Vault vault, String side, int batchSize) {
        this.vault = vault;
        this.side = side;
        this.batchSize = batchSize;
    }

    /** Rewrites every row still at the current epoch, then moves the node to the target; the row count. */
    long run() {
        resealed.set(0);
        return vault.rewriteShares(batchSize, new RefreshProgress() {
            @Override
            public void resealed(long count) {
                resealed.set(count);
                KillPoint.rows(side, count);
            }

            @Override
            public void rewritten(long rows) {
                KillPoint.reach(side + ".rewritten");
            }
        });
    }

    /** Rows re-sealed by the run under way (or the last one). */
    long resealed() {
        return resealed.get();
    }
}
