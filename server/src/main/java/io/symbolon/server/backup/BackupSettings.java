package io.symbolon.server.backup;

import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * A node's backup settings (seed 000's "Automatic Backup Settings"), in {@code backup.conf} in its data
 * directory: the backup keystore whose certificates the node encrypts its archives to (path, type,
 * alias, and a file holding its store password), and the folder archives go to (default {@code
 * <data-dir>/backup}). The file holds no secret and no private key: the backup keystore has public
 * certificates only, and its store password stays in the file it names. Read afresh by every backup,
 * so an edit takes effect without a restart.
 *
 * <pre>
 * keystore=/etc/symbolon/ep-backup.jceks
 * keystore.type=JCEKS                           (optional: detected from the file)
 * keystore.alias=backup                         (optional: every certificate of the keystore)
 * keystore.passwordFile=/etc/symbolon/ep-backup.password
 * folder=/var/lib/symbolon/backup               (optional)
 * recordsPerSecond=0                            (optional: a limit, to spare a busy node; 0 for none)
 * </pre>
 *
 * Keys this version does not know (such as the scheduling and retention settings of later versions)
 * are left alone.
 *
 * @param keystore the backup keystore (JCEKS or PKCS12, the public certificates only)
 * @param keystoreType JCEKS, PKCS12 or JKS; detected when empty
 * @param alias the keystore entry to encrypt to; every RSA certificate of the keystore when empty
 * @param keystorePasswordFile a file holding the keystore's store password; without it the keystore is
 *     read without a password (JCEKS allows that for certificates)
 * @param folder where archives are written
 * @param recordsPerSecond the most records a backup writes per second, 0 for no limit
 */
public record BackupSettings(
        Path keystore,
        Optional<String> keystoreType,
        Optional<String> alias,
        Optional<Path> keystorePasswordFile,
        Path folder,
        int recordsPerSecond) {
    /** The file's name in the data directory. */
    public static final String FILE = "backup.conf";
    /** The archives' folder in the data directory unless the settings name another. */
    public static final String DEFAULT_FOLDER = "backup";

    public BackupSettings {
        if (keystore == null || keystoreType == null || alias == null || keystorePasswordFile == null) {
            throw new SymbolonException(ErrorCode.USAGE, "backup settings need a keystore");
        }
        if (folder == null) {
            throw new SymbolonException(ErrorCode.USAGE, "backup settings need a folder");
        }
        if (recordsPerSecond < 0) {
            throw new SymbolonException(ErrorCode.USAGE, "recordsPerSecond cannot be negative");
        }
        keystoreType = keystoreType.map(type -> type.toUpperCase(Locale.ROOT));
    }

    /** Settings encrypting to {@code keystore}, into the data directory's backup folder. */
    public static BackupSettings of(DataDirectory directory, Path keystore, Optional<Path> keystorePasswordFile) {
        return new BackupSettings(
                keystore.toAbsolutePath(),
                Optional.empty(),
                Optional.empty(),
                keystorePasswordFile.map(Path::toAbsolutePath),
                defaultFolder(directory),
                0);
    }

    /** {@code <data-dir>/backup}. */
    public static Path defaultFolder(DataDirectory directory) {
        return directory.path().resolve(DEFAULT_FOLDER);
    }

    /** Whether the node has backup settings. */
    public static boolean exist(DataDirectory directory) {
        return Files.exists(directory.path().resolve(FILE));
    }

    /** Reads {@code <data-dir>/backup.conf}. */
    public static BackupSettings read(DataDirectory directory) {
        Path file = directory.path().resolve(FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(
                    ErrorCode.NOT_FOUND,
                    "this node has no backup settings (" + file + "): write them with the backup keystore to"
                            + " encrypt to (docs/OPERATIONS.md, \"Backup settings\")");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage());
        }
        String keystore = properties.getProperty("keystore", "").strip();
        if (keystore.isEmpty()) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + " lacks 'keystore' (the backup keystore)");
        }
        int rate;
        try {
            rate = Integer.parseInt(
                    properties.getProperty("recordsPerSecond", "0").strip());
        } catch (NumberFormatException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + ": 'recordsPerSecond' is not a number");
        }
        return new BackupSettings(
                directory.path().resolve(keystore),
                optional(properties, "keystore.type"),
                optional(properties, "keystore.alias"),
                optional(properties, "keystore.passwordFile")
                        .map(p -> directory.path().resolve(p)),
                optional(properties, "folder")
                        .map(p -> directory.path().resolve(p))
                        .orElse(defaultFolder(directory)),
                rate);
    }

    /** Writes {@code <data-dir>/backup.conf} (atomically), keeping no secret in it. */
    public void write(DataDirectory directory) {
        StringWriter text = new StringWriter();
        text.append("# Symbolon backup settings (docs/OPERATIONS.md). No secret belongs here.\n");
        line(text, "keystore", keystore.toString());
        keystoreType.ifPresent(type -> line(text, "keystore.type", type));
        alias.ifPresent(name -> line(text, "keystore.alias", name));
        keystorePasswordFile.ifPresent(path -> line(text, "keystore.passwordFile", path.toString()));
        line(text, "folder", folder.toString());
        line(text, "recordsPerSecond", Integer.toString(recordsPerSecond));
        try {
            Path temporary = Files.createTempFile(directory.path(), "." + FILE, ".tmp");
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, directory.path().resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot write " + FILE + " into " + directory + ": " + e.getMessage());
        }
    }

    /** The recipients of the backup keystore: its RSA certificates (or the one of {@link #alias()}). */
    public List<Recipient> recipients() {
        char[] password = keystorePasswordFile.map(BackupSettings::readPassword).orElse(null);
        try {
            KeyStore loaded = keystoreType.isPresent()
                    ? Keystores.load(keystore, keystoreType.get(), password)
                    : Keystores.load(keystore, password);
            return List.copyOf(Keystores.recipients(loaded, alias.orElse(null)));
        } catch (SymbolonException e) {
            throw new SymbolonException(
                    e.errorCode(), "the backup keystore " + keystore + " (" + FILE + "): " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static char[] readPassword(Path file) {
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            int length = bytes.length;
            while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r')) {
                length--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, length));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot read the backup keystore's password file " + file + " (" + FILE + ")");
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private static Optional<String> optional(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(key))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static void line(StringWriter text, String key, String value) {
        text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n');
    }
}
