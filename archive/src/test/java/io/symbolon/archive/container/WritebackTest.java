package io.symbolon.archive.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a large file sends it to disk as it goes, and never hides a failed write-out. */
class WritebackTest {
    @TempDir
    Path directory;

    @Test
    void forcesTheFileWhileItIsStillBeingWrittenAndKeepsEveryByte() throws Exception {
        byte[] content = new byte[(int) (3 * Writeback.STEP)];
        new Random(11).nextBytes(content);
        try (FileChannel channel = open("file");
                Writeback writeback = Writeback.of(channel, "file")) {
            OutputStream out = writeback.counting(Channels.newOutputStream(channel));
            for (int at = 0; at < content.length; at += 1 << 20) {
                out.write(content, at, 1 << 20);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> writeback.forces() >= 1);
            writeback.finish();
            channel.force(true);
            assertThat(channel.size()).isEqualTo(3 * Writeback.STEP);
        }
        assertThat(Files.readAllBytes(directory.resolve("file"))).isEqualTo(content);
    }

    @Test
    void forcesNothingForAFileSmallerThanOneStep() throws Exception {
        try (FileChannel channel = open("small");
                Writeback writeback = Writeback.of(channel, "small")) {
            writeback.counting(Channels.newOutputStream(channel)).write(new byte[(int) Writeback.STEP - 1]);
            writeback.finish();
            assertThat(writeback.forces()).isZero();
        }
    }

    @Test
    void copiesAFileByTheKernelByteForByte() throws Exception {
        byte[] content = new byte[(int) (2 * Writeback.STEP + 12_345)];
        new Random(7).nextBytes(content);
        Path source = Files.write(directory.resolve("source"), content);
        try (FileChannel channel = open("copy");
                FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                Writeback writeback = Writeback.of(channel, "copy")) {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            writeback.transferFrom(in, 0, content.length);
            writeback.finish();
        }
        byte[] copied = Files.readAllBytes(directory.resolve("copy"));
        assertThat(copied).hasSize(content.length + 3);
        assertThat(java.util.Arrays.copyOfRange(copied, 3, copied.length)).isEqualTo(content);
    }

    @Test
    void aFailedBackgroundForceFailsTheNextWriteAndTheFinish() throws Exception {
        try (FileChannel real = open("failing");
                Writeback writeback = Writeback.of(new ForceFails(real), "failing")) {
            writeback.wrote(Writeback.STEP);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThatThrownBy(() -> writeback.wrote(1))
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining("writing failing to disk failed")
                            .hasMessageContaining("device gone"));
            assertThatThrownBy(writeback::finish).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aWriterThatIsAbandonedStopsForcingAndItsFileCanBeDeleted() throws Exception {
        Path file = directory.resolve("abandoned");
        FileChannel channel = open("abandoned");
        Writeback writeback = Writeback.of(channel, "abandoned");
        writeback.counting(Channels.newOutputStream(channel)).write(new byte[(int) Writeback.STEP]);
        writeback.close();
        channel.close();
        Files.delete(file);
        writeback.wrote(Writeback.STEP); // after close: counted, no force started, no error
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void anArchiveContainerForcesItsFileAsItIsWritten() throws Exception {
        Path target = directory.resolve("container.tar.gz");
        try (StreamedContainer container = StreamedContainer.create(target, Instant.EPOCH, 4096)) {
            try (OutputStream content = container.openStreamed(Member.DIGEST, 0)) {
                byte[] block = new byte[1 << 20];
                for (long written = 0; written < 2 * Writeback.STEP; written += block.length) {
                    content.write(block);
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> container.writeback().forces() >= 1);
        }
    }

    private FileChannel open(String name) throws IOException {
        return FileChannel.open(
                directory.resolve(name),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /** A real file whose force fails, as a disk that went away would. */
    private static final class ForceFails extends FileChannel {
        private final FileChannel real;

        ForceFails(FileChannel real) {
            this.real = real;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            throw new IOException("device gone");
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return real.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return real.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
