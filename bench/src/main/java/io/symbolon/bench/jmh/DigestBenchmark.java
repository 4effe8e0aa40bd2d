package io.symbolon.bench.jmh;

import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.archive.digest.DigestWriter;
import io.symbolon.bench.NodeRecords;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-object cost of the digest member (ARCHIVE-FORMAT.md §5) on the write path, over 65,536
 * distinct entries of the benchmark's synthetic node ({@link NodeRecords}): building a
 * {@link DigestEntry} (its validation), encoding and hashing its line ({@link DigestWriter#add}), and
 * deflating a line at level 1 as the writer's digest piece does. Per entry, in nanoseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DigestBenchmark {
    private static final int ENTRIES = 65_536;

    private final DigestEntry[] entries = new DigestEntry[ENTRIES];
    private final int[] lineStarts = new int[ENTRIES + 1];
    private byte[] lines;
    private int next;
    private DigestWriter writer;
    private Deflater deflater;
    private final byte[] deflated = new byte[64 * 1024];

    @Setup
    public void setUp() {
        NodeRecords records = new NodeRecords(1);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DigestWriter encoder = new DigestWriter(text);
        int header = text.size();
        for (int i = 0; i < ENTRIES; i++) {
            records.next();
            entries[i] = NodeRecords.entry(records.buffer(), 0);
            lineStarts[i] = text.size() - header;
            encoder.add(entries[i]);
        }
        lineStarts[ENTRIES] = text.size() - header;
        byte[] all = text.toByteArray();
        lines = java.util.Arrays.copyOfRange(all, header, all.length);
        writer = new DigestWriter(OutputStream.nullOutputStream());
        deflater = new Deflater(1, true);
    }

    private int advance() {
        int i = next;
        next = (next + 1) % ENTRIES;
        return i;
    }

    /** Building an entry from its fields: the record's compact constructor validates every one. */
    @Benchmark
    public DigestEntry entry() {
        DigestEntry e = entries[advance()];
        return new DigestEntry(
                e.section(), e.type(), e.uid(), e.version(), e.epoch(), e.fingerprint(), e.partition(), e.name());
    }

    /** Adding a built entry: escaping, encoding, SHA-256 of the line, written to a null stream. */
    @Benchmark
    public void add() {
        int i = advance();
        if (i == 0) {
            writer = new DigestWriter(OutputStream.nullOutputStream()); // uids must ascend: start again
        }
        writer.add(entries[i]);
    }

    /** Deflating one line at level 1 (the digest piece's level), streaming through distinct lines. */
    @Benchmark
    public int deflateLineLevel1() {
        int i = advance();
        deflater.setInput(lines, lineStarts[i], lineStarts[i + 1] - lineStarts[i]);
        int n = 0;
        while (!deflater.needsInput()) {
            n += deflater.deflate(deflated, 0, deflated.length, Deflater.NO_FLUSH);
        }
        return n;
    }
}
