package io.symbolon.cli.archive;

import static io.symbolon.cli.archive.SampleBackup.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.cli.ScriptedTerminal;
import io.symbolon.cli.TestKeystores;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive rekey}: every recipient syntax, removal, rotation with a countersignature. */
class RekeyCommandTest {
    @TempDir
    Path work;

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
                ARCHIVE.toString(),
                "--add-recipient",
                recipient,
                "--remove-recipient",
                BACKUP_KEY_FINGERPRINT,
                "-o",
                rekeyed.toString()));

        assertThat(rekey.exitCode()).as(rekey.toString()).isZero();
        assertThat(rekey.out()).contains("copied byte for byte").contains("removed        " + BACKUP_KEY_FINGERPRINT);
        Result decrypt = symbolon(
                "archive",
                "decrypt",
                rekeyed.toString(),
                "--identity",
                identityFile.toString(),
                "-o",
                work.resolve("out").toString(),
                "--signer",
                NODE_CERTIFICATE.toString());
        assertThat(decrypt.exitCode()).as(decrypt.toString()).isZero();
        Result oldKey = symbolon(withRestoreKey("archive", "verify", rekeyed.toString()));
        assertThat(oldKey.exitCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY.exitCode());
        Result inspect = symbolon("archive", "inspect", rekeyed.toString());
        assertThat(inspect.out()).contains(" rekey: added X25519 ").contains("removed " + BACKUP_KEY_FINGERPRINT);
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
                        ARCHIVE.toString(),
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
                withRestoreKey("archive", "verify", rotated.toString(), "--signer", NODE_CERTIFICATE.toString()));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("countersigner  " + operatorFingerprint);
        assertThat(ArchiveReader.verify(rotated, Trust.certificate(NODE.certificate()))
                        .countersigner())
                .contains(operatorFingerprint);
    }

    @Test
    void rekeyToAKeystoreRecipientAndAnSshRsaLineFromAFile() throws Exception {
        Path line = work.resolve("admin.pub");
        String sshLine = Keystores.recipients(BACKUP_KEYSTORE, BACKUP_PASSWORD.toCharArray(), null)
                .getFirst()
                .sshLine("admin");
        Files.writeString(line, sshLine + "\n");
        Path once = work.resolve("once.tar.gz");

        Result duplicate = symbolon(withRestoreKey(
                "archive",
                "rekey",
                ARCHIVE.toString(),
                "--add-recipient",
                "keystore:" + BACKUP_KEYSTORE + "#backup",
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
                ARCHIVE.toString(),
                "--remove-recipient",
                BACKUP_KEY_FINGERPRINT,
                "--add-recipient",
                "@" + line,
                "-o",
                once.toString()));
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(fromFile.out()).contains("ssh-rsa " + BACKUP_KEY_FINGERPRINT);
    }

    @Test
    void rekeyRefusesAnUnknownRecipientSyntax() {
        Result result = symbolon(withRestoreKey(
                "archive",
                "rekey",
                ARCHIVE.toString(),
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
                ARCHIVE.toString(),
                "--keystore",
                RESTORE_KEYSTORE.toString(),
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
                ARCHIVE.toString(),
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
                        ARCHIVE.toString(),
                        "--remove-recipient",
                        BACKUP_KEY_FINGERPRINT,
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
}
