package io.symbolon.archive.container;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A tar member's content held in one gzip member made only of stored deflate blocks (ARCHIVE-FORMAT.md
 * §3.1: how the writer leaves the digest and the payload), located in the archive file so that a
 * re-key can copy its blocks as they are instead of inflating and deflating them again.
 *
 * <p>The content falls in three parts: the {@link #head()}, the blocks up to the first one that holds
 * the skipped bytes' end; the copied blocks; the {@link #tail()}, the content in the block where the
 * content ends (its tar padding is written again, since a re-keyed member's size may differ). The
 * blocks are copied into a new gzip member of the output, ended by an empty final block and a CRC-32
 * computed over what was copied; the bytes handed to the caller's {@link Sink} for hashing are exactly
 * the bytes written. Locating is a plan, not a check: the copy checks every block header again, and
 * the input member's own CRC-32 and size over head, copied blocks and tail, as {@link ContainerReader}
 * would; the caller then {@linkplain ContainerReader#resumeAt resumes} the reader after the member.
 */
public final class StoredMember {
    /** Receives the copied content bytes as they are copied, in order. */
    @FunctionalInterface
    public interface Sink {
        void accept(ByteBuffer content);
    }

    /** The most content read ahead of the copy (the skipped bytes and the rest of their block). */
    private static final int MAX_HEAD = 4 << 20;

    private static final int BUFFERS = 3;
    private static final int BUFFER_SIZE = 1 << 20;
    private static final int GZIP_HEADER = 10;
    private static final int TRAILER = 8;
    private static final int BLOCK_HEADER = 5;
    /** A fixed-Huffman block holding only its end code, marked final: how zlib may end a stream. */
    private static final int EMPTY_FINAL_BLOCK = 0x0003;
    /** An empty stored block marked final: ends the copied blocks' new member. */
    private static final byte[] EMPTY_STORED_FINAL_BLOCK = {1, 0, 0, (byte) 0xff, (byte) 0xff};

    private final Path file;
    private final long size;
    private final Found found;

    private StoredMember(Path file, long size, Found found) {
        this.file = file;
        this.size = size;
        this.found = found;
    }

    /**
     * Locates the content of {@code size} bytes that starts {@code offset} bytes into {@code file}'s tar
     * stream, when one gzip member of stored blocks holds exactly that content and its padding. The
     * blocks holding the first {@code skip} bytes are not copied: their content is {@link #head()}.
     * Empty when the content is laid out any other way, or too small to be worth it (the caller then
     * copies it the slow way).
     */
    public static Optional<StoredMember> locate(Path file, long offset, long skip, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Walk(channel).find(offset, skip, size).map(found -> new StoredMember(file, size, found));
        }
    }

    /** The content before the copied blocks: the first {@code skip} bytes and the rest of their block. */
    public byte[] head() {
        return Arrays.copyOf(found.head(), (int) Math.min(found.head().length, size));
    }

    /** The content after the copied blocks, without its tar padding. */
    public byte[] tail() {
        long tailStart = size + TarBlocks.padding(size) - found.tail().length;
        return Arrays.copyOf(found.tail(), (int) Math.max(0, size - tailStart));
    }

    /** How many bytes {@link #copy} writes. */
    public long copyLength() {
        return GZIP_HEADER + found.rawEnd() - found.rawStart() + EMPTY_STORED_FINAL_BLOCK.length + TRAILER;
    }

    /** Where the gzip member after this one starts in the file. */
    public long next() {
        return found.rawNext();
    }

    /**
     * Copies the blocks between head and tail into {@code out} as one complete gzip member (header, the
     * blocks as they are, an empty final block, a trailer over them), handing their content to
     * {@code sink}.
     *
     * @throws ArchiveException naming {@code member} when the blocks are not as located (the file changed)
     */
    public void copy(WritableByteChannel out, Member member, Sink sink) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        writeFully(out, header);
        CRC32 crc = new CRC32();
        CRC32 original = new CRC32();
        original.update(found.head());
        long copied = 0;
        long blockLeft = 0;
        // Buffers go round: one is read and hashed while those before it are being written.
        ByteBuffer[] buffers = new ByteBuffer[BUFFERS];
        Future<?>[] writes = new Future<?>[BUFFERS];
        try (ExecutorService writer = Executors.newSingleThreadExecutor(
                        Thread.ofPlatform().name("write-" + member.fileName()).factory());
                FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = found.rawStart();
            long rawEnd = found.rawEnd();
            ByteBuffer previous = null;
            int carried = 0;
            for (int round = 0; position < rawEnd || carried > 0; round++) {
                int slot = round % BUFFERS;
                await(writes[slot]);
                if (buffers[slot] == null) {
                    buffers[slot] = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
                }
                ByteBuffer buffer = buffers[slot].clear();
                if (carried > 0) {
                    buffer.put(previous.slice(previous.limit() - carried, carried));
                }
                while (buffer.hasRemaining() && position < rawEnd) {
                    int limit = (int) Math.min(buffer.remaining(), rawEnd - position);
                    int read = in.read(buffer.slice(buffer.position(), limit), position);
                    if (read < 0) {
                        throw changed(member, "ends early");
                    }
                    buffer.position(buffer.position() + read);
                    position += read;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    if (blockLeft > 0) {
                        int take = (int) Math.min(blockLeft, buffer.remaining());
                        ByteBuffer data = buffer.slice(buffer.position(), take);
                        crc.update(data.duplicate());
                        original.update(data.duplicate());
                        sink.accept(data);
                        copied += take;
                        blockLeft -= take;
                        buffer.position(buffer.position() + take);
                        continue;
                    }
                    if (buffer.remaining() < BLOCK_HEADER) {
                        if (position < rawEnd) {
                            break; // the header continues in the next read
                        }
                        throw changed(member, "ends inside a block header");
                    }
                    int first = buffer.get(buffer.position()) & 0xff;
                    int length = buffer.getShort(buffer.position() + 1) & 0xffff;
                    int complement = buffer.getShort(buffer.position() + 3) & 0xffff;
                    if ((first & 0x07) != 0 || (length ^ 0xffff) != complement) {
                        throw changed(member, "is no longer the stored blocks it was");
                    }
                    blockLeft = length;
                    buffer.position(buffer.position() + BLOCK_HEADER);
                }
                carried = buffer.remaining();
                previous = buffer;
                ByteBuffer processed = buffer.slice(0, buffer.position());
                writes[slot] = writer.submit(() -> {
                    writeFully(out, processed);
                    return null;
                });
            }
            for (Future<?> write : writes) {
                await(write);
            }
        }
        if (blockLeft != 0 || copied != found.copiedSize()) {
            throw changed(member, "ends early");
        }
        original.update(found.tail());
        if ((int) original.getValue() != found.crc() || found.isize() != (int) (size + TarBlocks.padding(size))) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    member.fileName(),
                    "the compressed stream is corrupt here (CRC-32 or size mismatch): the file was modified or damaged");
        }
        writeFully(out, ByteBuffer.wrap(EMPTY_STORED_FINAL_BLOCK));
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt((int) copied).flip();
        writeFully(out, trailer);
    }

    private static void await(Future<?> write) throws IOException {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static ArchiveException changed(Member member, String what) {
        return new ArchiveException(
                ErrorCode.MEMBER_TAMPERED,
                member.fileName(),
                what + " while it was being copied: the archive file was modified during the re-key");
    }

    /**
     * What the walk found: the content of the blocks before and after the copied ones (padding
     * included), where the copied blocks are, the member's own trailer and where the next member starts.
     */
    private record Found(
            byte[] head, byte[] tail, long rawStart, long rawEnd, long copiedSize, int crc, int isize, long rawNext) {}

    /** Walks the gzip members from the start of the file, by their block headers where it can. */
    private static final class Walk {
        private final FileChannel channel;
        private final long fileSize;

        Walk(FileChannel channel) throws IOException {
            this.channel = channel;
            this.fileSize = channel.size();
        }

        Optional<Found> find(long offset, long skip, long size) throws IOException {
            long raw = 0;
            long content = 0;
            while (raw < fileSize) {
                long deflate = skipHeader(raw);
                if (deflate < 0) {
                    return Optional.empty();
                }
                ByteBuffer first = blockHeader(deflate);
                if (content == offset && first != null && isStoredWithContent(first)) {
                    return stored(deflate, skip, size);
                }
                long[] end = memberEnd(deflate);
                if (end == null || content == offset && end[1] > 0) {
                    return Optional.empty(); // not stored blocks
                }
                content += end[1]; // an empty member (the writer's padding in its header) is passed over
                if (content > offset) {
                    return Optional.empty(); // the content starts inside a member
                }
                raw = end[0] + TRAILER;
            }
            return Optional.empty();
        }

        /**
         * The member whose deflate data starts at {@code deflate}, when it is all stored blocks and holds
         * exactly the content and its padding.
         */
        private Optional<Found> stored(long deflate, long skip, long size) throws IOException {
            long paddedSize = size + TarBlocks.padding(size);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            long position = deflate;
            long content = 0;
            long copyStart = -1;
            long copyEnd = -1;
            long copiedFrom = 0;
            long copiedTo = 0;
            while (true) {
                ByteBuffer header = blockHeader(position);
                if (header == null) {
                    return Optional.empty();
                }
                int first = header.get(0) & 0xff;
                if (header.limit() >= 2 && (header.getShort(0) & 0xffff) == EMPTY_FINAL_BLOCK) {
                    if (copyEnd < 0) {
                        copyEnd = position;
                        copiedTo = content;
                    }
                    position += 2;
                    break;
                }
                if ((first & 0x06) != 0 || header.limit() < BLOCK_HEADER) {
                    return Optional.empty();
                }
                int length = header.getShort(1) & 0xffff;
                if ((length ^ 0xffff) != (header.getShort(3) & 0xffff)) {
                    return Optional.empty();
                }
                boolean last = (first & 1) != 0;
                if (copyStart < 0 && content >= skip) {
                    copyStart = position;
                    copiedFrom = content;
                }
                if (copyStart >= 0 && copyEnd < 0 && (content + length > size || last)) {
                    copyEnd = position;
                    copiedTo = content;
                }
                ByteArrayOutputStream keep = copyStart < 0 ? head : copyEnd >= 0 ? tail : null;
                if (keep != null) {
                    ByteBuffer data = read(position + BLOCK_HEADER, length);
                    if (data == null || keep.size() + length > MAX_HEAD) {
                        return Optional.empty();
                    }
                    keep.write(data.array(), 0, length);
                }
                position += BLOCK_HEADER + length;
                content += length;
                if (last) {
                    break;
                }
            }
            ByteBuffer trailer = read(position, TRAILER);
            if (copyStart < 0 || copyEnd <= copyStart || content != paddedSize || trailer == null) {
                return Optional.empty(); // nothing to copy, or not exactly this member's content
            }
            return Optional.of(new Found(
                    head.toByteArray(),
                    tail.toByteArray(),
                    copyStart,
                    copyEnd,
                    copiedTo - copiedFrom,
                    trailer.getInt(0),
                    trailer.getInt(4),
                    position + TRAILER));
        }

        /** Where a member's deflate data ends and how much content it holds; null when unreadable. */
        private long[] memberEnd(long deflate) throws IOException {
            long position = deflate;
            long content = 0;
            while (true) {
                ByteBuffer header = blockHeader(position);
                if (header == null) {
                    return null;
                }
                int first = header.get(0) & 0xff;
                if ((first & 0x06) != 0) {
                    return inflatedEnd(deflate);
                }
                if (header.limit() < BLOCK_HEADER) {
                    return null;
                }
                int length = header.getShort(1) & 0xffff;
                if ((length ^ 0xffff) != (header.getShort(3) & 0xffff)) {
                    return null;
                }
                position += BLOCK_HEADER + length;
                content += length;
                if ((first & 1) != 0) {
                    return new long[] {position, content};
                }
            }
        }

        private long[] inflatedEnd(long deflate) throws IOException {
            Inflater inflater = new Inflater(true);
            try {
                ByteBuffer input = ByteBuffer.allocate(64 * 1024);
                byte[] output = new byte[64 * 1024];
                long position = deflate;
                while (!inflater.finished()) {
                    if (inflater.needsInput()) {
                        input.clear();
                        int read = channel.read(input, position);
                        if (read <= 0) {
                            return null;
                        }
                        position += read;
                        input.flip();
                        inflater.setInput(input);
                    }
                    inflater.inflate(output);
                    if (inflater.needsDictionary()) {
                        return null;
                    }
                }
                return new long[] {deflate + inflater.getBytesRead(), inflater.getBytesWritten()};
            } catch (DataFormatException e) {
                return null;
            } finally {
                inflater.end();
            }
        }

        /** Where the deflate data of the gzip member at {@code raw} starts (RFC 1952 §2.3); -1 if not gzip. */
        private long skipHeader(long raw) throws IOException {
            ByteBuffer header = read(raw, GZIP_HEADER);
            if (header == null
                    || (header.get(0) & 0xff) != 0x1f
                    || (header.get(1) & 0xff) != 0x8b
                    || header.get(2) != 8
                    || (header.get(3) & 0xe0) != 0) {
                return -1;
            }
            int flags = header.get(3);
            long position = raw + GZIP_HEADER;
            if ((flags & 0x04) != 0) {
                ByteBuffer extra = read(position, 2);
                if (extra == null) {
                    return -1;
                }
                position += 2 + (extra.getShort(0) & 0xffff);
            }
            for (int flag : new int[] {0x08, 0x10}) {
                if ((flags & flag) != 0) {
                    int b;
                    do {
                        b = readByte(position++);
                    } while (b > 0);
                    if (b < 0) {
                        return -1;
                    }
                }
            }
            if ((flags & 0x02) != 0) {
                position += 2;
            }
            return position;
        }

        /** Whether a member whose first block header this is starts with stored content. */
        private static boolean isStoredWithContent(ByteBuffer header) {
            return header.limit() == BLOCK_HEADER
                    && (header.get(0) & 0x06) == 0
                    && ((header.get(0) & 1) == 0 || header.getShort(1) != 0);
        }

        /** The (up to) five bytes of a stored block header at {@code position}, in one read; null at the end. */
        private ByteBuffer blockHeader(long position) throws IOException {
            int length = (int) Math.min(BLOCK_HEADER, fileSize - position);
            return length <= 0 ? null : read(position, length);
        }

        private int readByte(long position) throws IOException {
            ByteBuffer one = read(position, 1);
            return one == null ? -1 : one.get(0) & 0xff;
        }

        private ByteBuffer read(long position, int length) throws IOException {
            if (position + length > fileSize) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    return null;
                }
            }
            return buffer.flip();
        }
    }
}
