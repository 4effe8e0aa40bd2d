package io.symbolon.archive.volume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One sequential pass over an archive file that a split needs (ARCHIVE-FORMAT.md §13.3): its size, the
 * SHA-256 of the whole and of each part, and where in the compressed file the age header of {@code
 * database.age} lies — the wrapped file keys, so that volumes can say whether they hold them.
 *
 * <p>It inflates the gzip members itself, feeding the inflater from its own buffer, so that the number
 * of compressed bytes consumed is known exactly whenever the decompressed tar stream reaches a given
 * position: at the start of {@code database.age}'s content and at the end of its age header. Memory is
 * a few fixed buffers whatever the archive's size.
 *
 * @param size the file's size
 * @param sha256 hex SHA-256 of the file
 * @param partSha256 hex SHA-256 of each part, in order
 * @param wrappedKeys the compressed byte range [start, end) that encodes the age header, if found
 */
record ArchiveLayout(long size, String sha256, List<String> partSha256, Optional<long[]> wrappedKeys) {
    private static final String AGE_MEMBER = "database.age";
    /** zlib may hold a few input bytes in its bit buffer ahead of the output it produced. */
    private static final int SLACK = 8;

    private static final int MAX_AGE_HEADER = 1 << 20;

    /** Reads {@code in} to its end, cutting parts of {@code partSize} bytes. */
    static ArchiveLayout scan(InputStream in, long partSize) throws IOException {
        Scanner scanner = new Scanner(in, partSize);
        Optional<long[]> keys = scanner.locateAgeHeader();
        scanner.drain();
        return new ArchiveLayout(scanner.position, scanner.finishTotal(), scanner.finishParts(), keys);
    }

    /** Whether the range [offset, offset + length) holds any of the wrapped keys' bytes. */
    boolean holdsWrappedKeys(long offset, long length) {
        return wrappedKeys
                .map(range -> offset < range[1] + SLACK && range[0] - SLACK < offset + length)
                .orElse(false);
    }

    /** The raw file through a buffer, hashing every byte once as it is read. */
    private static final class Scanner {
        private final InputStream in;
        private final long partSize;
        private final byte[] buffer = new byte[64 * 1024];
        private final MessageDigest total = VolumeHeader.sha256();
        private final List<String> parts = new ArrayList<>();
        private MessageDigest part = VolumeHeader.sha256();
        private long partFilled;
        private int start;
        private int end;
        private long bufferBase;
        long position;
        private boolean eof;

        Scanner(InputStream in, long partSize) {
            this.in = in;
            this.partSize = partSize;
        }

        /** Makes at least one unread byte available; false at the end of the file. */
        private boolean fill() throws IOException {
            if (start < end) {
                return true;
            }
            if (eof) {
                return false;
            }
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                eof = true;
                return false;
            }
            bufferBase += end;
            start = 0;
            end = read;
            hash(buffer, 0, read);
            return true;
        }

        private void hash(byte[] bytes, int offset, int length) {
            total.update(bytes, offset, length);
            while (length > 0) {
                int take = (int) Math.min(length, partSize - partFilled);
                part.update(bytes, offset, take);
                partFilled += take;
                offset += take;
                length -= take;
                if (partFilled == partSize) {
                    parts.add(HexFormat.of().formatHex(part.digest()));
                    part = VolumeHeader.sha256();
                    partFilled = 0;
                }
            }
        }

        private long consumed() {
            return bufferBase + start;
        }

