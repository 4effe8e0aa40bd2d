package io.symbolon.archive.container;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands what is written to it to one background thread that writes it on, so that slow work downstream
 * (deflating the digest) runs beside the writer's own work (compressing and encrypting records) on
 * another core. At most a bounded number of 64 KiB buffers are in flight; a failure downstream is
 * reported to the writer on its next call. Only public data may pass through it: buffers are not wiped.
 */
final class BackgroundOutputStream extends OutputStream {
    private static final int BUFFER = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(32);
    private final Thread worker;
    private byte[] buffer = new byte[BUFFER];
    private int position;
    private volatile Throwable failure;
    private boolean closed;

    BackgroundOutputStream(OutputStream target, String name) {
        this.worker = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    if (failure == null) {
                        target.write(chunk);
                    }
                }
                target.flush();
            } catch (IOException | RuntimeException e) {
                failure = e;
                queue.clear();
            } catch (InterruptedException e) {
                failure = e;
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void write(int b) throws IOException {
        if (position == buffer.length) {
            handOver();
        }
        buffer[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
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

    /** Waits until everything written so far has been written downstream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        handOver();
        put(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the digest");
        }
        check();
    }

    private void handOver() throws IOException {
        check();
        if (position > 0) {
            put(Arrays.copyOf(buffer, position));
            position = 0;
        }
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                check();
                if (!worker.isAlive()) {
                    throw new IOException("the background writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the digest");
        }
    }

    private void check() throws IOException {
        Throwable cause = failure;
        if (cause != null) {
            throw new IOException("writing in the background failed: " + cause.getMessage(), cause);
        }
    }
}
