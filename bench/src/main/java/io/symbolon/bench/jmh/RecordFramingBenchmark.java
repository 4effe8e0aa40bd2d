package io.symbolon.bench.jmh;

import io.symbolon.archive.records.RecordWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/** Record framing (ARCHIVE-FORMAT.md §6.2) of a 230-byte record into a 256 KiB buffer, as the writer does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordFramingBenchmark {
    private final byte[] record = new byte[230];
    private RecordWriter writer;

    @Setup
    public void setUp() throws IOException {
        new SplittableRandom(1).nextBytes(record);
        writer = new RecordWriter(new BufferedOutputStream(OutputStream.nullOutputStream(), 256 * 1024));
    }

    @Benchmark
    public void frame() throws IOException {
        writer.write(record, 0, record.length);
    }
}
