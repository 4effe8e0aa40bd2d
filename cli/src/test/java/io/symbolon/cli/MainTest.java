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
        collect(Main.fullCommandLine(new TerminalFactory(ScriptedTerminal.withoutConsole())), List.of(), paths);
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

    @Test
    void aRunThatNamesAGroupBuildsThatGroupAlone() {
        TerminalFactory factory = new TerminalFactory(ScriptedTerminal.withoutConsole());

        assertThat(Main.commandLine(factory, "archive", "verify", "a.tar.gz")
                        .getSubcommands()
                        .keySet())
                .containsExactly("archive");
        assertThat(Main.commandLine(factory, "backup").getSubcommands().keySet())
                .containsExactly("backup");
        assertThat(Main.commandLine(factory, "--version").getSubcommands()).isEmpty();
        assertThat(Cli.run("--version").out()).startsWith("symbolon ");
        // no group named: the root holds all of them, for its help, "help GROUP" and suggestions
        for (String[] args :
                List.of(new String[0], new String[] {"--help"}, new String[] {"help", "archive"}, new String[] {
                    "archiv", "verify"
                })) {
            assertThat(Main.commandLine(factory, args).getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactlyElementsOf(Main.COMMANDS.keySet());
        }
    }

    @Test
    void theGroupsAreRegisteredUnderTheirOwnNames() {
        TerminalFactory factory = new TerminalFactory(ScriptedTerminal.withoutConsole());
        Main.COMMANDS.forEach((name, type) -> assertThat(new CommandLine(type, factory).getCommandName())
                .as(type.getName())
                .isEqualTo(name));
        Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        Main.COMMANDS.keySet().stream()
                .filter(name -> !name.equals("aot-training"))
                .forEach(name -> assertThat(help.out()).contains("  " + name + " "));
    }

    @Test
    void aMisspeltGroupIsSuggestedFromTheWholeTree() {
        Result result = Cli.run("archiv", "verify");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("Did you mean: symbolon archive or ");
    }
}
