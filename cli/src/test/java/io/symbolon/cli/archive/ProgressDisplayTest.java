package io.symbolon.cli.archive;

import static io.symbolon.cli.archive.SampleBackup.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.cli.ScriptedTerminal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar of the commands that read a whole archive (OPERATIONS.md, conventions): drawn on the
 * progress stream (stderr) when someone watches a terminal, never into the command's output, never with
 * {@code --quiet}, never when nobody watches.
 */
class ProgressDisplayTest {
    @TempDir
    Path work;

    private static ScriptedTerminal watched() {
        return ScriptedTerminal.watched()
                .variable("RESTORE_PASSWORD", RESTORE_PASSWORD)
                .variable("BACKUP_PASSWORD", BACKUP_PASSWORD);
    }

    @Test
    void verifyOnAWatchedTerminalDrawsABarNamingTheTaskOutsideTheOutput() {
        ScriptedTerminal terminal = watched();

        Result result = Cli.run(terminal, "archive", "verify", ARCHIVE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(terminal.progressDrawn()).contains("verify").contains("MiB").contains("\r");
        assertThat(result.out()).contains("verified").doesNotContain("\r").doesNotContain("MiB");
    }

    @Test
    void verifyWithQuietDrawsNothingEvenOnAWatchedTerminal() {
        ScriptedTerminal terminal = watched();

        Result result = Cli.run(terminal, "archive", "verify", "--quiet", ARCHIVE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(terminal.progressDrawn()).isEmpty();
        assertThat(result.out()).isEmpty();
    }

    @Test
    void verifyWithJsonOnAWatchedTerminalKeepsStdoutOneJsonDocument() throws Exception {
        ScriptedTerminal terminal = watched();

        Result result = Cli.run(terminal, "archive", "verify", "--json", ARCHIVE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).get("verified").asBoolean())
                .isTrue();
        assertThat(result.out()).doesNotContain("\r");
    }

    @Test
    void decryptOnAWatchedTerminalDrawsABarAndWithoutATerminalDrawsNone() {
        ScriptedTerminal terminal = watched();
        Result drawn = Cli.run(
                terminal,
                withRestoreKey(
                        "archive",
                        "decrypt",
                        ARCHIVE.toString(),
                        "-o",
                        work.resolve("watched").toString()));
        ScriptedTerminal unwatched = terminal();
        Result silent = Cli.run(
                unwatched,
                withRestoreKey(
                        "archive",
                        "decrypt",
                        ARCHIVE.toString(),
                        "-o",
                        work.resolve("unwatched").toString()));

        assertThat(drawn.exitCode()).as(drawn.toString()).isZero();
        assertThat(terminal.progressDrawn()).contains("decrypt").contains("MiB");
        assertThat(silent.exitCode()).as(silent.toString()).isZero();
        assertThat(unwatched.progressDrawn()).isEmpty();
    }
}
