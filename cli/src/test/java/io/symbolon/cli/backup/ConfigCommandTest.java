package io.symbolon.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.archive.recipient.MlKem768X25519Identity;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.error.ErrorCode;
import io.symbolon.server.backup.BackupSettings;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.vault.node.Role;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup config init} and {@code show}: settings are checked before anything is written, and every
 * refusal leaves the node without a new backup.conf.
 */
class ConfigCommandTest {
    private static final String PASSWORD = "keystore password";

    @TempDir
    static Path shared;

    private static Path backupKeystore;
    private static Path password;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeABackupKey() throws Exception {
        password = Files.writeString(shared.resolve("password"), PASSWORD + "\n");
        backupKeystore = BackupKeyGenerator.generate(
                        BackupKeyGenerator.Parameters.of(
                                "ep backup key", shared.resolve("ep-restore.jceks"), shared.resolve("ep-backup.jceks")),
                        PASSWORD.toCharArray(),
                        PASSWORD.toCharArray())
                .backupKeystore();
    }

    private Path node(Role role) throws Exception {
        Path node = Files.createDirectories(directory.resolve(role.label().toLowerCase()));
        new NodeConfig(
                        role,
                        "774f37f624822e7a",
                        "7497fd65499c9dce",
                        "ep1",
                        "partner1",
                        "127.0.0.1",
                        8443,
                        8444,
                        "jdbc:sqlite:" + node.resolve("vault.db"),
                        Optional.empty(),
                        Optional.empty(),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60))
                .write(node);
        return node;
    }

    private static Result init(Path node, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "backup",
                "config",
                "init",
                "--data-dir",
                node.toString(),
                "--keystore",
                backupKeystore.toString(),
                "--keystore-password-file",
                password.toString()));
        arguments.addAll(List.of(more));
        return Cli.run(arguments.toArray(String[]::new));
    }

    private static void assertRefused(Result result, ErrorCode code, String message, Path node) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(code.exitCode());
        assertThat(result.err()).contains(message);
        assertThat(node.resolve(BackupSettings.FILE)).doesNotExist();
    }

    @Test
    void writesCheckedSettingsWithScheduleAndRetentionAndShowsThem() throws Exception {
        Path ep = node(Role.EP);

        Result result = init(
                ep,
                "--schedule",
                "30 2 * * *",
                "--schedule-time-zone",
                "Europe/Paris",
                "--retention-count",
                "14",
                "--retention-days",
                "30");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Wrote " + ep.resolve("backup.conf") + " (EP).")
                .contains("ssh-rsa SHA256:")
                .contains("30 2 * * * (Europe/Paris); next run 20")
                .contains("keep the newest 14 and those of the last 30 days, and always the newest TEST_SUCCESS")
                .contains("different backup keys")
                .doesNotContain(PASSWORD);
        String file = Files.readString(ep.resolve(BackupSettings.FILE));
        assertThat(file)
                .contains("keystore=" + backupKeystore, "schedule=30 2 * * *", "schedule.timeZone=Europe/Paris")
                .contains("retention.count=14", "retention.days=30", "folder=" + ep.resolve("backup"))
                .doesNotContain(PASSWORD);

        Result show = Cli.run("backup", "config", "show", "--data-dir", ep.toString(), "--json");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(show.out());
        assertThat(json.path("role").asText()).isEqualTo("EP");
        assertThat(json.path("schedule").asText()).isEqualTo("30 2 * * * (Europe/Paris)");
        assertThat(Instant.parse(json.path("nextRun").asText())).isAfter(Instant.now());
        assertThat(json.path("recipients")).hasSize(1);
        assertThat(json.path("warnings")).isEmpty();
    }

    @Test
    void aPostQuantumRecipientFileAloneIsEnoughAndIsReadBack() throws Exception {
        Path ep = node(Role.EP);
        String recipient;
        try (MlKem768X25519Identity identity = MlKem768X25519Identity.generate()) {
            recipient = identity.recipient().encoded();
        }
        Path recipients =
                Files.writeString(directory.resolve("ep.recipients"), "# offline PQ key\n" + recipient + "\n");

        Result result =
                Cli.run("backup", "config", "init", "--data-dir", ep.toString(), "--recipients", recipients.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("keystore       none").contains("mlkem768x25519 SHA256:");
        assertThat(Files.readString(ep.resolve(BackupSettings.FILE)))
                .contains("recipients=" + recipients)
                .doesNotContain("keystore=");
        BackupSettings settings = BackupSettings.read(new DataDirectory(ep));
        assertThat(settings.keystore()).isEmpty();
        assertThat(settings.recipients())
                .singleElement()
                .satisfies(r -> assertThat(r.postQuantum()).isTrue());
        Result show = Cli.run("backup", "config", "show", "--data-dir", ep.toString(), "--json");
        assertThat(new ObjectMapper().readTree(show.out()).path("recipientFile").asText())
                .isEqualTo(recipients.toString());
    }

    @Test
    void refusesPostQuantumRecipientsBesideTheKeystoresClassicOnes() throws Exception {
        Path ep = node(Role.EP);
        String recipient;
        try (MlKem768X25519Identity identity = MlKem768X25519Identity.generate()) {
            recipient = identity.recipient().encoded();
        }
        Path recipients = Files.writeString(directory.resolve("ep.recipients"), recipient + "\n");
        assertRefused(
                init(ep, "--recipients", recipients.toString()),
                ErrorCode.BAD_RECIPIENT,
                "cannot be combined with classic ones",
                ep);
    }

    @Test
    void refusesARecipientFileWithABadLineOrNothingToEncryptTo() throws Exception {
        Path ep = node(Role.EP);
        Path recipients = Files.writeString(directory.resolve("bad.recipients"), "# ok\nage1notarecipient\n");
        assertRefused(
                Cli.run("backup", "config", "init", "--data-dir", ep.toString(), "--recipients", recipients.toString()),
                ErrorCode.BAD_RECIPIENT,
                "line 2",
                ep);
        assertRefused(
                Cli.run("backup", "config", "init", "--data-dir", ep.toString()),
                ErrorCode.USAGE,
                "--keystore FILE, --recipients FILE, or both",
                ep);
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path ep = node(Role.EP);
        assertThat(init(ep).exitCode()).isZero();
        String before = Files.readString(ep.resolve(BackupSettings.FILE));

        Result again = init(ep, "--schedule", "@daily");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ErrorCode.ALREADY_EXISTS.exitCode());
        assertThat(again.err()).contains("backup.conf exists", "--force");
        assertThat(Files.readString(ep.resolve(BackupSettings.FILE))).isEqualTo(before);

        Result forced = init(ep, "--schedule", "@daily", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(BackupSettings.read(new DataDirectory(ep)).schedule()).isPresent();
    }

    @Test
    void refusesAMissingKeystore() throws Exception {
        Path ep = node(Role.EP);
        Result result = Cli.run(
                "backup",
                "config",
                "init",
                "--data-dir",
                ep.toString(),
                "--keystore",
                directory.resolve("nope.jceks").toString());
        assertRefused(result, ErrorCode.NOT_FOUND, "nope.jceks does not exist", ep);
    }

    @Test
    void refusesAWrongKeystorePassword() throws Exception {
        Path ep = node(Role.EP);
        Path wrong = Files.writeString(directory.resolve("wrong"), "not the password");
        Result result = Cli.run(
                "backup",
                "config",
                "init",
                "--data-dir",
                ep.toString(),
                "--keystore",
                backupKeystore.toString(),
                "--keystore-password-file",
                wrong.toString());
        assertRefused(result, ErrorCode.WRONG_PASSWORD, "ep-backup.jceks", ep);
    }

    @Test
    void refusesAKeystoreWhoseRsaKeyIsWeak() throws Exception {
        Path ep = node(Role.EP);
        Path weak = directory.resolve("weak.p12");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=weak backup key");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                subject,
                                BigInteger.ONE,
                                Date.from(now.minus(Duration.ofDays(1))),
                                Date.from(now.plus(Duration.ofDays(365))),
                                subject,
                                pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setCertificateEntry("backup", certificate);
        try (OutputStream out = Files.newOutputStream(weak)) {
            keyStore.store(out, PASSWORD.toCharArray());
        }
        Result result = Cli.run(
                "backup",
                "config",
                "init",
                "--data-dir",
                ep.toString(),
                "--keystore",
                weak.toString(),
                "--keystore-password-file",
                password.toString());
        assertRefused(result, ErrorCode.WEAK_KEY, "has 2048 bits", ep);
    }

    @Test
    void refusesAScheduleItCannotReadAndSchedulingOnThePartner() throws Exception {
        Path ep = node(Role.EP);
        assertRefused(init(ep, "--schedule", "every day"), ErrorCode.USAGE, "five fields", ep);
        assertRefused(init(ep, "--retention-count", "0"), ErrorCode.USAGE, "retention.count must be at least 1", ep);

        Path partner = node(Role.PARTNER);
        assertRefused(
                init(partner, "--schedule", "@daily"),
                ErrorCode.USAGE,
                "the Partner neither schedules nor prunes",
                partner);
        Result plain = init(partner);
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out()).contains("(Partner)").doesNotContain("schedule");
    }

    @Test
    void refusesACustodianSetAnUnattendedBackupCannotUse() throws Exception {
        Path ep = node(Role.EP);
        Path set = directory.resolve("finance.custodians");
        Result define = Cli.run(
                "custodian",
                "define",
                "-o",
                set.toString(),
                "--name",
                "finance",
                "--threshold",
                "2",
                "--custodian",
                "alice=" + X25519Identity.generate().recipient().encoded(),
                "--custodian",
                "dave=passphrase",
                "--passphrase-work-factor",
                "14");
        assertThat(define.exitCode()).as(define.toString()).isZero();
        assertRefused(init(ep, "--custodian-set", set.toString()), ErrorCode.BAD_RECIPIENT, "passphrase", ep);

        Path keys = directory.resolve("keys.custodians");
        Result keysOnly = Cli.run(
                "custodian",
                "define",
                "-o",
                keys.toString(),
                "--name",
                "keys",
                "--threshold",
                "2",
                "--custodian",
                "alice=" + X25519Identity.generate().recipient().encoded(),
                "--custodian",
                "bob=" + X25519Identity.generate().recipient().encoded());
        assertThat(keysOnly.exitCode()).as(keysOnly.toString()).isZero();
        Result withSet = init(ep, "--custodian-set", keys.toString());
        assertThat(withSet.exitCode()).as(withSet.toString()).isZero();
        assertThat(BackupSettings.read(new DataDirectory(ep)).recipients()).hasSize(2);
    }

    @Test
    void refusesADirectoryWithoutANode() {
        Result result = init(directory.resolve("empty"));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(result.err()).contains("holds no booted node");
    }
}
