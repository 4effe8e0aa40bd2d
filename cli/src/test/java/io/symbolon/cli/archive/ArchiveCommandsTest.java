package io.symbolon.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.recipient.SshRsaRecipient;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.ArchiveSurgeon;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.cli.ScriptedTerminal;
import io.symbolon.cli.TestKeystores;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive commands end to end, in-process: a backup key made with {@code backup keygen}, an archive
 * written to it by the library, then inspect, verify, decrypt and rekey, each with its exit code.
 */
class ArchiveCommandsTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    private static final String RESTORE_PASSWORD = "restore keystore password";
    private static final String BACKUP_PASSWORD = "backup keystore password";
    private static final int OBJECTS = 25;

    @TempDir
    static Path shared;

    static Path restoreKeystore;
    static Path backupKeystore;
    static Path archive;
    static Path nodeCertificate;
    static NodeSigner node;
    static String backupKeyFingerprint;

    @TempDir
    Path work;

    @BeforeAll
    static void generateABackupKeyAndWriteAnArchiveToIt() throws Exception {
        restoreKeystore = shared.resolve("restore.jceks");
        backupKeystore = shared.resolve("backup.jceks");
        Result keygen = Cli.run(
                terminal(),
                "backup",
                "keygen",
                "--restore-keystore",
                restoreKeystore.toString(),
                "--backup-keystore",
                backupKeystore.toString(),
                "--restore-password-env",
                "RESTORE_PASSWORD",
                "--backup-password-env",
                "BACKUP_PASSWORD");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();

        List<SshRsaRecipient> recipients = Keystores.recipients(backupKeystore, BACKUP_PASSWORD.toCharArray(), null);
        backupKeyFingerprint = recipients.getFirst().fingerprint();
        node = TestSigners.ed25519("node-ep");
        archive = SampleArchives.write(
                        Files.createDirectories(shared.resolve("ep")), "EP", CREATED, OBJECTS, recipients, node)
                .path();
        nodeCertificate = Files.write(shared.resolve("node.crt"), CertificatePem.encode(node.certificate()));
    }

    static ScriptedTerminal terminal() {
        return ScriptedTerminal.withoutConsole()
                .variable("RESTORE_PASSWORD", RESTORE_PASSWORD)
                .variable("BACKUP_PASSWORD", BACKUP_PASSWORD)
                .variable("WRONG_PASSWORD", "not the password");
    }

    static Result symbolon(String... args) {
        return Cli.run(terminal(), args);
    }

    static String[] restoreKey() {
        return new String[] {"--keystore", restoreKeystore.toString(), "--keystore-password-env", "RESTORE_PASSWORD"};
    }

    /** {@code args} followed by the restore keystore options. */
    static String[] withRestoreKey(String... args) {
        String[] key = restoreKey();
        String[] all = java.util.Arrays.copyOf(args, args.length + key.length);
        System.arraycopy(key, 0, all, args.length, key.length);
        return all;
    }

    // --- inspect

    @Test
    void inspectShowsMetadataRecipientsDigestSignerAndStatus() {
        Result result = symbolon("archive", "inspect", archive.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("intact, signer not pinned")
                .contains("EP node node-ep of pair pair-0001, epoch 7, taken 2026-11-23T03:27:16Z")
                .contains("ssh-rsa " + backupKeyFingerprint)
                .contains(OBJECTS + " objects")
                .contains(KeyFingerprint.of(node.certificate().getPublicKey()) + " (CN=node-ep)")
                .contains("none (never re-keyed)");
    }

    @Test
    void inspectJsonCarriesTheSameFacts() throws Exception {
        Result result = symbolon("archive", "inspect", "--json", archive.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("status").asText()).isEqualTo("intact, signer not pinned");
        assertThat(json.has("problem")).isFalse();
        assertThat(json.at("/metadata/role").asText()).isEqualTo("EP");
        assertThat(json.at("/metadata/epoch").asLong()).isEqualTo(7);
        assertThat(json.at("/recipients/0/kind").asText()).isEqualTo("ssh-rsa");
        assertThat(json.at("/recipients/0/fingerprint").asText()).isEqualTo(backupKeyFingerprint);
        assertThat(json.at("/stanzas/0").asText()).isEqualTo("ssh-rsa");
        assertThat(json.at("/digest/total").asLong()).isEqualTo(OBJECTS);
        assertThat(json.at("/digest/root").asText()).startsWith("sha256:");
        assertThat(json.get("signer").asText())
                .isEqualTo(KeyFingerprint.of(node.certificate().getPublicKey()));
        assertThat(json.get("rekeys")).isEmpty();
    }

    @Test
    void inspectReportsDamageButStillShowsTheArchive() throws Exception {
        Path other = SampleArchives.write(
                        Files.createDirectories(work.resolve("other")),
                        "EP",
                        CREATED,
                        OBJECTS + 1,
                        List.of(X25519Identity.generate().recipient()),
                        node)
                .path();
        Path damaged = ArchiveSurgeon.write(
                work.resolve("mixed.tar.gz"),
                ArchiveSurgeon.replace(
                        ArchiveSurgeon.open(archive),
                        ArchiveSurgeon.part(ArchiveSurgeon.open(other), "signature.txt")));

        Result result = symbolon("archive", "inspect", damaged.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("DAMAGED: ").contains("EP node node-ep");
    }

    // --- verify

    @Test
    void verifyWithoutAnyKeyProvesIntegrityAndWarnsThatTheSignerWasNotPinned() {
        Result result = symbolon("archive", "verify", archive.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("verified").contains("not decrypted").contains("(not pinned)");
        assertThat(result.err())
                .startsWith("symbolon: warning: the signer of " + archive.getFileName() + " was not pinned")
                .contains("--signer");
    }

    @Test
    void verifyWithThePinnedCertificateHasNoWarning() {
        Result result = symbolon("archive", "verify", archive.toString(), "--signer", nodeCertificate.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("(pinned)");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void verifyWithThePinnedFingerprintAndTheRestoreKeyChecksTheContent() {
        Result result = symbolon(withRestoreKey(
                "archive",
                "verify",
                archive.toString(),
                "--signer-fingerprint",
                KeyFingerprint.of(node.certificate().getPublicKey())));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("decrypted and checked against the signed content hash");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void verifyRefusesAnArchiveSignedByAnotherNode() {
        String other =
                KeyFingerprint.of(TestSigners.ed25519("other").certificate().getPublicKey());

        Result result = symbolon("archive", "verify", archive.toString(), "--signer-fingerprint", other);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ErrorCode.UNTRUSTED_SIGNER.exitCode());
        assertThat(result.err()).contains("[untrusted-signer]");
    }

    @Test
    void verifyJsonReportsSuccessAndWarnings() throws Exception {
        Result result = symbolon("archive", "verify", "--json", archive.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("signerPinned").asBoolean()).isFalse();
        assertThat(json.get("contentVerified").asBoolean()).isFalse();
        assertThat(json.get("warnings").get(0).asText()).contains("was not pinned");
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void verifyJsonOfATamperedArchiveNamesTheErrorAndExitsWithItsCode() throws Exception {
        Path damaged = tamperedCopy();

        Result result = symbolon("archive", "verify", "--json", damaged.toString());

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("verified").asBoolean()).isFalse();
        ErrorCode code =
                ErrorCode.valueOf(json.at("/error/code").asText().toUpperCase().replace('-', '_'));
        assertThat(result.exitCode()).isEqualTo(code.exitCode()).isNotIn(0, 1, 2);
        assertThat(result.err()).startsWith("symbolon: ").endsWith("[" + code.code() + "]\n");
    }

    @Test
    void verifyRefusesATamperedArchive() throws Exception {
        Result result = symbolon("archive", "verify", tamperedCopy().toString());

        assertThat(result.exitCode()).as(result.toString()).isNotIn(0, 1, 2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("symbolon: ").contains(" [");
    }

    @Test
    void verifyReportsAMissingFile() {
        Result result =
                symbolon("archive", "verify", work.resolve("nothing.tar.gz").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(result.err()).contains("nothing.tar.gz").contains("[not-found]");
    }

    @Test
    void verifyRefusesAFileThatIsNotAnArchive() throws Exception {
        Path text = Files.writeString(work.resolve("notes.tar.gz"), "not an archive\n");

        Result result = symbolon("archive", "verify", text.toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_GZIP.exitCode());
        assertThat(result.err()).contains("not a gzip file").contains("[not-gzip]");
    }

    @Test
    void verifyWithTheWrongIdentityListsTheArchivesRecipients() throws Exception {
        Path identityFile = work.resolve("someone.age");
        try (X25519Identity someone = X25519Identity.generate()) {
            Files.writeString(identityFile, someone.encoded() + "\n");
        }

        Result result = symbolon("archive", "verify", archive.toString(), "--identity", identityFile.toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY.exitCode());
        assertThat(result.err())
                .contains("no identity matches any of the 1 recipient: " + backupKeyFingerprint)
                .contains("[no-matching-identity]");
    }

    // --- decrypt

    @Test
    void decryptWithTheRestoreKeystoreWritesTheThreeFiles() {
        Path output = work.resolve("out");

        Result result = symbolon(withRestoreKey("archive", "decrypt", archive.toString(), "-o", output.toString()));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(output.resolve("metadata.txt")).exists();
        assertThat(output.resolve("digest.txt")).exists();
        assertThat(output.resolve("database.records")).exists();
        assertThat(result.out()).contains(OBJECTS + " records");
    }

    @Test
    void decryptWithAWrongKeystorePasswordFailsAndWritesNothing() {
        Path output = work.resolve("out");

        Result result = symbolon(
                "archive",
                "decrypt",
                archive.toString(),
                "-o",
                output.toString(),
                "--keystore",
                restoreKeystore.toString(),
                "--keystore-password-env",
                "WRONG_PASSWORD");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.WRONG_PASSWORD.exitCode());
        assertThat(result.err()).contains("wrong password").doesNotContain("not the password");
        assertThat(output).doesNotExist();
    }

    @Test
    void decryptWithThePasswordGivenNowhereAndNoConsoleSaysHowToGiveIt() {
        Result result = Cli.run(
                ScriptedTerminal.withoutConsole(),
                "archive",
                "decrypt",
                archive.toString(),
                "-o",
                work.resolve("out").toString(),
                "--keystore",
                restoreKeystore.toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err())
                .contains("no console to ask for the password of keystore")
                .contains("--keystore-password-env VARIABLE")
                .contains("--keystore-password-file FILE");
    }

    @Test
    void decryptAsksForThePasswordOnTheConsole() {
        ScriptedTerminal terminal = ScriptedTerminal.typing(RESTORE_PASSWORD);

        Result result = Cli.run(
                terminal,
                "archive",
                "decrypt",
                archive.toString(),
                "-o",
                work.resolve("out").toString(),
                "--keystore",
                restoreKeystore.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(terminal.prompts()).singleElement().asString().contains("password of keystore");
        assertThat(result.out() + result.err()).doesNotContain(RESTORE_PASSWORD);
    }

    @Test
    void decryptRefusesAPasswordOnTheCommandLineWithoutRepeatingIt() {
        Result result = symbolon(
                "archive",
                "decrypt",
                archive.toString(),
                "-o",
                work.resolve("out").toString(),
                "--keystore",
                restoreKeystore.toString(),
                "--keystore-password",
                "hunter2-secret");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err())
                .contains("never given as command-line arguments")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void anUnexpectedArgumentIsNotRepeatedInCaseItIsASecret() {
        Result result = symbolon("archive", "verify", archive.toString(), "hunter2-secret");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("not repeated").doesNotContain("hunter2-secret");
    }

    @Test
    void decryptWithoutAnyIdentityIsAUsageError() {
        Result result = symbolon(
                "archive",
                "decrypt",
                archive.toString(),
                "-o",
                work.resolve("out").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("give a restore identity");
    }

    @Test
    void decryptRefusesANonEmptyDirectory() throws Exception {
        Path output = Files.createDirectories(work.resolve("out"));
        Files.writeString(output.resolve("keep.txt"), "mine");

        Result result = symbolon(withRestoreKey("archive", "decrypt", archive.toString(), "-o", output.toString()));

        assertThat(result.exitCode()).isEqualTo(ErrorCode.ALREADY_EXISTS.exitCode());
        assertThat(output.resolve("keep.txt")).hasContent("mine");
    }

    // --- rekey

    @Test
    void rekeyToANewX25519RecipientThenDecryptWithIt() throws Exception {
        Path identityFile = work.resolve("custodian.age");
        String recipient;
        try (X25519Identity custodian = X25519Identity.generate()) {
            Files.writeString(identityFile, "# custodian\n" + custodian.encoded() + "\n");
            recipient = custodian.recipient().encoded();
        }
        Path rekeyed = work.resolve("rekeyed.tar.gz");

        Result rekey = symbolon(withRestoreKey(
                "archive",
                "rekey",
                archive.toString(),
                "--add-recipient",
                recipient,
                "--remove-recipient",
                backupKeyFingerprint,
                "-o",
                rekeyed.toString()));

        assertThat(rekey.exitCode()).as(rekey.toString()).isZero();
        assertThat(rekey.out()).contains("copied byte for byte").contains("removed        " + backupKeyFingerprint);
        Result decrypt = symbolon(
                "archive",
                "decrypt",
                rekeyed.toString(),
                "--identity",
                identityFile.toString(),
                "-o",
                work.resolve("out").toString(),
                "--signer",
                nodeCertificate.toString());
        assertThat(decrypt.exitCode()).as(decrypt.toString()).isZero();
        Result oldKey = symbolon(withRestoreKey("archive", "verify", rekeyed.toString()));
        assertThat(oldKey.exitCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY.exitCode());
        Result inspect = symbolon("archive", "inspect", rekeyed.toString());
        assertThat(inspect.out()).contains(" rekey: added X25519 ").contains("removed " + backupKeyFingerprint);
    }

    @Test
    void rekeyWithARotatedDataKeyIsCountersignedByTheOperatorsPkcs12Key() throws Exception {
        Path operatorKeystore = work.resolve("operator.p12");
        X509Certificate operator =
                TestKeystores.ed25519Pkcs12(operatorKeystore, "operator", "operator password".toCharArray());
        Path rotated = work.resolve("rotated.tar.gz");
        ScriptedTerminal terminal = terminal().variable("OPERATOR_PASSWORD", "operator password");

        Result rekey = Cli.run(
                terminal,
                withRestoreKey(
                        "archive",
                        "rekey",
                        archive.toString(),
                        "--rotate-data-key",
                        "--countersign-keystore",
                        operatorKeystore.toString(),
                        "--countersign-alias",
                        "operator",
                        "--countersign-password-env",
                        "OPERATOR_PASSWORD",
                        "-o",
                        rotated.toString()));

        assertThat(rekey.exitCode()).as(rekey.toString()).isZero();
        String operatorFingerprint = KeyFingerprint.of(operator.getPublicKey());
        assertThat(rekey.out()).contains("data key rotated").contains(operatorFingerprint);
        Result verify = symbolon(
                withRestoreKey("archive", "verify", rotated.toString(), "--signer", nodeCertificate.toString()));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("countersigner  " + operatorFingerprint);
        assertThat(ArchiveReader.verify(rotated, Trust.certificate(node.certificate()))
                        .countersigner())
                .contains(operatorFingerprint);
    }

    @Test
    void rekeyToAKeystoreRecipientAndAnSshRsaLineFromAFile() throws Exception {
        Path line = work.resolve("admin.pub");
        String sshLine = Keystores.recipients(backupKeystore, BACKUP_PASSWORD.toCharArray(), null)
                .getFirst()
                .sshLine("admin");
        Files.writeString(line, sshLine + "\n");
        Path once = work.resolve("once.tar.gz");

        Result duplicate = symbolon(withRestoreKey(
                "archive",
                "rekey",
                archive.toString(),
                "--add-recipient",
                "keystore:" + backupKeystore + "#backup",
                "--recipient-keystore-password-env",
                "BACKUP_PASSWORD",
                "-o",
                once.toString()));

        assertThat(duplicate.exitCode()).isEqualTo(ErrorCode.BAD_RECIPIENT.exitCode());
        assertThat(duplicate.err()).contains("is already a recipient");
        assertThat(once).doesNotExist();

        Result fromFile = symbolon(withRestoreKey(
                "archive",
                "rekey",
                archive.toString(),
                "--remove-recipient",
                backupKeyFingerprint,
                "--add-recipient",
                "@" + line,
                "-o",
                once.toString()));
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(fromFile.out()).contains("ssh-rsa " + backupKeyFingerprint);
    }

    @Test
    void rekeyRefusesAnUnknownRecipientSyntax() {
        Result result = symbolon(withRestoreKey(
                "archive",
                "rekey",
                archive.toString(),
                "--add-recipient",
                "pgp:0xDEADBEEF12345",
                "-o",
                work.resolve("x.tar.gz").toString()));

        assertThat(result.exitCode()).isEqualTo(ErrorCode.BAD_RECIPIENT.exitCode());
        assertThat(result.err()).contains("unknown recipient syntax").contains("keystore:PATH[#ALIAS]");
        assertThat(work.resolve("x.tar.gz")).doesNotExist();
    }

    @Test
    void rekeyRefusesAnExistingOutputBeforeAskingForAnything() throws Exception {
        Path existing = Files.writeString(work.resolve("there.tar.gz"), "x");

        Result result = Cli.run(
                ScriptedTerminal.withoutConsole(),
                "archive",
                "rekey",
                archive.toString(),
                "--keystore",
                restoreKeystore.toString(),
                "--add-recipient",
                "passphrase",
                "-o",
                existing.toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.ALREADY_EXISTS.exitCode());
        assertThat(existing).hasContent("x");
    }

    @Test
    void rotatingTheDataKeyNeedsACountersigningKey() {
        Result result = symbolon(withRestoreKey(
                "archive",
                "rekey",
                archive.toString(),
                "--rotate-data-key",
                "-o",
                work.resolve("x.tar.gz").toString()));

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("--rotate-data-key needs --countersign-keystore");
    }

    @Test
    void rekeyToAPassphraseThenDecryptWithIt() {
        Path rekeyed = work.resolve("passphrase.tar.gz");
        ScriptedTerminal terminal = terminal().variable("PASSPHRASE", "correct horse battery staple");

        Result rekey = Cli.run(
                terminal,
                withRestoreKey(
                        "archive",
                        "rekey",
                        archive.toString(),
                        "--remove-recipient",
                        backupKeyFingerprint,
                        "--add-recipient",
                        "passphrase",
                        "--new-passphrase-env",
                        "PASSPHRASE",
                        "-o",
                        rekeyed.toString()));

        assertThat(rekey.exitCode()).as(rekey.toString()).isZero();
        assertThat(rekey.out()).contains("recipients     scrypt passphrase");
        Result decrypt = Cli.run(
                terminal,
                "archive",
                "decrypt",
                rekeyed.toString(),
                "--passphrase-env",
                "PASSPHRASE",
                "-o",
                work.resolve("out").toString());
        assertThat(decrypt.exitCode()).as(decrypt.toString()).isZero();
        Result wrong = Cli.run(
                terminal.variable("OTHER", "not the passphrase"),
                "archive",
                "verify",
                rekeyed.toString(),
                "--passphrase-env",
                "OTHER");
        assertThat(wrong.exitCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY.exitCode());
        assertThat(wrong.err()).contains("passphrase").doesNotContain("not the passphrase");
    }

    @Test
    void aKeystoreOfAnotherTypeThanNamedIsRefused() {
        Result result = symbolon(
                "archive",
                "verify",
                archive.toString(),
                "--keystore",
                restoreKeystore.toString(),
                "--keystore-type",
                "pkcs12",
                "--keystore-password-env",
                "RESTORE_PASSWORD");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.KEYSTORE.exitCode());
        assertThat(result.err()).contains("PKCS12");
    }

    @Test
    void aMissingArchiveIsReportedBeforeAnyPasswordIsAskedFor() {
        Result result = Cli.run(
                ScriptedTerminal.withoutConsole(),
                "archive",
                "decrypt",
                work.resolve("nothing.tar.gz").toString(),
                "--keystore",
                restoreKeystore.toString(),
                "-o",
                work.resolve("out").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(result.err()).contains("archive " + work.resolve("nothing.tar.gz") + " does not exist");
    }

    @Test
    void aMissingIdentityFileIsReported() {
        Result result = symbolon(
                "archive",
                "verify",
                archive.toString(),
                "--identity",
                work.resolve("gone.age").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(result.err()).contains("identity file");
    }

    /** A copy of the archive with one byte flipped in its middle. */
    private Path tamperedCopy() throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x01;
        return Files.write(work.resolve("tampered.tar.gz"), bytes);
    }
}
