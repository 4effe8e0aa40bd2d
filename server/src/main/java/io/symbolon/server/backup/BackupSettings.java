package io.symbolon.server.backup;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.custodian.CustodianSetCodec;
import io.symbolon.archive.custodian.CustodianSetRecipient;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.recipient.RecipientLines;
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
import java.util.OptionalInt;
import java.util.Properties;

/**
 * A node's backup settings (seed 000's "Automatic Backup Settings"), in {@code backup.conf} in its data
 * directory: the backup keystore whose certificates the node encrypts its archives to (path, type,
 * alias, and a file holding its store password) and/or a recipient file of age recipients
 * ({@code age1…}, post-quantum {@code age1pq1…}) or {@code ssh-rsa} keys, optionally a custodian set
 * encrypted to beside them, the
 * folder archives go to (default {@code <data-dir>/backup}), and on EP the schedule of its automatic
 * backups and how many archives to keep. The file holds no secret and no private key: the backup
 * keystore has public certificates only, and its store password stays in the file it names. Read afresh
 * by every backup (and by EP's scheduler when it changes), so an edit takes effect without a restart.
 * {@code symbolon backup config init} writes it after checking every setting.
 *
 * <pre>
 * keystore=/etc/symbolon/ep-backup.jceks
 * keystore.type=JCEKS                           (optional: detected from the file)
 * keystore.alias=backup                         (optional: every certificate of the keystore)
 * keystore.passwordFile=/etc/symbolon/ep-backup.password
 * recipients=/etc/symbolon/ep-backup.recipients (optional: age -R style lines; with or instead of keystore)
 * custodianSet=/etc/symbolon/finance.set        (optional: also encrypt to a custodian set)
 * folder=/var/lib/symbolon/backup               (optional)
 * recordsPerSecond=0                            (optional: a limit, to spare a busy node; 0 for none)
 * schedule=30 2 * * *                           (optional, EP only: cron fields, @daily, @every 6h)
 * schedule.timeZone=Europe/Paris                (optional: the time zone of cron fields; UTC by default)
 * retention.count=14                            (optional, EP only: keep the newest 14 backups' archives)
 * retention.days=30                             (optional, EP only: and those of the last 30 days)
 * </pre>
 *
 * Files written before scheduling existed (without the last five keys) read as before: no custodian set,
 * no schedule, every archive kept. Keys this version does not know are left alone.
 *
 * @param keystore the backup keystore (JCEKS or PKCS12, the public certificates only), if any
 * @param keystoreType JCEKS, PKCS12 or JKS; detected when empty
 * @param alias the keystore entry to encrypt to; every RSA certificate of the keystore when empty
 * @param keystorePasswordFile a file holding the keystore's store password; without it the keystore is
 *     read without a password (JCEKS allows that for certificates)
 * @param folder where archives are written
 * @param recordsPerSecond the most records a backup writes per second, 0 for no limit
 * @param custodianSet a custodian set file ({@code symbolon custodian define}) to encrypt to as well
 * @param schedule when EP backs the pair up on its own
 * @param retention which archives EP keeps, applied after every backup that wrote its archives
 * @param recipientsFile a file of recipient lines to encrypt to, with or instead of the keystore's
 */
