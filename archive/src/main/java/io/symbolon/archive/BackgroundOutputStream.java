package io.symbolon.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One stage of the writer's pipeline on a thread of its own (docs/BENCHMARKS.md): what is written is
 * gathered into buffers that a background thread writes on to {@code target}, so that framing, zstd and
 * age's STREAM encryption run on different cores. A fixed pool of buffers bounds memory, and every
 * buffer is zeroed when the stream ends, because plaintext passes through the first stages.
 *
 * <p>{@link #close()} hands over what is left, lets the thread close {@code target} and waits for it;
 * {@link #abandon()} stops the thread without closing {@code target}. A failure downstream is reported
 * by the next call. One thread writes.
 */
final class BackgroundOutputStream extends OutputStream {
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {}

    private final OutputStream target;
    private final byte[][] pool;
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final Thread worker;
    private byte[] buffer;
    private int position;
    private volatile Throwable failure;
    private volatile boolean abandoned;
    private boolean closed;

    /**
     * @param bufferSize the size of each buffer handed over
     * @param buffers how many buffers exist (at least 2): the memory held is their total
     */
    BackgroundOutputStream(OutputStream target, String threadName, int bufferSize, int buffers) {
        if (buffers < 2) {
            throw new IllegalArgumentException("a background stage needs at least 2 buffers");
        }
        this.target = Objects.requireNonNull(target, "target");
        this.pool = new byte[buffers][];
        this.full = new ArrayBlockingQueue<>(buffers + 1);
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            pool[i] = new byte[bufferSize];
            if (i > 0) {
                free.add(pool[i]);
            }
        }
        this.buffer = pool[0];
        this.worker = Thread.ofPlatform().daemon().name(threadName).start(this::drain);
    }

    private void drain() {
        try {
            for (Chunk chunk = full.take(); chunk != END; chunk = full.take()) {
                if (failure == null && !abandoned) {
                    target.write(chunk.bytes(), 0, chunk.length());
                }
                free.add(chunk.bytes());
            }
            if (failure == null && !abandoned) {
                target.close();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            returnQueued();
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (position == buffer.length) {
            handOver();
        }
        buffer[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        while (length > 0) {
            if (position == buffer.length) {
                handOver();
            }
            int n = Math.min(length, buffer.length - position);
            System.arraycopy(bytes, offset, buffer, position, n);
            position += n;
            offset += n;
            length -= n;
        }
    }

    /** Reports a failure downstream; buffered bytes are handed over when a buffer fills or on close. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        check();
    }

    /** Hands over what is left, waits until the thread has written it and closed the target. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            check();
            if (position > 0) {
                put(new Chunk(buffer, position));
                buffer = null;
            }
            put(END);
            join();
            check();
        } finally {
            wipe();
        }
    }

    /** Stops the thread without closing the target (an abandoned archive); never throws. */
    void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        abandoned = true;
        returnQueued();
        full.offer(END);
        try {
            join();
        } catch (InterruptedIOException ignored) {
            // the thread is a daemon and writes nothing more once abandoned
        }
        wipe();
    }

    private void handOver() throws IOException {
        put(new Chunk(buffer, position));
        buffer = null;
        position = 0;
        try {
            byte[] next;
            while ((next = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkAlive();
            }
            buffer = next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the archive");
        }
    }

    private void put(Chunk chunk) throws IOException {
        try {
            while (!full.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                checkAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the archive");
        }
    }

    private void checkAlive() throws IOException {
        check();
        if (!worker.isAlive()) {
            throw new IOException("the " + worker.getName() + " thread stopped");
        }
    }

    private void returnQueued() {
        for (Chunk chunk = full.poll(); chunk != null; chunk = full.poll()) {
            if (chunk != END) {
                free.offer(chunk.bytes());
            }
        }
    }

    private void join() throws InterruptedIOException {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the archive");
        }
    }

    private void wipe() {
        if (!worker.isAlive()) {
            for (byte[] bytes : pool) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
    }

    private void check() throws IOException {
        Throwable cause = failure;
        if (cause instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause != null) {
            throw new IOException("the " + worker.getName() + " thread failed", cause);
        }
    }
}
