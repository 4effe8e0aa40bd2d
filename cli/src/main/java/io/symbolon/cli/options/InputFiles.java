package io.symbolon.cli.options;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a file the user named exists before anything is asked or read (a prompt would be wasted). */
public final class InputFiles {
    private InputFiles() {}

    /** Fails with {@link ErrorCode#NOT_FOUND} unless {@code file} is an existing regular file. */
    public static Path require(Path file, String what) {
        if (!Files.exists(file)) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, what + " " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new SymbolonException(ErrorCode.USAGE, what + " " + file + " is not a regular file");
        }
        return file;
    }
}