public record BackupSettings(
        Optional<Path> keystore,
        Optional<String> keystoreType,
        Optional<String> alias,
        Optional<Path> keystorePasswordFile,
        Path folder,
        int recordsPerSecond,
        Optional<Path> custodianSet,
        Optional<BackupSchedule> schedule,
        BackupRetention retention,
        Optional<Path> recipientsFile) {
    /** The file's name in the data directory. */
    public static final String FILE = "backup.conf";
    /** The archives' folder in the data directory unless the settings name another. */
    public static final String DEFAULT_FOLDER = "backup";

    public BackupSettings {
        if (keystore == null
                || keystoreType == null
                || alias == null
                || keystorePasswordFile == null
                || recipientsFile == null) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "backup settings need their keystore options and recipient file, if empty");
        }
        if (keystore.isEmpty() && recipientsFile.isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "backup settings need a backup keystore, a recipient file, or both");
        }
        if (keystore.isEmpty() && (keystoreType.isPresent() || alias.isPresent() || keystorePasswordFile.isPresent())) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "the keystore's type, alias and password file go with a keystore");
        }
        if (folder == null) {
            throw new SymbolonException(ErrorCode.USAGE, "backup settings need a folder");
        }
        if (recordsPerSecond < 0) {
            throw new SymbolonException(ErrorCode.USAGE, "recordsPerSecond cannot be negative");
        }
        if (custodianSet == null || schedule == null || retention == null) {
            throw new SymbolonException(ErrorCode.USAGE, "backup settings need a schedule and a retention, if empty");
        }
        keystoreType = keystoreType.map(type -> type.toUpperCase(Locale.ROOT));
    }

    /** Settings without a custodian set, a schedule or a retention (as before scheduling existed). */
    public BackupSettings(
            Path keystore,
            Optional<String> keystoreType,
            Optional<String> alias,
            Optional<Path> keystorePasswordFile,
            Path folder,
            int recordsPerSecond) {
        this(
                Optional.of(keystore),
                keystoreType,
                alias,
                keystorePasswordFile,
                folder,
                recordsPerSecond,
                Optional.empty(),
                Optional.empty(),
                BackupRetention.none(),
                Optional.empty());
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
        Optional<String> keystore = optional(properties, "keystore");
        Optional<String> recipients = optional(properties, "recipients");
        if (keystore.isEmpty() && recipients.isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.MALFORMED,
                    file + " lacks 'keystore' (the backup keystore) and 'recipients' (a recipient file): it needs one");
        }
        int rate;
        try {
            rate = Integer.parseInt(
                    properties.getProperty("recordsPerSecond", "0").strip());
        } catch (NumberFormatException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + ": 'recordsPerSecond' is not a number");
        }
        Optional<BackupSchedule> schedule;
        BackupRetention retention;
        try {
            schedule = optional(properties, "schedule")
                    .map(text -> BackupSchedule.parse(text, optional(properties, "schedule.timeZone")));
            retention = new BackupRetention(
                    count(properties, file, "retention.count"), count(properties, file, "retention.days"));
        } catch (SymbolonException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + ": " + e.getMessage(), e);
        }
        return new BackupSettings(
                keystore.map(p -> directory.path().resolve(p)),
                optional(properties, "keystore.type"),
                optional(properties, "keystore.alias"),
                optional(properties, "keystore.passwordFile")
                        .map(p -> directory.path().resolve(p)),
                optional(properties, "folder")
                        .map(p -> directory.path().resolve(p))
                        .orElse(defaultFolder(directory)),
                rate,
                optional(properties, "custodianSet").map(p -> directory.path().resolve(p)),
                schedule,
                retention,
                recipients.map(p -> directory.path().resolve(p)));
    }

    /** When {@code <data-dir>/backup.conf} last changed (EP's scheduler re-reads it then); empty if absent. */
    public static Optional<java.nio.file.attribute.FileTime> modified(DataDirectory directory) {
        try {
            return Optional.of(Files.getLastModifiedTime(directory.path().resolve(FILE)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code <data-dir>/backup.conf} (atomically), keeping no secret in it. */
    public void write(DataDirectory directory) {
        StringWriter text = new StringWriter();
        text.append("# Symbolon backup settings (docs/OPERATIONS.md). No secret belongs here.\n");
        keystore.ifPresent(path -> line(text, "keystore", path.toString()));
        keystoreType.ifPresent(type -> line(text, "keystore.type", type));
        alias.ifPresent(name -> line(text, "keystore.alias", name));
        keystorePasswordFile.ifPresent(path -> line(text, "keystore.passwordFile", path.toString()));
        recipientsFile.ifPresent(path -> line(text, "recipients", path.toString()));
        line(text, "folder", folder.toString());
        line(text, "recordsPerSecond", Integer.toString(recordsPerSecond));
        custodianSet.ifPresent(path -> line(text, "custodianSet", path.toString()));
        schedule.ifPresent(when -> {
            line(text, "schedule", when.text());
            if (!when.zone().equals(java.time.ZoneOffset.UTC)) {
                line(text, "schedule.timeZone", when.zone().getId());
            }
        });
        retention.count().ifPresent(n -> line(text, "retention.count", Integer.toString(n)));
        retention.days().ifPresent(n -> line(text, "retention.days", Integer.toString(n)));
        try {
            Path temporary = Files.createTempFile(directory.path(), "." + FILE, ".tmp");
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, directory.path().resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot write " + FILE + " into " + directory + ": " + e.getMessage());
        }
    }

    /**
     * The recipients archives are encrypted to: the backup keystore's RSA certificates (or the one of
     * {@link #alias()}), those of the recipient file, and the custodian set if there is one (whose
     * custodians must all have public keys: an unattended backup cannot ask for a passphrase).
     *
     * @throws SymbolonException {@link ErrorCode#BAD_RECIPIENT} if post-quantum recipients are mixed with
     *     classic ones, which no archive may be encrypted to
     */
    public List<Recipient> recipients() {
        List<Recipient> recipients = new java.util.ArrayList<>();
        keystore.ifPresent(path -> {
            KeyStore loaded = loadKeystore().orElseThrow();
            try {
                recipients.addAll(Keystores.recipients(loaded, alias.orElse(null)));
            } catch (SymbolonException e) {
                throw new SymbolonException(
                        e.errorCode(), "the backup keystore " + path + " (" + FILE + "): " + e.getMessage(), e);
            }
        });
        recipientsFile.ifPresent(path -> {
            try {
                recipients.addAll(RecipientLines.read(path));
            } catch (SymbolonException e) {
                throw new SymbolonException(e.errorCode(), e.getMessage() + " (" + FILE + ")", e);
            }
        });
        custodianSet.ifPresent(set -> recipients.add(custodianRecipient(set)));
        try {
            Age.requireNoPostQuantumMix(recipients);
        } catch (SymbolonException e) {
            throw new SymbolonException(e.errorCode(), FILE + ": " + e.getMessage(), e);
        }
        return List.copyOf(recipients);
    }

    /** The backup keystore, opened with the password of its password file; empty without a keystore. */
    public Optional<KeyStore> loadKeystore() {
        if (keystore.isEmpty()) {
            return Optional.empty();
        }
        char[] password = keystorePasswordFile.map(BackupSettings::readPassword).orElse(null);
        try {
            return Optional.of(
                    keystoreType.isPresent()
                            ? Keystores.load(keystore.get(), keystoreType.get(), password)
                            : Keystores.load(keystore.get(), password));
        } catch (SymbolonException e) {
            throw new SymbolonException(
                    e.errorCode(), "the backup keystore " + keystore.get() + " (" + FILE + "): " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static Recipient custodianRecipient(Path file) {
        try {
            return CustodianSetRecipient.of(CustodianSetCodec.load(file));
        } catch (SymbolonException e) {
            throw new SymbolonException(
                    e.errorCode(), "the custodian set " + file + " (" + FILE + "): " + e.getMessage(), e);
        }
    }

    private static OptionalInt count(Properties properties, Path file, String key) {
        Optional<String> value = optional(properties, key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.get()));
        } catch (NumberFormatException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, "'" + key + "' is not a whole number");
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
