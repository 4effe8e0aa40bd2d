package io.symbolon.archive.age;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** Writes the ASCII armor of age.md, "ASCII armor": padded base64 in 64-column LF-terminated lines. */
final class ArmorEncoder extends OutputStream {
    private static final int BYTES_PER_LINE = 48;
    private static final int LINES_PER_BLOCK = 256;
    private static final byte[] NEWLINE = {'\n'};
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, NEWLINE);

    private final OutputStream out;
    private final byte[] block = new byte[BYTES_PER_LINE * LINES_PER_BLOCK];
    private final byte[] encoded = new byte[LINES_PER_BLOCK * 65];
    private int buffered;
    private boolean closed;

    ArmorEncoder(OutputStream out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        out.write((Armor.BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void write(int b) throws IOException {
        if (closed) {
            throw new IOException("the armor stream is closed");
        }
        block[buffered++] = (byte) b;
        if (buffered == block.length) {
            writeLines();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the armor stream is closed");
        }
        while (len > 0) {
            int n = Math.min(len, block.length - buffered);
            System.arraycopy(b, off, block, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered == block.length) {
                writeLines();
            }
        }
    }

    /** Encodes the buffered bytes as lines; every line is full except, at the end, the last. */
    private void writeLines() throws IOException {
        if (buffered == 0) {
            return;
        }
        // The MIME encoder separates lines but does not end the last one.
        byte[] source = buffered == block.length ? block : Arrays.copyOf(block, buffered);
        int length = LINES.encode(source, encoded);
        out.write(encoded, 0, length);
        out.write(NEWLINE);
        buffered = 0;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            writeLines();
            out.write((Armor.END + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
