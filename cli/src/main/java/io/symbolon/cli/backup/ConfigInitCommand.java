package io.symbolon.cli.backup;

import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.cli.client.DataDirOption;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.backup.BackupRetention;
import io.symbolon.server.backup.BackupSchedule;
import io.symbolon.server.backup.BackupSettings;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.vault.node.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symbolon backup config init}: writes {@code backup.conf} after checking every setting. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        sortOptions = false,
        description = {
            "Write this node's backup settings (backup.conf in its data directory), checking them first.",
            "",
            "Names the backup keystore the node encrypts its archives to (seed 000's \"Automatic Backup"
                    + " Settings\"; 'symbolon backup keygen' makes one), or a recipient file of age recipients"
                    + " (age1…, post-quantum age1pq1… from 'symbolon archive keygen --pq') and ssh-rsa keys, or both;"
                    + " and on EP when to back the pair up and"
                    + " which archives to keep. Refuses a keystore that does not open with its password file or"
                    + " holds no RSA certificate of at least 3072 bits, a recipient file with a bad line,"
                    + " post-quantum recipients beside classic ones, a custodian set with passphrase"
                    + " custodians, a schedule it cannot read, and an existing backup.conf (unless --force).",
            "Give EP and the Partner different backup keys: one stolen restore key then opens only half of a"
                    + " pair. A running node reads the file again when it changes."
        })
