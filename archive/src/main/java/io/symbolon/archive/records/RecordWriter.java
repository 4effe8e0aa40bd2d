package io.symbolon.archive.records;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames records into the record stream (ARCHIVE-FORMAT.md §6.2): a format line, then each record as a
 * 32-bit big-endian length and its bytes, then an end marker (length 0) and the 64-bit record count.
 * The count lets a reader tell a complete stream from one cut at a record boundary.
 */
public final class RecordWriter {
    static final byte[] FORMAT_LINE = "symbolon-records/1\n".getBytes(StandardCharsets.US_ASCII);
    /** The largest record the format allows. */
    public static final int MAX_RECORD = 16 * 1024 * 1024;

    private final DataOutputStream out;
    private long records;
    private long bytes;

    public RecordWriter(OutputStream out) throws IOException {
        this.out = new DataOutputStream(out);
        this.out.write(FORMAT_LINE);
        bytes = FORMAT_LINE.length;
    }

    public void write(byte[] record, int offset, int length) throws IOException {
        if (length <= 0 || length > MAX_RECORD) {
            throw new IllegalArgumentException("a record is 1 to " + MAX_RECORD + " bytes, not " + length);
        }
        out.writeInt(length);
        out.write(record, offset, length);
        records++;
        bytes += 4L + length;
    }

    /** Writes the end marker and the count; flushes but does not close the underlying stream. */
    public void finish() throws IOException {
        out.writeInt(0);
        out.writeLong(records);
        out.flush();
        bytes += 12;
    }

    public long records() {
        return records;
    }

    /** The size of the record stream written so far, framing included. */
    public long bytes() {
        return bytes;
    }
}
