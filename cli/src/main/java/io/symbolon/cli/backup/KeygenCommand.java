package io.symbolon.cli.backup;

import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.SecretSource;
import io.symbolon.cli.options.Secrets;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symbolon backup keygen}: a backup key, as a restore keystore and a backup keystore (seed 000). */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        abbreviateSynopsis = true,
        sortOptions = false,
        description = {
            "Generate a backup key: a restore keystore (offline) and a backup keystore (on the node).",
            "",
            "Generates a backup key (seed 000, \"Generating Prerequisite Data\"): an RSA key pair with a"
                    + " self-signed certificate, written as a restore keystore (private key and certificate; take"
                    + " it offline) and a backup keystore (the certificate only; it goes on the node, which"
                    + " encrypts its archives to it). Existing files are never overwritten.",
            "Use different keys for EP and Partner: one stolen restore key then opens only half of a pair."
        })
final class KeygenCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--restore-keystore",
            paramLabel = "FILE",
            required = true,
            description = "The restore keystore to create: private key and certificate (mode 0600).")
    Path restoreKeystore;

    @Option(
            names = "--backup-keystore",
            paramLabel = "FILE",
            required = true,
            description = "The backup keystore to create: the public certificate only.")
    Path backupKeystore;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            defaultValue = BackupKeyGenerator.Parameters.DEFAULT_ALIAS,
            description = "The entry's alias in both keystores (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            defaultValue = "JCEKS",
            description = "JCEKS (as in seed 000) or PKCS12 (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(
            names = "--bits",
            paramLabel = "BITS",
            defaultValue = "3072",
            description = "The RSA key size, 3072 or 4096 (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(
            names = "--subject",
            paramLabel = "CN=NAME",
            defaultValue = "CN=Symbolon backup key",
            description = "The certificate's subject (default: ${DEFAULT-VALUE}).")
    String subject;

    @Option(
            names = "--validity-years",
            paramLabel = "YEARS",
            defaultValue = "10",
            description = "How long the certificate is valid (default: ${DEFAULT-VALUE}).")
    int validityYears;

    @Option(
            names = "--restore-password-env",
            paramLabel = "VARIABLE",
            description = "Read the restore keystore's new password from this environment variable.")
    String restorePasswordVariable;

    @Option(
            names = "--restore-password-file",
            paramLabel = "FILE",
            description = "Read the restore keystore's new password from this file.")
    Path restorePasswordFile;

    @Option(
            names = "--backup-password-env",
            paramLabel = "VARIABLE",
            description = "Read the backup keystore's new password from this environment variable.")
    String backupPasswordVariable;

    @Option(
            names = "--backup-password-file",
            paramLabel = "FILE",
            description = "Read the backup keystore's new password from this file.")
    Path backupPasswordFile;

    @Mixin
    PlainSecretRefusal refusal;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    KeygenCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** What {@code --json} prints: all public. */
    record Json(
            String fingerprint,
            String subject,
            String notAfter,
            int bits,
            String type,
            String alias,
            String restoreKeystore,
            String backupKeystore,
            String sshRecipient) {}

    @Override
    public Integer call() {
        BackupKeyGenerator.Parameters parameters = parameters();
        Secrets secrets = new Secrets(terminal);
        char[] restorePassword = null;
        char[] backupPassword = null;
        BackupKeyGenerator.Generated generated;
        try {
            restorePassword = secrets.readNew(new SecretSource(
                    "password for the restore keystore " + restoreKeystore,
                    "--restore-password",
                    restorePasswordVariable,
                    restorePasswordFile));
            backupPassword = secrets.readNew(new SecretSource(
                    "password for the backup keystore " + backupKeystore,
                    "--backup-password",
                    backupPasswordVariable,
                    backupPasswordFile));
            generated = BackupKeyGenerator.generate(parameters, restorePassword, backupPassword);
        } finally {
            Secrets.wipe(restorePassword, backupPassword);
        }
        String notAfter = generated.certificate().getNotAfter().toInstant().toString();
        if (json) {
            JsonOutput.print(
                    spec.commandLine().getOut(),
                    new Json(
                            generated.fingerprint(),
                            generated.certificate().getSubjectX500Principal().getName(),
                            notAfter,
                            parameters.keyBits(),
                            parameters.storeType(),
                            generated.alias(),
                            generated.restoreKeystore().toString(),
                            generated.backupKeystore().toString(),
                            generated.sshLine()));
            return 0;
        }
        new TextReport(spec.commandLine().getOut(), 18)
                .line("Generated a " + parameters.keyBits() + "-bit RSA backup key.")
                .field("fingerprint", generated.fingerprint())
                .field(
                        "certificate",
                        generated.certificate().getSubjectX500Principal().getName() + ", valid until " + notAfter)
                .field(
                        "restore keystore",
                        generated.restoreKeystore() + " (" + parameters.storeType() + ", alias " + generated.alias()
                                + ": the private key and its certificate)")
                .line(" ".repeat(18) + "Take it offline now: keep two copies in separate safe places, then delete")
                .line(" ".repeat(18) + "it from this machine. Without it, backups made with this key cannot be")
                .line(" ".repeat(18) + "restored; with it, anyone can decrypt them.")
                .field(
                        "backup keystore",
                        generated.backupKeystore() + " (" + parameters.storeType() + ", alias " + generated.alias()
                                + ": the public certificate only)")
                .line(" ".repeat(18) + "Put it on the node that writes the backups; it can encrypt, never decrypt.")
                .field(
                        "as a recipient",
                        "keystore:" + generated.backupKeystore() + " (--json prints the ssh-rsa line)");
        return 0;
    }

    private BackupKeyGenerator.Parameters parameters() {
        String type = this.type.toUpperCase(Locale.ROOT);
        try {
            return BackupKeyGenerator.Parameters.of(commonName(subject), restoreKeystore, backupKeystore)
                    .withStoreType(type)
                    .withKeyBits(bits)
                    .withAlias(alias)
                    .withValidityYears(validityYears);
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, e.getMessage());
        }
    }

    /** The common name of {@code CN=NAME}; a bare name is taken as it is. */
    private static String commonName(String subject) {
        if (subject.regionMatches(true, 0, "CN=", 0, 3)) {
            return subject.substring(3);
        }
        if (subject.contains("=")) {
            throw new SymbolonException(ErrorCode.USAGE, "the subject is CN=NAME; other attributes are not supported");
        }
        return subject;
    }
}
