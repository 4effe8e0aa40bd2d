package io.symbolon.vault.backup;

import io.symbolon.vault.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The backup history on SQLite. */
class SqliteBackupHistoryTest extends BackupHistoryContract {
    @TempDir
    Path directory;

    @Override
    protected StorageConfig freshDatabase() {
        try {
            return StorageConfig.sqlite(Files.createDirectories(directory.resolve("node")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
