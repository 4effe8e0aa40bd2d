package io.symbolon.cli.client;

import io.symbolon.server.boot.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: which node on this machine (default /var/lib/symbolon, or $SYMBOLON_DATA_DIR). */
public final class DataDirOption {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The node's data directory (default: $SYMBOLON_DATA_DIR, else /var/lib/symbolon).")
    Path dataDir;

    public DataDirectory directory() {
        if (dataDir != null) {
            return new DataDirectory(dataDir);
        }
        String fromEnvironment = System.getenv("SYMBOLON_DATA_DIR");
        return new DataDirectory(
                fromEnvironment == null || fromEnvironment.isBlank()
                        ? DataDirectory.DEFAULT
                        : Path.of(fromEnvironment));
    }

    /** Whether the user named a data directory (by option or environment). */
    public boolean given() {
        return dataDir != null
                || (System.getenv("SYMBOLON_DATA_DIR") != null
                        && !System.getenv("SYMBOLON_DATA_DIR").isBlank());
    }
}