        private int readByte() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[start++] & 0xff;
        }

        void drain() throws IOException {
            while (fill()) {
                start = end;
            }
            position = bufferBase + end;
        }

        String finishTotal() {
            return HexFormat.of().formatHex(total.digest());
        }

        List<String> finishParts() {
            if (partFilled > 0 || parts.isEmpty()) {
                parts.add(HexFormat.of().formatHex(part.digest()));
            }
            return List.copyOf(parts);
        }

        /** Walks gzip members and the tar stream inside until the age header's end; empty if absent. */
        Optional<long[]> locateAgeHeader() throws IOException {
            Tar tar = new Tar();
            Inflater inflater = new Inflater(true);
            byte[] out = new byte[64 * 1024];
            try {
                while (skipGzipHeader()) {
                    inflater.reset();
                    while (!inflater.finished()) {
                        if (inflater.needsInput()) {
                            if (!fill()) {
                                return Optional.empty();
                            }
                            inflater.setInput(buffer, start, end - start);
                        }
                        int produced;
                        try {
                            produced = inflater.inflate(out, 0, tar.wanted(out.length));
                        } catch (DataFormatException e) {
                            return Optional.empty();
                        }
                        start = end - inflater.getRemaining();
                        if (tar.accept(out, produced, consumed())) {
                            return tar.found ? Optional.of(new long[] {tar.ageStart, tar.ageEnd}) : Optional.empty();
                        }
                        if (produced == 0 && inflater.needsDictionary()) {
                            return Optional.empty();
                        }
                    }
                    for (int i = 0; i < 8; i++) { // CRC-32 and ISIZE
                        if (readByte() < 0) {
                            return Optional.empty();
                        }
                    }
                }
                return Optional.empty();
            } finally {
                inflater.end();
            }
        }

        /** Consumes one gzip member header (RFC 1952 §2.3); false at the end of the file or on garbage. */
        private boolean skipGzipHeader() throws IOException {
            int id1 = readByte();
            if (id1 < 0 || id1 != 0x1f || readByte() != 0x8b || readByte() != 8) {
                return false;
            }
            int flags = readByte();
            for (int i = 0; i < 6; i++) {
                readByte();
            }
            if ((flags & 4) != 0) {
                int length = readByte() | readByte() << 8;
                for (int i = 0; i < length; i++) {
                    readByte();
                }
            }
            for (int flag : new int[] {8, 16}) {
                if ((flags & flag) != 0) {
                    int b;
                    do {
                        b = readByte();
                    } while (b > 0);
                }
            }
            if ((flags & 2) != 0) {
                readByte();
                readByte();
            }
            return fill();
        }
    }

    /**
     * Follows tar headers in the decompressed stream. It asks the inflater for exactly as many bytes as
     * reach the next boundary it cares about, so that state changes happen at known compressed offsets.
     */
    private static final class Tar {
        private enum State {
            HEADER,
            SKIP,
            AGE_HEADER,
            DONE
        }

        private final byte[] header = new byte[512];
        private State state = State.HEADER;
        private int filled;
        private long skip;
        private long ageBytes;
        private boolean lineStart = true;
        private boolean macLine;
        private int lineLength;
        boolean found;
        long ageStart;
        long ageEnd;

        int wanted(int capacity) {
            return switch (state) {
                case HEADER -> 512 - filled;
                case SKIP -> (int) Math.min(capacity, skip);
                case AGE_HEADER -> 1; // byte by byte through the header: it is small
                case DONE -> 0;
            };
        }

        /** Takes {@code length} decompressed bytes; true once the age header's end is known. */
        boolean accept(byte[] bytes, int length, long compressedPosition) {
            switch (state) {
                case HEADER -> {
                    System.arraycopy(bytes, 0, header, filled, length);
                    filled += length;
                    if (filled == 512) {
                        filled = 0;
                        headerComplete(compressedPosition);
                    }
                    return state == State.DONE;
                }
                case SKIP -> {
                    skip -= length;
                    if (skip == 0) {
                        state = State.HEADER;
                    }
                }
                case AGE_HEADER -> {
                    for (int i = 0; i < length; i++) {
                        if (ageByte(bytes[i], compressedPosition)) {
                            state = State.DONE;
                            found = true;
                            return true;
                        }
                    }
                    return state == State.DONE;
                }
                case DONE -> {
                    return true;
                }
            }
            return false;
        }

        private void headerComplete(long compressedPosition) {
            boolean zero = true;
            for (byte b : header) {
                zero &= b == 0;
            }
            if (zero) {
                state = State.DONE;
                return;
            }
            // a tar header block is never all zeros, so DONE without found means: no age member
            int nameEnd = 0;
            while (nameEnd < 100 && header[nameEnd] != 0) {
                nameEnd++;
            }
            String name = new String(header, 0, nameEnd, StandardCharsets.US_ASCII);
            long size = size();
            if (name.equals(AGE_MEMBER) && (header[156] == '0' || header[156] == 0)) {
                state = State.AGE_HEADER;
                ageStart = compressedPosition;
                return;
            }
            skip = (size + 511) / 512 * 512;
            state = skip == 0 ? State.HEADER : State.SKIP;
        }

        /** The size field: octal, or base-256 when its first byte has the high bit set. */
        private long size() {
            if ((header[124] & 0x80) != 0) {
                long size = 0;
                for (int i = 125; i < 136; i++) {
                    size = size << 8 | (header[i] & 0xff);
                }
                return size;
            }
            long size = 0;
            for (int i = 124; i < 136; i++) {
                byte b = header[i];
                if (b >= '0' && b <= '7') {
                    size = size * 8 + (b - '0');
                }
            }
            return size;
        }

        /** The age header ends with the line feed of the line that starts with "---". */
        private boolean ageByte(byte b, long compressedPosition) {
            ageBytes++;
            if (ageBytes > MAX_AGE_HEADER) {
                state = State.DONE;
                return false;
            }
            if (lineStart) {
                lineLength = 0;
            }
            lineLength++;
            if (lineLength <= 3) {
                macLine = lineLength == 1 ? b == '-' : macLine && b == '-';
            }
            lineStart = b == '\n';
            if (lineStart && macLine && lineLength > 3) {
                ageEnd = compressedPosition;
                return true;
            }
            return false;
        }
    }
}
