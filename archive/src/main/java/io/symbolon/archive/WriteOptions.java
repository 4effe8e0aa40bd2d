package io.symbolon.archive;

/**
 * Tuning of the writer; the defaults suit a node's backup. Nothing here changes what a reader accepts.
 *
 * @param zstdLevel the zstd level for the content (1 is fastest; 3 is zstd's default)
 * @param zstdWorkers zstd's own compression threads (0 compresses in the writer's compression thread)
 * @param digestLevel the deflate level for the digest member: 0 (the default) stores it; 1 makes the
 *     archive about 30 % smaller for small records, at ~6 CPU seconds per GiB of records, which is more
 *     than compressing and encrypting the records themselves (docs/BENCHMARKS.md)
 */
public record WriteOptions(int zstdLevel, int zstdWorkers, int digestLevel) {

    public WriteOptions {
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw new IllegalArgumentException("zstd level must be 1 to 19");
        }
        if (zstdWorkers < 0 || zstdWorkers > 64) {
            throw new IllegalArgumentException("zstd workers must be 0 to 64");
        }
        if (digestLevel < 0 || digestLevel > 9) {
            throw new IllegalArgumentException("digest level must be 0 to 9");
        }
    }

    public static WriteOptions defaults() {
        // The writer already runs four threads (the caller's, compression, encryption, digest): zstd gets
        // a worker of its own per core beyond those. On 2 cores compressing in the compression thread
        // measured best (docs/BENCHMARKS.md).
        int cores = Runtime.getRuntime().availableProcessors();
        return new WriteOptions(1, Math.max(0, Math.min(4, cores - 4)), 0);
    }
}
