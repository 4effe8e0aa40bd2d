package io.symbolon.archive.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes the container (ARCHIVE-FORMAT.md §3, §11) into its final file while one member's content
 * streams in, so that this content is written once and never copied: the members before it (the
 * metadata, known only at the end) get room reserved at the start of the file, the streamed member
 * follows as a gzip member of its own, the members after it are appended, and {@link #finish} writes
 * the first members into the room. What they leave of it becomes one empty gzip member whose header
 * comment fills the gap (RFC 1952 §2.3: no content, so the tar stream is the same as without it). If
 * the first members outgrow the room, the streamed member is copied once into a new file behind them.
 *
 * <p>Members are written in the order of the calls; the caller keeps the format's order. Closing
 * without {@link #finish} leaves an incomplete file that the caller deletes.
 */
public final class StreamedContainer implements AutoCloseable {
    /** An empty gzip member with an empty comment: the least room left for padding. */
    private static final int MIN_PADDING = padding(0).length;

    private static final String PADDING_COMMENT = "symbolon: room left by the members written last ";

    private final Path target;
    private final Instant modified;
    private final int reserved;
    private FileChannel channel;
    private Writeback writeback;
    private OutputStream file;
    private Member streamed;
    private long streamedSize = -1;
    private ByteArrayOutputStream front;
    private GzipPiece frontGzip;
    private GzipPiece small;
    private boolean finished;

    private StreamedContainer(Path target, Instant modified, int reserved) throws IOException {
        this.target = target;
        this.modified = modified;
        this.reserved = reserved;
        this.channel =
                FileChannel.open(OwnerOnly.createFile(target), StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(reserved);
        this.writeback = Writeback.of(channel, target.getFileName().toString());
        this.file = writeback.counting(Channels.newOutputStream(channel));
    }

    /**
     * Creates {@code target}, which must not exist, with {@code reserved} bytes of room at its start for
     * the members written by {@link #addFirst}.
     */
    public static StreamedContainer create(Path target, Instant modified, int reserved) throws IOException {
        if (reserved < MIN_PADDING) {
            throw new IllegalArgumentException("reserve at least " + MIN_PADDING + " bytes");
        }
        return new StreamedContainer(target, modified, reserved);
    }

    /**
     * The room to reserve for first members whose content is at most {@code firstContent} bytes and for
     * the streamed member's tar header: enough for them stored, with their tar headers and padding, and
     * for the gzip framing around them.
     */
    public static int room(int firstMembers, long firstContent) {
        long stored = firstMembers * (2L * TarBlocks.BLOCK) + firstContent + TarBlocks.BLOCK;
        // deflate adds at most 5 bytes per 16 KiB to incompressible input; the gzip header and trailer 18
        long framed = stored + 5 * (stored / 16384 + 1) + 18 + MIN_PADDING;
        return (int) Math.min(Integer.MAX_VALUE, framed);
    }

    /**
     * Opens the streamed member's content, written straight into the file as its own gzip member at
     * {@code level} (0 stores); closing the stream pads it to a tar block and ends the gzip member. Its
     * tar header is written with the first members, once its size is known.
     */
    public OutputStream openStreamed(Member member, int level) throws IOException {
        if (streamed != null) {
            throw new IllegalStateException("a container streams one member");
        }
        streamed = member;
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
                streamedSize = piece.written();
                piece.padToBlock();
                piece.finish();
                piece.flush();
            }
        };
    }

    /** Adds a member that comes before the streamed one, written into the room by {@link #finish}. */
    public void addFirst(Member member, byte[] content) throws IOException {
        if (front == null) {
            front = new ByteArrayOutputStream();
            frontGzip = new GzipPiece(front, Deflater.DEFAULT_COMPRESSION);
        }
        frontGzip.write(TarBlocks.header(member, content.length, modified));
        frontGzip.write(content);
        frontGzip.write(new byte[TarBlocks.padding(content.length)]);
    }

    /** Appends a whole member held in memory, after the streamed member. */
    public void add(Member member, byte[] content) throws IOException {
        requireStreamedEnded();
        OutputStream out = small();
        out.write(TarBlocks.header(member, content.length, modified));
        out.write(content);
        out.write(new byte[TarBlocks.padding(content.length)]);
    }

    /** Appends a member prepared in a piece, after the streamed member, by the kernel's file copy. */
    public void add(Member member, Piece piece) throws IOException {
        requireStreamedEnded();
        small().write(TarBlocks.header(member, piece.contentSize(), modified));
        endSmall();
        file.flush();
        try (FileChannel source = FileChannel.open(piece.file(), StandardOpenOption.READ)) {
            writeback.transferFrom(source, 0, source.size());
        }
    }

    /**
     * Writes the end-of-archive blocks, the first members and the streamed member's tar header into the
     * room at the start, and forces the file to disk.
     */
    public void finish() throws IOException {
        requireStreamedEnded();
        small().write(TarBlocks.END);
        endSmall();
        file.flush();
        if (front == null) {
            front = new ByteArrayOutputStream();
            frontGzip = new GzipPiece(front, Deflater.DEFAULT_COMPRESSION);
        }
        frontGzip.write(TarBlocks.header(streamed, streamedSize, modified));
        frontGzip.finish();
        byte[] first = front.toByteArray();
        if (first.length + MIN_PADDING <= reserved) {
            byte[] padding = padding(reserved - first.length - MIN_PADDING);
            if (padding.length + first.length != reserved) {
                throw new IllegalStateException(
                        "gzip padding of " + padding.length + " bytes, not " + (reserved - first.length));
            }
            writeFully(ByteBuffer.wrap(padding), 0);
            writeFully(ByteBuffer.wrap(first), padding.length);
        } else {
            relocate(first);
        }
        writeback.finish();
        channel.force(true);
        finished = true;
        channel.close();
    }

    public boolean finished() {
        return finished;
    }

    /** How the file is sent to disk as it is written. */
    Writeback writeback() {
        return writeback;
    }

    /** The first members outgrew their room: the rest of the file is copied once behind them. */
    private void relocate(byte[] first) throws IOException {
        Path grown = target.resolveSibling(target.getFileName() + ".grow");
        try {
            try (FileChannel copy = FileChannel.open(OwnerOnly.createFile(grown), StandardOpenOption.WRITE);
                    Writeback copied = Writeback.of(copy, grown.getFileName().toString())) {
                ByteBuffer bytes = ByteBuffer.wrap(first);
                while (bytes.hasRemaining()) {
                    copy.write(bytes);
                }
                copied.transferFrom(channel, reserved, channel.size() - reserved);
                copied.finish();
            }
            writeback.close();
            channel.close();
            Files.move(grown, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            channel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
            writeback = Writeback.of(channel, target.getFileName().toString());
        } finally {
            Files.deleteIfExists(grown);
        }
    }

    private void writeFully(ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /**
     * An empty gzip member of {@code MIN_PADDING + extra} bytes: its header comment takes the extra
     * bytes (Commons Compress writes the header, zlib the empty deflate stream).
     */
    private static byte[] padding(int extra) {
        String comment = extra >= PADDING_COMMENT.length()
                ? PADDING_COMMENT + " ".repeat(extra - PADDING_COMMENT.length())
                : " ".repeat(extra);
        GzipParameters parameters = new GzipParameters();
        parameters.setComment(comment);
        parameters.setCompressionLevel(Deflater.DEFAULT_COMPRESSION);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Closed without finish(): Commons Compress 1.28 would end the member twice.
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes, parameters)) {
            gzip.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an empty gzip member in memory", e);
        }
        return bytes.toByteArray();
    }

    private void requireStreamedEnded() {
        if (streamed == null || streamedSize < 0) {
            throw new IllegalStateException("the streamed member is not complete");
        }
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
