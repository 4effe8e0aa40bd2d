package io.symbolon.archive.container;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates archive files readable and writable by their owner only (mode 0600), from the first byte:
 * an archive is encrypted, but its metadata and digest name every object, and nobody else on the
 * machine needs to read it.
 */
final class OwnerOnly {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates {@code file}, which must not exist, empty and owner-only. */
    static Path createFile(Path file) throws IOException {
        if (POSIX) {
            FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(MODE);
            return Files.createFile(file, attribute);
        }
        return Files.createFile(file);
    }
}
