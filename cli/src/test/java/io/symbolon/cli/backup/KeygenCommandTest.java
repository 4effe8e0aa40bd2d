package io.symbolon.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.recipient.SshRsaIdentity;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.cli.ScriptedTerminal;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup keygen}: RSA key generation is slow, so few keys are made here. */
class KeygenCommandTest {
    @TempDir
    Path directory;

    @Test
    void generatesBothKeystoresAndSaysWhatToDoWithEach() throws Exception {
        Path restore = directory.resolve("restore.jceks");
        Path backup = directory.resolve("backup.jceks");
        ScriptedTerminal terminal = ScriptedTerminal.typing("restore pw", "restore pw", "backup pw", "backup pw");

        Result result = Cli.run(
                terminal,
                "backup",
                "keygen",
                "--restore-keystore",
                restore.toString(),
                "--backup-keystore",
                backup.toString(),
                "--subject",
                "CN=EP backup key");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(terminal.prompts()).hasSize(4);
        SshRsaIdentity identity = Keystores.identity(restore, "restore pw".toCharArray(), "backup", null);
        assertThat(result.out())
                .contains("Generated a 3072-bit RSA backup key.")
                .contains("fingerprint       " + identity.fingerprint())
                .contains("CN=EP backup key")
                .contains("Take it offline now: keep two copies")
                .contains("Put it on the node")
                .contains("the public certificate only")
                .doesNotContain("restore pw")
                .doesNotContain("backup pw");
        assertThat(Keystores.recipients(backup, "backup pw".toCharArray(), null))
                .singleElement()
                .satisfies(recipient -> assertThat(recipient.fingerprint()).isEqualTo(identity.fingerprint()));
        assertThat(Keystores.detectType(restore)).isEqualTo(Keystores.JCEKS);
        assertThat(Files.getPosixFilePermissions(restore)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void writesPkcs12AndJsonWithPasswordsFromFiles() throws Exception {
        Path restore = directory.resolve("restore.p12");
        Path backup = directory.resolve("backup.p12");
        Path restorePassword = Files.writeString(directory.resolve("restore.pw"), "from a file\n");
        Path backupPassword = Files.writeString(directory.resolve("backup.pw"), "another file\r\n");

        Result result = Cli.run(
                "backup",
                "keygen",
                "--restore-keystore",
                restore.toString(),
                "--backup-keystore",
                backup.toString(),
                "--type",
                "pkcs12",
                "--alias",
                "partner",
                "--restore-password-file",
                restorePassword.toString(),
                "--backup-password-file",
                backupPassword.toString(),
                "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("type").asText()).isEqualTo("PKCS12");
        assertThat(json.get("alias").asText()).isEqualTo("partner");
        assertThat(json.get("bits").asInt()).isEqualTo(3072);
        assertThat(json.get("sshRecipient").asText()).startsWith("ssh-rsa AAAA");
        SshRsaIdentity identity = Keystores.identity(restore, "from a file".toCharArray(), "partner", null);
        assertThat(json.get("fingerprint").asText()).isEqualTo(identity.fingerprint());
        assertThat(Keystores.recipients(backup, "another file".toCharArray(), "partner"))
                .hasSize(1);

        Result again = Cli.run(
                "backup",
                "keygen",
                "--restore-keystore",
                restore.toString(),
                "--backup-keystore",
                directory.resolve("other.p12").toString(),
                "--restore-password-file",
                restorePassword.toString(),
                "--backup-password-file",
                backupPassword.toString());
        assertThat(again.exitCode()).isEqualTo(ErrorCode.ALREADY_EXISTS.exitCode());
        assertThat(directory.resolve("other.p12")).doesNotExist();
    }

    @Test
    void refusesAKeyShorterThan3072BitsBeforeAskingAnything() {
        Result result = Cli.run(
                "backup",
                "keygen",
                "--restore-keystore",
                directory.resolve("r").toString(),
                "--backup-keystore",
                directory.resolve("b").toString(),
                "--bits",
                "2048");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("3072 or 4096 bits");
    }

    @Test
    void refusesTwoDifferentPasswordEntries() {
        Result result = Cli.run(
                ScriptedTerminal.typing("first-entry-7", "second-entry-9"),
                "backup",
                "keygen",
                "--restore-keystore",
                directory.resolve("r").toString(),
                "--backup-keystore",
                directory.resolve("b").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err())
                .contains("differ")
                .doesNotContain("first-entry-7")
                .doesNotContain("second-entry-9");
        assertThat(directory.resolve("r")).doesNotExist();
    }
}
