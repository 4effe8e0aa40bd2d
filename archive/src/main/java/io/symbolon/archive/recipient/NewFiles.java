package io.symbolon.archive.recipient;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Writes files that hold keys the way a crash cannot half-write and a mistake cannot overwrite: the
 * content goes to an owner-only temporary file beside the target, is forced to disk, and is then linked
 * to the target name, which fails if that name exists.
 */
final class NewFiles {
    /** What writes a file's content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException, GeneralSecurityException;
    }

    private NewFiles() {}

    /**
     * Writes {@code content} to a new temporary file in {@code target}'s directory, created mode 0600 (so
     * a private key is never readable by others), then sets {@code permissions}.
     */
    static Path temporary(Path target, Content content, String permissions)
            throws IOException, GeneralSecurityException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(out);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (Files.getFileAttributeView(temporary, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
            }
            return temporary;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /** Moves {@code temporary} to {@code target} atomically, failing if {@code target} exists. */
    static void place(Path temporary, Path target) throws IOException {
        try {
            // link(2) is atomic and never replaces an existing file.
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // A file system without hard links: check, then rename (a narrow race, but no partial file).
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Best effort: the operation already failed, or the file was already placed.
            }
        }
    }
}
