package io.symbolon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.cli.Cli.Result;
import io.symbolon.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

class MainTest {

    /** Every command's path from the root, e.g. {@code [archive, verify]}. */
    private static List<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(Main.class, new TerminalFactory(ScriptedTerminal.withoutConsole())), List.of(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> longer = new ArrayList<>(path);
                longer.add(name);
                collect(sub, longer, paths);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyCommandHasHelpAndVersion() {
        return commands().stream()
                .map(path -> DynamicTest.dynamicTest("symbolon " + String.join(" ", path), () -> {
                    List<String> help = new ArrayList<>(path);
                    help.add("--help");
                    Result helped = Cli.run(help.toArray(String[]::new));
                    assertThat(helped.exitCode()).as(helped.toString()).isZero();
                    assertThat(helped.out()).startsWith("Usage: symbolon");

                    List<String> version = new ArrayList<>(path);
                    version.add("--version");
                    Result versioned = Cli.run(version.toArray(String[]::new));
                    assertThat(versioned.exitCode()).as(versioned.toString()).isZero();
                    assertThat(versioned.out()).startsWith("symbolon ");
                }));
    }

    @Test
    void theArchiveAndBackupCommandsAreTheOnesDocumented() {
        assertThat(commands().stream().map(path -> String.join(" ", path)))
                .containsSubsequence(
                        "archive",
                        "archive inspect",
                        "archive verify",
                        "archive decrypt",
                        "archive rekey",
                        "backup",
                        "backup keygen",
                        "backup verify");
        assertThat(commands().stream().map(path -> String.join(" ", path)))
                .contains(
                        "archive split",
                        "archive join",
                        "custodian define",
                        "custodian session start",
                        "custodian session end",
                        "custodian unwrap",
                        "custodian status",
                        "custodian verify",
                        "custodian decrypt",
                        "custodian rekey");
    }

    @Test
    void aGroupWithoutACommandIsAUsageError() {
        Result result = Cli.run("archive");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err())
                .startsWith(
                        "symbolon: name an archive command: inspect, verify, decrypt, rekey, split, join, keygen [usage]");
    }

    @Test
    void anUnknownOptionIsNamedAndSuggested() {
        Result result = Cli.run("archive", "verify", "--signr", "x.pem", "a.tar.gz");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("unknown option --signr").contains("--signer");
    }
}
