package io.symbolon.cli.archive;

import static io.symbolon.cli.archive.SampleBackup.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.cli.ScriptedTerminal;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive decrypt}: identities, passwords from every source, and nothing written on failure. */
class DecryptCommandTest {
    @TempDir
    Path work;

    @Test
    void decryptWithTheRestoreKeystoreWritesTheThreeFiles() {
        Path output = work.resolve("out");

        Result result = symbolon(withRestoreKey("archive", "decrypt", ARCHIVE.toString(), "-o", output.toString()));

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
                ARCHIVE.toString(),
                "-o",
                output.toString(),
                "--keystore",
                RESTORE_KEYSTORE.toString(),
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
                ARCHIVE.toString(),
                "-o",
                work.resolve("out").toString(),
                "--keystore",
                RESTORE_KEYSTORE.toString());

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
                ARCHIVE.toString(),
                "-o",
                work.resolve("out").toString(),
                "--keystore",
                RESTORE_KEYSTORE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(terminal.prompts()).singleElement().asString().contains("password of keystore");
        assertThat(result.out() + result.err()).doesNotContain(RESTORE_PASSWORD);
    }

    @Test
    void decryptRefusesAPasswordOnTheCommandLineWithoutRepeatingIt() {
        Result result = symbolon(
                "archive",
                "decrypt",
                ARCHIVE.toString(),
                "-o",
                work.resolve("out").toString(),
                "--keystore",
                RESTORE_KEYSTORE.toString(),
                "--keystore-password",
                "hunter2-secret");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err())
                .contains("never given as command-line arguments")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void decryptWithoutAnyIdentityIsAUsageError() {
        Result result = symbolon(
                "archive",
                "decrypt",
                ARCHIVE.toString(),
                "-o",
                work.resolve("out").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("give a restore identity");
    }

    @Test
    void decryptRefusesANonEmptyDirectory() throws Exception {
        Path output = Files.createDirectories(work.resolve("out"));
        Files.writeString(output.resolve("keep.txt"), "mine");

        Result result = symbolon(withRestoreKey("archive", "decrypt", ARCHIVE.toString(), "-o", output.toString()));

        assertThat(result.exitCode()).isEqualTo(ErrorCode.ALREADY_EXISTS.exitCode());
        assertThat(output.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void aMissingArchiveIsReportedBeforeAnyPasswordIsAskedFor() {
        Result result = Cli.run(
                ScriptedTerminal.withoutConsole(),
                "archive",
                "decrypt",
                work.resolve("nothing.tar.gz").toString(),
                "--keystore",
                RESTORE_KEYSTORE.toString(),
                "-o",
                work.resolve("out").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(result.err()).contains("archive " + work.resolve("nothing.tar.gz") + " does not exist");
    }
}
