package io.symbolon.archive.volume;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Publishing finished files under their final names, never replacing one, as the archive writer does. */
final class VolumeFiles {
    private VolumeFiles() {}

    /** The hidden temporary name beside {@code target}. */
    static Path partial(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".partial");
    }

    /** Forces {@code file} to disk. */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Links the complete {@code partial} to {@code target} (failing if it exists) and removes the partial name. */
    static void publish(Path partial, Path target) throws IOException {
        try {
            Files.createLink(target, partial);
        } catch (FileAlreadyExistsException e) {
            throw new SymbolonException(ErrorCode.ALREADY_EXISTS, target + " already exists; nothing is overwritten");
        } catch (UnsupportedOperationException e) {
            if (Files.exists(target)) {
                throw new SymbolonException(
                        ErrorCode.ALREADY_EXISTS, target + " already exists; nothing is overwritten");
            }
            Files.move(partial, target);
        }
        Files.deleteIfExists(partial);
        try (FileChannel directory = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the file itself is durable
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort on an error path; the file holds nothing secret
        }
    }
}
