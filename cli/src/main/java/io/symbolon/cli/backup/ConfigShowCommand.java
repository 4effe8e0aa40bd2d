package io.symbolon.cli.backup;

import io.symbolon.archive.age.Recipient;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.client.DataDirOption;
import io.symbolon.server.backup.BackupSchedule;
import io.symbolon.server.backup.BackupSettings;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.vault.node.Role;
import java.io.PrintWriter;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symbolon backup config show}: this node's backup settings, checked as a backup would use them. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        sortOptions = false,
        description = {
            "Show this node's backup settings (backup.conf), checked as the next backup will use them.",
            "",
            "Opens the backup keystore with its password file and lists the recipients archives are encrypted"
                    + " to, the folder, and on EP the schedule (with its next run) and the retention. Fails as the"
                    + " backup would when the keystore does not open."
        })
final class ConfigShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** What {@code --json} prints (all public). */
    record Json(
            String file,
            String role,
            String keystore,
            String keystoreType,
            String alias,
            String keystorePasswordFile,
            String recipientFile,
            List<String> recipients,
            String custodianSet,
            String folder,
            int recordsPerSecond,
            String schedule,
            String nextRun,
            String retention,
            List<String> warnings) {}

    @Override
    public Integer call() {
        DataDirectory directory = dataDir.directory();
        Role role = ConfigInitCommand.role(directory);
        BackupSettings settings = BackupSettings.read(directory);
        List<Recipient> recipients = settings.recipients();
        report(
                spec.commandLine().getOut(),
                json,
                "Settings in",
                directory,
                role,
                settings,
                recipients,
                keystoreWarnings(settings));
        return 0;
    }

    /** What the operator should know about a keystore that works: a private key in it, a certificate expired. */
    static List<String> keystoreWarnings(BackupSettings settings) {
        Optional<KeyStore> loaded = settings.loadKeystore();
        List<String> warnings = new ArrayList<>();
        if (loaded.isEmpty()) {
            return List.of();
        }
        KeyStore keyStore = loaded.get();
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (settings.alias().isPresent() && !settings.alias().get().equals(alias)) {
                    continue;
                }
                if (keyStore.isKeyEntry(alias)) {
                    warnings.add("keystore entry " + alias + " holds a private key: a backup keystore needs only the"
                            + " certificate; keep the private key (the restore keystore) off the node (seed 000)");
                }
                Certificate certificate = keyStore.getCertificate(alias);
                if (certificate instanceof X509Certificate x509
                        && x509.getNotAfter().toInstant().isBefore(Instant.now())) {
                    warnings.add("the certificate of entry " + alias + " expired on "
                            + x509.getNotAfter().toInstant()
                            + "; archives are still encrypted to it, but plan a new backup key");
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the keystore was not loaded", e);
        }
        return List.copyOf(warnings);
    }

    /** Prints settings as {@code config init} and {@code config show} do. */
    static void report(
            PrintWriter out,
            boolean json,
            String verb,
            DataDirectory directory,
            Role role,
            BackupSettings settings,
            List<Recipient> recipients,
            List<String> warnings) {
        String file = directory.path().resolve(BackupSettings.FILE).toString();
        String schedule = settings.schedule().map(BackupSchedule::describe).orElse(null);
        String nextRun = settings.schedule()
                .flatMap(s -> s.next(Instant.now()))
                .map(Instant::toString)
                .orElse(null);
        List<String> fingerprints =
                recipients.stream().map(r -> r.kind() + " " + r.fingerprint()).toList();
        if (json) {
            JsonOutput.print(
                    out,
                    new Json(
                            file,
                            role.label(),
                            settings.keystore().map(Object::toString).orElse(null),
                            settings.keystoreType().orElse(null),
                            settings.alias().orElse(null),
                            settings.keystorePasswordFile()
                                    .map(Object::toString)
                                    .orElse(null),
                            settings.recipientsFile().map(Object::toString).orElse(null),
                            fingerprints,
                            settings.custodianSet().map(Object::toString).orElse(null),
                            settings.folder().toString(),
                            settings.recordsPerSecond(),
                            schedule,
                            nextRun,
                            role == Role.EP ? settings.retention().describe() : null,
                            warnings));
            return;
        }
        TextReport report = new TextReport(out, 15)
                .line(verb + " " + file + " (" + role.displayName() + ").")
                .field(
                        "keystore",
                        settings.keystore()
                                .map(path -> path
                                        + settings.keystoreType()
                                                .map(t -> " (" + t + ")")
                                                .orElse("")
                                        + settings.alias()
                                                .map(a -> ", alias " + a)
                                                .orElse(""))
                                .orElse("none"));
        settings.recipientsFile().ifPresent(path -> report.field("recipient file", path.toString()));
        report.field("recipients", fingerprints, "none")
                .field("folder", settings.folder().toString());
        settings.custodianSet().ifPresent(set -> report.field("custodian set", set.toString()));
        if (settings.recordsPerSecond() > 0) {
            report.field("pace", settings.recordsPerSecond() + " records a second at most");
        }
        if (role == Role.EP) {
            report.field(
                            "schedule",
                            schedule == null
                                    ? "none (backups only on request: POST /api/v1/backup)"
                                    : schedule + "; next run " + (nextRun == null ? "never" : nextRun))
                    .field("retention", settings.retention().describe());
        }
        for (String warning : warnings) {
            report.line("warning: " + warning);
        }
        report.line("EP and the Partner should use different backup keys (seed 000): one stolen restore key then"
                + " opens only half of a pair.");
    }
}
