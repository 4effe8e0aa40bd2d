package io.symbolon.bench;

import io.symbolon.archive.ArchiveDescription;
import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.ArchiveRekey;
import io.symbolon.archive.ArchiveWriter;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.WriteOptions;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.container.Writeback;
import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.recipient.X25519Recipient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The end-to-end archive benchmark, one operation per JVM (so that each can run under its own
 * {@code -Xmx}); {@code bench/scripts/archive-bench.sh} drives it next to the shell pipelines. Every
 * command prints one JSON line: the operation, its in-process time, sizes, and the peak heap used.
 *
 * <pre>
 * generate --dir D --bytes N            records in D/records/, an age identity in D/identity.txt
 * write    --out DIR --recipient F (--records D | --synthetic N) [--zstd-level 1] [--workers N]
 *          [--digest-level 1] [--feed-only]
 * verify   --archive F [--identity F]   keyless, or decrypting everything and releasing nothing
 * read     --archive F --identity F     verify, then deliver every record to a counting sink (each
 *                                      pass's wall, process CPU and thread CPU seconds apart)
 * decrypt  --archive F --identity F --out DIR
 * rekey    --archive F --identity F --out F2   adds one fresh X25519 recipient
 * cipher   --bytes N                    ChaCha20-Poly1305 (JDK) over N bytes in 64 KiB chunks, alone
 * diskwrite --out F --bytes N [--writeback]   N random bytes written to F in 1 MiB writes, then one
 *                                      fsync; with --writeback, sent to disk as they are written
 *                                      (container.Writeback, as the archive writer does)
 * </pre>
 */
public final class ArchiveBench {
    private final Map<String, String> options;
    private final Map<String, Object> result = new LinkedHashMap<>();

    private ArchiveBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "usage: ArchiveBench generate|write|verify|read|decrypt|rekey|cipher --option value ...");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        ArchiveBench bench = new ArchiveBench(options);
        bench.result.put("op", args[0]);
        long start = System.nanoTime();
        switch (args[0]) {
            case "generate" -> bench.generate();
            case "write" -> bench.write();
            case "verify" -> bench.verify();
            case "read" -> bench.read();
            case "decrypt" -> bench.decrypt();
            case "rekey" -> bench.rekey();
            case "cipher" -> bench.cipher();
            case "diskwrite" -> bench.diskwrite();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        bench.result.put("seconds", Math.round(seconds * 1000) / 1000.0);
        bench.result.put("peakHeapBytes", peakHeap());
        bench.result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        System.out.println(json(bench.result));
    }

    private void generate() throws IOException {
        Path dir = Path.of(required("dir"));
        long bytes = size(required("bytes"));
        long records = RecordFiles.write(dir.resolve("records"), new NodeRecords(seed()), bytes);
        try (X25519Identity identity = X25519Identity.generate()) {
            Files.writeString(dir.resolve("identity.txt"), identity.encoded() + "\n");
            Files.writeString(dir.resolve("recipient.txt"), identity.recipient().encoded() + "\n");
        }
        result.put("records", records);
        result.put("recordBytes", bytes);
    }

    private void write() throws IOException {
        boolean feedOnly = options.containsKey("feed-only");
        WriteOptions defaults = WriteOptions.defaults();
        WriteOptions writeOptions = new WriteOptions(
                integer("zstd-level", defaults.zstdLevel()),
                integer("workers", defaults.zstdWorkers()),
                integer("digest-level", defaults.digestLevel()));
        result.put("zstdLevel", writeOptions.zstdLevel());
        result.put("workers", writeOptions.zstdWorkers());
        result.put("digestLevel", writeOptions.digestLevel());
        long[] bytes = {0};
        if (feedOnly) {
            long[] sink = {0};
            long records = feed((entry, record, length) -> {
                sink[0] += entry.uid().length() + length;
                bytes[0] += length;
            });
            result.put("records", records);
            result.put("recordBytes", bytes[0]);
            result.put("checksum", sink[0]);
            return;
        }
        Path out = Path.of(required("out"));
        Files.createDirectories(out);
        X25519Recipient recipient = X25519Recipient.parse(
                Files.readString(Path.of(required("recipient"))).strip());
        ArchiveDescription description = new ArchiveDescription(
                "symbolon bench",
                "EP",
                "pair-bench",
                "node-ep",
                List.of("EP : ep1", "Partner : partner1"),
                7,
                Instant.now());
        try (ArchiveWriter writer = ArchiveWriter.create(
                out, description, List.of(recipient), BenchSigner.ed25519("node-ep"), writeOptions)) {
            long records = feed((entry, record, length) -> {
                writer.add(entry, record, 0, length);
                bytes[0] += length;
            });
            WrittenArchive written = writer.finish();
            result.put("records", records);
            result.put("recordBytes", bytes[0]);
            result.put("contentBytes", written.metadata().contentSize());
            result.put("archiveBytes", written.size());
            result.put("archive", written.path().toString());
        }
    }

    @FunctionalInterface
    private interface EntrySink {
        void accept(DigestEntry entry, byte[] record, int length) throws IOException;
    }

    /** Feeds every record with its digest entry, from the record files or generated on the fly. */
    private long feed(EntrySink sink) throws IOException {
        long[] count = {0};
        if (options.containsKey("synthetic")) {
            long bytes = size(options.get("synthetic"));
            NodeRecords source = new NodeRecords(seed());
            long total = 0;
            while (total < bytes) {
                int length = source.next();
                sink.accept(NodeRecords.entry(source.buffer(), 0), source.buffer(), length);
                total += 4 + length;
                count[0]++;
            }
        } else {
            RecordFiles.read(Path.of(required("records")), (record, length) -> {
                sink.accept(NodeRecords.entry(record, 0), record, length);
                count[0]++;
            });
        }
        return count[0];
    }

    private void verify() throws IOException {
        Path archive = Path.of(required("archive"));
        Verification verification = options.containsKey("identity")
                ? ArchiveReader.verify(archive, Trust.anySigner(), identities())
                : ArchiveReader.verify(archive, Trust.anySigner());
        result.put("contentVerified", verification.contentVerified());
        result.put("archiveBytes", Files.size(archive));
    }

    /**
     * What {@link ArchiveReader#read} does, its two passes timed apart: the verifying pass, then the
     * delivering pass. CPU is the whole process's (every thread, the JVM's own included) and, apart,
     * the calling thread's (the reader's own work, without garbage collection and compilation).
     */
    private void read() throws IOException {
        Path archive = Path.of(required("archive"));
        List<Identity> identities = identities();
        long[] delivered = {0, 0};
        long start = System.nanoTime();
        long startCpu = processCpuNanos();
        long startThreadCpu = threadCpuNanos();
        Verification verified = ArchiveReader.verify(archive, Trust.anySigner(), identities);
        long verifiedAt = System.nanoTime();
        long verifiedCpu = processCpuNanos();
        long verifiedThreadCpu = threadCpuNanos();
        ArchiveReader.deliver(
                verified,
                Trust.anySigner(),
                identities,
                record -> {
                    delivered[0]++;
                    delivered[1] += record.length;
                },
                Progress.none());
        long end = System.nanoTime();
        long endCpu = processCpuNanos();
        long endThreadCpu = threadCpuNanos();
        result.put("records", delivered[0]);
        result.put("recordBytes", delivered[1]);
        result.put("digestEntries", verified.digest().total());
        result.put("archiveBytes", Files.size(archive));
        result.put("verifySeconds", seconds(verifiedAt - start));
        result.put("verifyCpuSeconds", seconds(verifiedCpu - startCpu));
        result.put("verifyThreadCpuSeconds", seconds(verifiedThreadCpu - startThreadCpu));
        result.put("deliverSeconds", seconds(end - verifiedAt));
        result.put("deliverCpuSeconds", seconds(endCpu - verifiedCpu));
        result.put("deliverThreadCpuSeconds", seconds(endThreadCpu - verifiedThreadCpu));
        result.put("readSeconds", seconds(end - start));
        result.put("readCpuSeconds", seconds(endCpu - startCpu));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    private void decrypt() throws IOException {
        Path archive = Path.of(required("archive"));
        ArchiveReader.decrypt(archive, Trust.anySigner(), identities(), Path.of(required("out")));
        result.put("archiveBytes", Files.size(archive));
    }

    private void rekey() throws IOException {
        Path archive = Path.of(required("archive"));
        try (X25519Identity added = X25519Identity.generate()) {
            ArchiveRekey.rekey(
                    archive,
                    Path.of(required("out")),
                    Trust.anySigner(),
                    new ArchiveRekey.Request(
                            identities(), List.of(added.recipient()), List.of(), Optional.empty(), Instant.now()));
        }
        result.put("archiveBytes", Files.size(archive));
    }

    /** The payload cipher alone: what age's STREAM costs, with nothing around it. */
    private void cipher() throws Exception {
        long bytes = size(required("bytes"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "ChaCha20");
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        byte[] plaintext = new byte[64 * 1024];
        new SecureRandom().nextBytes(plaintext);
        byte[] sealed = new byte[plaintext.length + 16];
        byte[] nonce = new byte[12];
        long done = 0;
        long counter = 0;
        long check = 0;
        while (done < bytes) {
            int n = (int) Math.min(plaintext.length, bytes - done);
            counter++;
            for (int k = 0; k < 8; k++) {
                nonce[3 + k] = (byte) (counter >>> (56 - 8 * k));
            }
            nonce[11] = (byte) (done + n >= bytes ? 1 : 0);
            cipher.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(nonce));
            check += cipher.doFinal(plaintext, 0, n, sealed, 0);
            done += n;
        }
        result.put("bytes", bytes);
        result.put("sealedBytes", check);
    }

    private void diskwrite() throws IOException {
        Path out = Path.of(required("out"));
        long bytes = size(required("bytes"));
        boolean writeback = options.containsKey("writeback");
        byte[] block = new byte[1 << 20];
        new SecureRandom().nextBytes(block);
        long start = System.nanoTime();
        long forceStart;
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Writeback background = Writeback.of(channel, "bench")) {
            long done = 0;
            while (done < bytes) {
                int n = (int) Math.min(block.length, bytes - done);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (writeback) {
                    background.wrote(n);
                }
                done += n;
            }
            background.finish();
            forceStart = System.nanoTime();
            channel.force(true);
        }
        long end = System.nanoTime();
        result.put("bytes", bytes);
        result.put("writeback", writeback);
        result.put("writeSeconds", Math.round((forceStart - start) / 1e6) / 1000.0);
        result.put("fsyncSeconds", Math.round((end - forceStart) / 1e6) / 1000.0);
    }

    private List<Identity> identities() throws IOException {
        return AgeIdentityFile.read(Path.of(required("identity")));
    }

    private String required(String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    private int integer(String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }

    private long seed() {
        return options.containsKey("seed") ? Long.parseLong(options.get("seed")) : 20261123L;
    }

    /** {@code 1073741824}, {@code 1024M}, {@code 1G}, {@code 4G} (binary units). */
    static long size(String text) {
        String t = text.strip().toUpperCase(java.util.Locale.ROOT).replace("IB", "");
        long unit = t.endsWith("G") ? 1L << 30 : t.endsWith("M") ? 1L << 20 : t.endsWith("K") ? 1L << 10 : 1;
        String number = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Math.round(Double.parseDouble(number) * unit);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String json(Map<String, Object> values) {
        StringBuilder out = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(key).append("\":");
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                out.append('"')
                        .append(value.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
        });
        return out.append('}').toString();
    }
}
