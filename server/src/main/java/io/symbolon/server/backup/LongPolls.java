package io.symbolon.server.backup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The long polls of one node's backups (EP's {@code GET /api/v1/backup/{id}?wait=}, the Partner's status
 * for EP): each is held until what it waits for happens or its wait passes, and from the moment the node
 * begins to stop ({@link #release}) answered at once, so that no held request holds up the stop.
 */
final class LongPolls {
    /** How often a held poll looks whether the node is stopping. */
    private static final Duration SLICE = Duration.ofMillis(100);

    private volatile boolean released;

    /** Waits at most {@code wait} for {@code ended}; less once {@link #release}d or interrupted. */
    void hold(CountDownLatch ended, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (long left = wait.toNanos(); left > 0 && !released; left = deadline - System.nanoTime()) {
                if (ended.await(Math.min(left, SLICE.toNanos()), TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers every held poll now, and every later one at once: the node is stopping. */
    void release() {
        released = true;
    }
}
