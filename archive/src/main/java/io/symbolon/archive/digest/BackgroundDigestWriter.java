package io.symbolon.archive.digest;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DigestWriter} that encodes, hashes and writes on a thread of its own, so that the digest —
 * one line per object, about half the size of the records — is produced on the second core while the
 * writer's own thread frames, compresses and encrypts the records (docs/BENCHMARKS.md). Entries are
 * handed over in batches through a bounded queue, so memory stays constant.
 *
 * <p>The order of entries is checked in the caller's thread, so an entry out of order is refused by
 * the {@link #add} that passes it. A failure of the background thread (an I/O error) is reported by
 * the next call.
 */
public final class BackgroundDigestWriter implements AutoCloseable {
    private static final int BATCH = 1024;
    private static final DigestEntry[] END = new DigestEntry[0];

    private final DigestWriter writer;
    private final BlockingQueue<DigestEntry[]> queue = new ArrayBlockingQueue<>(16);
    private final Thread worker;
    private DigestEntry[] batch = new DigestEntry[BATCH];
    private int size;
    private String lastUid;
    private volatile Throwable failure;
    private DigestSummary summary;
    private boolean ended;

    public BackgroundDigestWriter(OutputStream out, String threadName) {
        this.writer = new DigestWriter(out);
        this.worker = Thread.ofPlatform().daemon().name(threadName).start(this::drain);
    }

    private void drain() {
        try {
            for (DigestEntry[] entries = queue.take(); entries != END; entries = queue.take()) {
                if (failure == null) {
                    for (DigestEntry entry : entries) {
                        writer.add(entry);
                    }
                }
            }
            if (failure == null) {
                summary = writer.finish();
            }
        } catch (RuntimeException e) {
            failure = e;
            queue.clear();
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        }
    }

    /** Appends one entry; its uid must be greater than every uid written before. */
    public void add(DigestEntry entry) {
        if (ended) {
            throw new IllegalStateException("digest already finished");
        }
        if (lastUid != null && entry.uid().compareTo(lastUid) <= 0) {
            throw new IllegalArgumentException(
                    "digest entries must be in strictly ascending uid order: " + entry.uid() + " after " + lastUid);
        }
        lastUid = entry.uid();
        batch[size++] = entry;
        if (size == BATCH) {
            handOver(batch);
            batch = new DigestEntry[BATCH];
            size = 0;
        }
    }

    /** Waits for every entry to be written, writes the trailer and returns the summary. */
    public DigestSummary finish() {
        if (ended) {
            throw new IllegalStateException("digest already finished");
        }
        ended = true;
        if (size > 0) {
            handOver(Arrays.copyOf(batch, size));
        }
        handOver(END);
        join();
        check();
        return summary;
    }

    /** SHA-256 of the whole member, hex; available after {@link #finish()}. */
    public String memberSha256() {
        return writer.memberSha256();
    }

    /** Stops the background thread without finishing the digest (an abandoned archive). */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            failure = failure == null ? new IllegalStateException("abandoned") : failure;
            queue.clear();
            queue.offer(END);
            join();
        }
    }

    private void handOver(DigestEntry[] entries) {
        check();
        try {
            while (!queue.offer(entries, 100, TimeUnit.MILLISECONDS)) {
                check();
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the digest thread stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the digest", e);
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing the digest", e);
        }
    }

    private void check() {
        Throwable cause = failure;
        if (cause instanceof java.io.UncheckedIOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause != null) {
            throw new IllegalStateException("writing the digest failed", cause);
        }
    }
}
