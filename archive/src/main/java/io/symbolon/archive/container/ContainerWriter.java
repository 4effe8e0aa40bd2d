package io.symbolon.archive.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.Deflater;

/**
 * Writes the container (ARCHIVE-FORMAT.md §3): a tar stream inside concatenated gzip members. Small
 * members are deflated together; prepared {@link Piece}s are appended as they are, by the kernel's file
 * copy, without passing through the JVM again. The caller renames the file into place once
 * {@link #finish()} has made it durable.
 */
public final class ContainerWriter implements AutoCloseable {
    private final FileChannel channel;
    private final Writeback writeback;
    private final OutputStream file;
    private final Instant modified;
    private GzipPiece small;
    private boolean finished;
    private long framedSize = -1;

    private ContainerWriter(Path target, Instant modified) throws IOException {
        this.channel = FileChannel.open(OwnerOnly.createFile(target), StandardOpenOption.WRITE);
        this.writeback = Writeback.of(channel, target.getFileName().toString());
        this.file = writeback.counting(Channels.newOutputStream(channel));
        this.modified = modified;
    }

    /** Creates {@code target}, which must not exist. */
    public static ContainerWriter create(Path target, Instant modified) throws IOException {
        return new ContainerWriter(target, modified);
    }

    /** Writes a whole member held in memory. */
    public void add(Member member, byte[] content) throws IOException {
        OutputStream out = small();
        out.write(TarBlocks.header(member, content.length, modified));
        out.write(content);
        out.write(new byte[TarBlocks.padding(content.length)]);
    }

    /** Writes a member whose content was prepared in a piece. */
    public void add(Member member, Piece piece) throws IOException {
        small().write(TarBlocks.header(member, piece.contentSize(), modified));
        endSmall();
        try (FileChannel source = FileChannel.open(piece.file(), StandardOpenOption.READ)) {
            writeback.transferFrom(source, 0, source.size());
        }
    }

    /**
     * Opens a member of known size whose content is streamed into its own gzip member at {@code level}
     * (0 stores); closing the returned stream checks the size and ends the member.
     */
    public OutputStream open(Member member, long size, int level) throws IOException {
        small().write(TarBlocks.header(member, size, modified));
        endSmall();
        GzipPiece piece = new GzipPiece(new NonClosingStream(file), level);
        return new java.io.FilterOutputStream(piece) {
            private boolean closed;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                piece.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (piece.written() != size) {
                    throw new IOException(
                            member.fileName() + ": wrote " + piece.written() + " bytes, declared " + size);
                }
                piece.padToBlock();
                piece.finish();
                piece.flush();
            }
        };
    }

    /**
     * Starts a member of known size whose content begins with {@code prefix}, deflated with the small
     * members, and continues in gzip members the caller frames itself and writes into the returned
     * channel; {@link #closeFramed(byte[])} then adds the rest of the content and the tar padding. A
     * re-key copies stored blocks this way (see {@link StoredMember}).
     */
    public WritableByteChannel openFramed(Member member, long size, byte[] prefix) throws IOException {
        OutputStream out = small();
        out.write(TarBlocks.header(member, size, modified));
        out.write(prefix);
        endSmall();
        file.flush();
        framedSize = size;
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer bytes) throws IOException {
                int written = channel.write(bytes);
                writeback.wrote(written);
                return written;
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() {
                // the container closes its file
            }
        };
    }

    /**
     * Reserves the next {@code length} bytes of the file, after a {@link #openFramed} prefix, for gzip
     * members written into the returned channel later or on another thread (at their own positions);
     * writing goes on after them. The caller must fill them exactly before {@link #finish()}.
     */
    public WritableByteChannel reserve(long length) throws IOException {
        if (small != null) {
            throw new IllegalStateException("a small member is open");
        }
        file.flush();
        long start = channel.position();
        channel.position(start + length);
        return new WritableByteChannel() {
            private long position = start;

            @Override
            public int write(ByteBuffer bytes) throws IOException {
                if (position + bytes.remaining() > start + length) {
                    throw new IOException("writing past the " + length + " bytes reserved");
                }
                int written = channel.write(bytes, position);
                position += written;
                writeback.wrote(written);
                return written;
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() {
                // the container closes its file
            }
        };
    }

    /** Ends the member started by {@link #openFramed}: the last of its content, then its padding. */
    public void closeFramed(byte[] suffix) throws IOException {
        if (framedSize < 0) {
            throw new IllegalStateException("no framed member is open");
        }
        OutputStream out = small();
        out.write(suffix);
        out.write(new byte[TarBlocks.padding(framedSize)]);
        framedSize = -1;
    }

    /** Writes the end-of-archive blocks and forces the file to disk. */
    public void finish() throws IOException {
        small().write(TarBlocks.END);
        endSmall();
        file.flush();
        writeback.finish();
        channel.force(true);
        finished = true;
        channel.close();
    }

    public boolean finished() {
        return finished;
    }

    private OutputStream small() throws IOException {
        if (small == null) {
            small = new GzipPiece(new NonClosingStream(file), Deflater.DEFAULT_COMPRESSION);
        }
        return small;
    }

    private void endSmall() throws IOException {
        if (small != null) {
            small.finish();
            small.flush();
            small = null;
        }
    }

    @Override
    public void close() throws IOException {
        writeback.close();
        channel.close();
    }
}
