package io.symbolon.archive.records;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the record stream written by {@link RecordWriter}, refusing a missing end marker, a wrong
 * count and anything after the count.
 */
public final class RecordReader {
    private final DataInputStream in;
    private final String source;
    private long records;
    private long bytes;
    private boolean ended;

    public RecordReader(InputStream in, String source) throws IOException {
        this.in = new DataInputStream(in);
        this.source = source;
        byte[] format = new byte[RecordWriter.FORMAT_LINE.length];
        try {
            this.in.readFully(format);
        } catch (EOFException e) {
            throw malformed("the record stream is shorter than its format line");
        }
        if (!Arrays.equals(format, RecordWriter.FORMAT_LINE)) {
            throw malformed("the record stream does not start with its format line");
        }
        bytes = format.length;
    }

    /** The next record, or {@code null} after the last one (the end marker and count have then been checked). */
    public byte[] next() throws IOException {
        if (ended) {
            return null;
        }
        try {
            int length = in.readInt();
            if (length == 0) {
                long declared = in.readLong();
                bytes += 12;
                if (declared != records) {
                    throw malformed("the record stream declares " + declared + " records but holds " + records);
                }
                if (in.read() >= 0) {
                    throw malformed("data after the end of the record stream");
                }
                ended = true;
                return null;
            }
            if (length < 0 || length > RecordWriter.MAX_RECORD) {
                throw malformed("record " + (records + 1) + " has an invalid length");
            }
            byte[] record = new byte[length];
            in.readFully(record);
            records++;
            bytes += 4L + length;
            return record;
        } catch (EOFException e) {
            throw new ArchiveException(
                    ErrorCode.TRUNCATED,
                    source,
                    "the record stream ends after " + records + " records without its end marker (truncated)");
        }
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    private ArchiveException malformed(String message) {
        return new ArchiveException(ErrorCode.MALFORMED, source, message);
    }
}
