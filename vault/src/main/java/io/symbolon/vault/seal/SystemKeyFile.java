package io.symbolon.vault.seal;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sealed system key in a node's data directory ({@code system-key.sealed}, mode 0600). Creating it
 * draws a fresh key and seals it; opening it unseals it with the same {@link Sealer}, and explains a
 * data directory copied from another machine.
 */
public final class SystemKeyFile {
    /** The file's name inside the data directory. */
    public static final String NAME = "system-key.sealed";

    private static final Logger LOG = LoggerFactory.getLogger(SystemKeyFile.class);

    private SystemKeyFile() {}

    /** Draws a new system key for {@code dataDirectory} and stores it sealed; refuses to replace one. */
    public static SystemKey create(Path dataDirectory, Sealer sealer, SecureRandom random) {
        Path file = dataDirectory.resolve(NAME);
        SystemKey key = SystemKey.generate(random);
        byte[] sealed;
        try {
            sealed = sealer.seal(key.material());
        } catch (RuntimeException e) {
            key.close();
            throw e;
        }
        try {
            Files.createDirectories(dataDirectory);
            Path temporary = Files.createTempFile(
                    dataDirectory,
                    "." + NAME,
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(
                            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            try {
                Files.write(temporary, sealed, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                Files.createLink(file, temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException e) {
            key.close();
            throw new SymbolonException(
                    ErrorCode.ALREADY_EXISTS,
                    dataDirectory + " already has a system key; boot into an empty data directory");
        } catch (IOException | UnsupportedOperationException e) {
            key.close();
            throw new SymbolonException(ErrorCode.IO, "cannot write the system key into " + dataDirectory, e);
        }
        LOG.info("system key created dataDir={} sealer=\"{}\"", dataDirectory, sealer.describe());
        return key;
    }

    /** Unseals the system key of {@code dataDirectory}. */
    public static SystemKey open(Path dataDirectory, Sealer sealer, SecureRandom random) {
        Path file = dataDirectory.resolve(NAME);
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(
                    ErrorCode.NOT_FOUND, dataDirectory + " has no system key (" + NAME + "): boot the node first");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read the system key of " + dataDirectory, e);
        }
        SecretBytes material;
        try {
            material = sealer.unseal(sealed);
        } catch (SealedElsewhereException e) {
            throw new SymbolonException(
                    ErrorCode.SEALED,
                    "the system key of " + dataDirectory + " was sealed on another machine (machine secret "
                            + e.expected() + " expected, " + e.found() + " found); restore from a backup instead"
                            + " of copying a data directory",
                    e);
        }
        return SystemKey.adopt(material, random);
    }
}
