package io.symbolon.server.refresh;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.NodeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * How a node refreshes its shares, from its configuration file ({@code symbolon.conf}):
 *
 * <pre>
 * refresh.intervalSeconds=3600   # seed 000's "key material refresh-interval" (EP schedules; 0 = never)
 * refresh.batchSize=1000         # rows rewritten per write transaction
 * </pre>
 *
 * @param interval how often EP refreshes the pair on its own; zero for never (on demand only)
 * @param batchSize rows per write transaction of the rewrite
 */
public record RefreshSettings(Duration interval, int batchSize) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_BATCH_SIZE = 1000;

    public RefreshSettings {
        if (interval == null || interval.isNegative()) {
            throw new SymbolonException(ErrorCode.USAGE, "refresh.intervalSeconds cannot be negative");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new SymbolonException(ErrorCode.USAGE, "refresh.batchSize must be from 1 to 10000, not " + batchSize);
        }
    }

    /** The defaults: every hour, batches of 1,000 rows. */
    public static RefreshSettings defaults() {
        return new RefreshSettings(DEFAULT_INTERVAL, DEFAULT_BATCH_SIZE);
    }

    /** Reads the settings from {@code dataDirectory/symbolon.conf}; keys absent there take their defaults. */
    public static RefreshSettings read(Path dataDirectory) {
        Path file = dataDirectory.resolve(NodeConfig.FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage());
        }
        return new RefreshSettings(
                Duration.ofSeconds(number(properties, file, "refresh.intervalSeconds", DEFAULT_INTERVAL.toSeconds())),
                (int) number(properties, file, "refresh.batchSize", DEFAULT_BATCH_SIZE));
    }

    private static long number(Properties properties, Path file, String key, long fallback) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + ": '" + key + "' is not a number");
        }
    }
}
