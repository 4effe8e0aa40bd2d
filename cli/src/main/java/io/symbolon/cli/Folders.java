package io.symbolon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The commands' own temporary folders. */
public final class Folders {
    private Folders() {}

    /**
     * Deletes {@code root} and everything below it, as much as it can (a file that cannot be deleted does not
     * stop the others); returns whether nothing is left.
     */
    public static boolean deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // unreadable or already gone: the check below says which
        }
        return Files.notExists(root);
    }
}
