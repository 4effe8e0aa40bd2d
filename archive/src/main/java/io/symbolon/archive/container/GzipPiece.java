package io.symbolon.archive.container;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One gzip member (RFC 1952) at a chosen compression level (ARCHIVE-FORMAT.md §3.1). An archive's
 * gzip stream is a concatenation of such members, so that pieces prepared separately (the digest and
 * the payload, written while records stream in) can be joined without being compressed again.
 * Level 0 writes stored blocks: ciphertext is never deflated (BASELINES.md: it would be ~40× slower
 * than encrypting it, for nothing).
 */
final class GzipPiece extends GZIPOutputStream {
    private long written;

    GzipPiece(OutputStream out, int level) throws IOException {
        super(out, 64 * 1024);
        def.setLevel(level);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        super.write(bytes, offset, length);
        written += length;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** The number of uncompressed bytes written into this member. */
    long written() {
        return written;
    }

    /** Pads the uncompressed content with zeros to the next 512-byte tar block. */
    void padToBlock() throws IOException {
        int padding = TarBlocks.padding(written);
        if (padding > 0) {
            write(new byte[padding], 0, padding);
        }
    }
}
