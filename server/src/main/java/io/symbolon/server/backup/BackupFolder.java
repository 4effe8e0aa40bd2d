package io.symbolon.server.backup;

import io.symbolon.archive.ArchiveName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes pruned archives from one node's backup folder — on EP for its own half, on the Partner at EP's
 * request for its half. Only a plain file whose name is exactly {@code database_<yyyy-MM-dd-HH-mm-ss>.tar.gz}
 * is ever removed, and only directly inside the folder: a name EP sends cannot reach anything else
 * (no separator, no {@code ..}, no other file kind, no symbolic link followed).
 */
public final class BackupFolder {
    private static final Logger LOG = LoggerFactory.getLogger(BackupFolder.class);

    private BackupFolder() {}

    /** What became of one archive: {@code REMOVED}, {@code ABSENT} (already gone) or {@code FAILED}. */
    public enum Outcome {
        REMOVED,
        ABSENT,
        FAILED
    }

    /**
     * One archive's removal.
     *
     * @param file the archive's name
     * @param outcome what became of it
     * @param reason why it FAILED
     */
    public record Removal(String file, Outcome outcome, String reason) {
        /** Whether the archive is no longer in the folder. */
        public boolean gone() {
            return outcome != Outcome.FAILED;
        }
    }

    /** Removes the archive {@code file} from {@code folder}; never throws. */
    public static Removal remove(Path folder, String file) {
        if (file == null || !ArchiveName.isArchiveName(file)) {
            return new Removal(
                    String.valueOf(file),
                    Outcome.FAILED,
                    "not an archive name (database_<yyyy-MM-dd-HH-mm-ss>.tar.gz)");
        }
        Path path = folder.resolve(file);
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return new Removal(file, Outcome.ABSENT, null);
            }
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return new Removal(file, Outcome.FAILED, path + " is not a regular file; left alone");
            }
            Files.delete(path);
            LOG.info("archive pruned folder={} file={}", folder, file);
            return new Removal(file, Outcome.REMOVED, null);
        } catch (IOException e) {
            LOG.warn("cannot prune an archive file={} reason=\"{}\"", path, e.toString());
            return new Removal(file, Outcome.FAILED, "cannot remove " + path + ": " + e.getMessage());
        }
    }
}
