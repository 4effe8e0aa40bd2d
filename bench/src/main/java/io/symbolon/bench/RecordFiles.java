package io.symbolon.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Records on disk for the shell pipelines: a directory of {@code shard-NNN.bin} files of about 64 MiB,
 * each a sequence of {@code u32-be length || record}. {@code tar -c} archives the directory; the
 * Symbolon writer reads the same files.
 */
final class RecordFiles {
    static final long SHARD_BYTES = 64L << 20;

    private RecordFiles() {}

    /** Receives one record; the array is reused after the call. */
    @FunctionalInterface
    interface Consumer {
        void accept(byte[] record, int length) throws IOException;
    }

    /** Writes records from {@code source} until at least {@code bytes} are written; returns the count. */
    static long write(Path directory, NodeRecords source, long bytes) throws IOException {
        Files.createDirectories(directory);
        long total = 0;
        int shard = 0;
        while (total < bytes) {
            Path file = directory.resolve(String.format("shard-%03d.bin", shard++));
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
                long inShard = 0;
                while (inShard < SHARD_BYTES && total < bytes) {
                    int length = source.next();
                    out.writeInt(length);
                    out.write(source.buffer(), 0, length);
                    inShard += 4 + length;
                    total += 4 + length;
                }
            }
        }
        return source.index();
    }

    /** Calls {@code consumer} for every record in the directory's shards, in order. */
    static void read(Path directory, Consumer consumer) throws IOException {
        List<Path> shards;
        try (Stream<Path> files = Files.list(directory)) {
            shards = files.filter(f -> f.getFileName().toString().startsWith("shard-"))
                    .sorted()
                    .toList();
        }
        byte[] record = new byte[64 * 1024];
        for (Path shard : shards) {
            try (DataInputStream in =
                    new DataInputStream(new BufferedInputStream(Files.newInputStream(shard), 1 << 20))) {
                while (true) {
                    int length;
                    try {
                        length = in.readInt();
                    } catch (EOFException end) {
                        break;
                    }
                    in.readFully(record, 0, length);
                    consumer.accept(record, length);
                }
            }
        }
    }
}
