package io.symbolon.archive.container;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A member's content prepared ahead of the container, as one gzip member in a temporary file beside
 * the archive (ARCHIVE-FORMAT.md §3.1). Only public or encrypted bytes ever go into a piece: the digest
 * and the age file.
 */
public final class Piece implements AutoCloseable {
    private final Path file;
    private final GzipPiece gzip;
    private final OutputStream content;
    private long contentSize = -1;

    private Piece(Path file, int level) throws IOException {
        this.file = file;
        OutputStream raw = Files.newOutputStream(OwnerOnly.createFile(file), StandardOpenOption.WRITE);
        this.gzip = new GzipPiece(raw, level);
        OutputStream sink = gzip;
        this.content = new FilterOutputStream(sink) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                sink.write(bytes, offset, length);
            }

            @Override
            public void close() {
                // Closing the content stream never closes the piece: complete() does.
            }
        };
    }

    /** Starts a piece in {@code file}, which must not exist; level 0 stores, 1–9 deflate. */
    public static Piece create(Path file, int level) throws IOException {
        return new Piece(file, level);
    }

    /** Where the member's content is written; closing it has no effect. */
    public OutputStream content() {
        return content;
    }

    /** Pads the content to a tar block and ends the gzip member. */
    public void complete() throws IOException {
        contentSize = gzip.written();
        gzip.padToBlock();
        gzip.finish();
        gzip.close();
    }

    Path file() {
        return file;
    }

    /** The member's size, known once complete. */
    public long contentSize() {
        if (contentSize < 0) {
            throw new IllegalStateException("piece not complete");
        }
        return contentSize;
    }

    /** Deletes the temporary file; safe to call more than once, and after a failure. */
    @Override
    public void close() throws IOException {
        try {
            gzip.close();
        } catch (IOException ignored) {
            // the file is deleted below whatever state the stream was left in
        }
        Files.deleteIfExists(file);
    }
}
