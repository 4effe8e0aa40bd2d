package io.symbolon.archive.container;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Sends a file's data to the disk while the file is still being written, as PostgreSQL's
 * {@code *_flush_after} settings do: every {@link #STEP} bytes written, a background thread forces what
 * has been written so far, and the writer goes on meanwhile (ARCHIVE-FORMAT.md §11).
 *
 * <p>Why: left to a final {@code fsync}, the whole file goes to the disk after the work is done, and
 * the writer waits for all of it; forced as it goes, the disk works while the CPU does and the final
 * {@code fsync} finds almost nothing left. A 1.1 GB write and {@code fsync} on the project's machines:
 * 1.00–1.10 s left to the final {@code fsync}, 0.77–0.86 s forced every 32 MiB; a whole 1 GiB archive
 * write 5.66 s against 6.19 s, a re-key 1.59 s against 2.14 s (medians; docs/BENCHMARKS.md, "Writeback").
 * The final force stays the writer's: this class only starts the disk early, it never makes a file
 * durable.
 *
 * <p>An error of a background force is kept and thrown by the next {@link #wrote} or by
 * {@link #finish}, so that a failed write-out is never mistaken for a durable file.
 */
public final class Writeback implements AutoCloseable {
    /** Bytes written between two forces. */
    static final long STEP = 32L << 20;

    private final FileChannel channel;
    private final String name;
    private final Object lock = new Object();
    private long written;
    private long forcedAt;
    private boolean pending;
    private boolean stopped;
    private IOException failure;
    private Thread thread;
    private long forces;

    private Writeback(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    /** Sends {@code channel}'s data to disk as it is written; {@code name} names the thread. */
    public static Writeback of(FileChannel channel, String name) {
        return new Writeback(channel, name);
    }

    /** Counts {@code bytes} just written to the file; starts a force each time {@link #STEP} more were. */
    public void wrote(long bytes) throws IOException {
        synchronized (lock) {
            throwFailure();
            written += bytes;
            if (stopped || written - forcedAt < STEP) {
                return;
            }
            forcedAt = written;
            pending = true;
            if (thread == null) {
                thread = Thread.ofPlatform()
                        .daemon()
                        .name("symbolon-writeback-" + name)
                        .start(this::run);
            }
            lock.notifyAll();
        }
    }

    /** An output stream into {@code out} (which writes to this file) that counts what it writes. */
    public OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                wrote(1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                wrote(length);
            }
        };
    }

    /** A channel into {@code out} (which writes to this file) that counts what it writes. */
    public WritableByteChannel counting(WritableByteChannel out) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer bytes) throws IOException {
                int count = out.write(bytes);
                wrote(count);
                return count;
            }

            @Override
            public boolean isOpen() {
                return out.isOpen();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /**
     * Copies {@code length} bytes of {@code source} from {@code position} to the end of the file by the
     * kernel's file copy, in steps, so that the copy is sent to disk as it goes.
     */
    public void transferFrom(FileChannel source, long position, long length) throws IOException {
        long done = 0;
        while (done < length) {
            long step = Math.min(STEP, length - done);
            long moved = source.transferTo(position + done, step, channel);
            if (moved <= 0 && source.size() <= position + done) {
                throw new IOException("the file being copied ended early");
            }
            done += moved;
            wrote(moved);
        }
    }

    /**
     * Stops the background thread once its last force has returned, and throws that force's error if
     * it had one. The caller then forces the file itself.
     */
    public void finish() throws IOException {
        Thread running;
        synchronized (lock) {
            stopped = true;
            pending = false;
            lock.notifyAll();
            running = thread;
        }
        if (running != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    running.join();
                    break;
                } catch (InterruptedException e) {
                    // a force cannot be interrupted without closing the file: wait for it, then tell
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            throwFailure();
        }
    }

    /** Stops forcing; a force under way ends on its own (the file is being abandoned or was finished). */
    @Override
    public void close() {
        synchronized (lock) {
            stopped = true;
            pending = false;
            lock.notifyAll();
        }
    }

    private void run() {
        while (true) {
            synchronized (lock) {
                while (!pending && !stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                pending = false;
            }
            try {
                channel.force(false);
                synchronized (lock) {
                    forces++;
                }
            } catch (ClosedChannelException e) {
                return; // the writer closed the file: abandoned, or finished without this force
            } catch (IOException e) {
                synchronized (lock) {
                    failure = e;
                    stopped = true;
                }
                return;
            }
        }
    }

    /** The background forces that have completed so far. */
    long forces() {
        synchronized (lock) {
            return forces;
        }
    }

    private void throwFailure() throws IOException {
        if (failure != null) {
            throw new IOException("writing " + name + " to disk failed: " + failure.getMessage(), failure);
        }
    }
}