final class ConfigInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--keystore",
            paramLabel = "FILE",
            description = "The backup keystore (JCEKS or PKCS12): the certificate archives are encrypted to.")
    Path keystore;

    @Option(
            names = "--recipients",
            paramLabel = "FILE",
            description = "A recipient file (age -R style: age1…, age1pq1… or ssh-rsa lines) to encrypt to, with"
                    + " or instead of --keystore. Post-quantum recipients go alone.")
    Path recipientsFile;

    @Option(
            names = "--keystore-type",
            paramLabel = "TYPE",
            description = "JCEKS or PKCS12 (default: detected from the file).")
    String keystoreType;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            description = "The keystore entry to encrypt to (default: every RSA certificate of the keystore).")
    String alias;

    @Option(
            names = "--keystore-password-file",
            paramLabel = "FILE",
            description = "A file holding the keystore's store password; the node reads it at every backup.")
    Path keystorePasswordFile;

    @Option(
            names = "--custodian-set",
            paramLabel = "FILE",
            description = "Also encrypt to this custodian set ('symbolon custodian define'); its custodians must"
                    + " all have public keys.")
    Path custodianSet;

    @Option(
            names = "--folder",
            paramLabel = "DIR",
            description = "Where archives go (default: <data-dir>/backup, created 0700 at the first backup).")
    Path folder;

    @Option(
            names = "--schedule",
            paramLabel = "WHEN",
            description = "EP only: when to back the pair up, as cron's five fields ('30 2 * * *': every day at"
                    + " 02:30), @hourly, @daily, @weekly, @monthly, or '@every 6h' (default: never).")
    String schedule;

    @Option(
            names = "--schedule-time-zone",
            paramLabel = "ZONE",
            description = "The time zone of the schedule's cron fields, e.g. Europe/Paris (default: UTC).")
    String scheduleTimeZone;

    @Option(
            names = "--retention-count",
            paramLabel = "N",
            description = "EP only: keep the archives of the newest N backups (and always the newest TEST_SUCCESS).")
    Integer retentionCount;

    @Option(
            names = "--retention-days",
            paramLabel = "DAYS",
            description = "EP only: keep the archives of the backups of the last DAYS days (with --retention-count:"
                    + " those either keeps).")
    Integer retentionDays;

    @Option(
            names = "--records-per-second",
            paramLabel = "N",
            defaultValue = "0",
            description = "At most N records a second, to spare a busy node (default: 0, no limit).")
    int recordsPerSecond;

    @Option(names = "--force", description = "Replace an existing backup.conf.")
    boolean force;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        DataDirectory directory = dataDir.directory();
        Role role = role(directory);
        Path file = directory.path().resolve(BackupSettings.FILE);
        if (Files.exists(file) && !force) {
            throw new SymbolonException(
                    ErrorCode.ALREADY_EXISTS,
                    file + " exists; 'symbolon backup config show' shows it, --force replaces it");
        }
        if (role == Role.PARTNER && (schedule != null || retentionCount != null || retentionDays != null)) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "the Partner neither schedules nor prunes: EP's settings do both for the pair (EP prunes the"
                            + " Partner's archives too); give the Partner only its own backup keystore");
        }
        BackupSettings settings = settings(directory);
        // Opens the keystore (password, RSA, size) and reads the recipient file, the custodian set and the mix.
        List<Recipient> recipients = settings.recipients();
        List<String> warnings = ConfigShowCommand.keystoreWarnings(settings);
        settings.write(directory);
        ConfigShowCommand.report(
                spec.commandLine().getOut(), json, "Wrote", directory, role, settings, recipients, warnings);
        return 0;
    }

    private BackupSettings settings(DataDirectory directory) {
        if (keystore == null && recipientsFile == null) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "name what archives are encrypted to: --keystore FILE, --recipients FILE, or both");
        }
        if (keystore == null && (keystoreType != null || alias != null || keystorePasswordFile != null)) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "--keystore-type, --alias and --keystore-password-file go with --keystore");
        }
        if (keystore != null && !Files.isRegularFile(keystore)) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "keystore " + keystore + " does not exist");
        }
        if (recipientsFile != null && !Files.isRegularFile(recipientsFile)) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "recipient file " + recipientsFile + " does not exist");
        }
        if (keystorePasswordFile != null && !Files.isReadable(keystorePasswordFile)) {
            throw new SymbolonException(
                    ErrorCode.NOT_FOUND, "the keystore password file " + keystorePasswordFile + " cannot be read");
        }
        if (custodianSet != null && !Files.isRegularFile(custodianSet)) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "custodian set " + custodianSet + " does not exist");
        }
        Path archives = folder == null ? BackupSettings.defaultFolder(directory) : folder.toAbsolutePath();
        if (Files.exists(archives) && !Files.isDirectory(archives)) {
            throw new SymbolonException(ErrorCode.USAGE, "--folder " + archives + " is not a directory");
        }
        if (recordsPerSecond < 0) {
            throw new SymbolonException(ErrorCode.USAGE, "--records-per-second cannot be negative");
        }
        Optional<String> type = Optional.ofNullable(keystoreType).map(t -> t.toUpperCase(Locale.ROOT));
        if (type.isPresent()
                && !List.of(Keystores.JCEKS, Keystores.PKCS12, Keystores.JKS).contains(type.get())) {
            throw new SymbolonException(ErrorCode.USAGE, "--keystore-type is JCEKS or PKCS12, not " + keystoreType);
        }
        if (scheduleTimeZone != null && schedule == null) {
            throw new SymbolonException(ErrorCode.USAGE, "--schedule-time-zone goes with --schedule");
        }
        return new BackupSettings(
                Optional.ofNullable(keystore).map(Path::toAbsolutePath),
                type,
                Optional.ofNullable(alias),
                Optional.ofNullable(keystorePasswordFile).map(Path::toAbsolutePath),
                archives,
                recordsPerSecond,
                Optional.ofNullable(custodianSet).map(Path::toAbsolutePath),
                Optional.ofNullable(schedule)
                        .map(text -> BackupSchedule.parse(text, Optional.ofNullable(scheduleTimeZone))),
                new BackupRetention(optional(retentionCount), optional(retentionDays)),
                Optional.ofNullable(recipientsFile).map(Path::toAbsolutePath));
    }

    /** The node's role, from its configuration: the data directory must hold a booted node. */
    static Role role(DataDirectory directory) {
        return NodeConfig.read(directory.path()).role();
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
