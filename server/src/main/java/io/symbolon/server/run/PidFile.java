package io.symbolon.server.run;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The running server's process id, in {@code symbolon.pid} in the data directory: written once the node
 * serves, removed when it stops. A file whose process is gone is stale and ignored.
 *
 * @param file the pid file
 */
public record PidFile(Path file) {
    /** The process the file names, if it is still alive. */
    public Optional<ProcessHandle> running() {
        return read().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    /** The pid written in the file, alive or not. */
    public Optional<Long> read() {
        try {
            return Optional.of(Long.parseLong(
                    Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Records this process; refuses if another live server holds the file. */
    public void claim() {
        Optional<ProcessHandle> other = running()
                .filter(handle -> handle.pid() != ProcessHandle.current().pid());
        if (other.isPresent()) {
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "a server already runs on this data directory (pid "
                            + other.get().pid() + "); stop it first");
        }
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".symbolon.pid", ".tmp");
            Files.writeString(temporary, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write the pid file " + file + ": " + e.getMessage());
        }
    }

    /** Removes the file if it still names this process. */
    public void release() {
        if (read().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stale file is ignored by the next start
            }
        }
    }
}
