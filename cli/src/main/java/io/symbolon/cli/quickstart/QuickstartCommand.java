package io.symbolon.cli.quickstart;

import io.symbolon.cli.Terminal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symbolon quickstart}: the README's first command. */
@Command(
        name = "quickstart",
        sortOptions = false,
        description = {
            "Show a pair's coordinated backup and restore end to end, on this machine, in under a minute.",
            "",
            "Boots EP and Partner as real processes on loopback (SQLite, in a temporary folder), creates keys,"
                    + " runs an automatic backup through the REST API (TEST_SUCCESS), deletes a key on one node"
                    + " only and shows the second backup's TEST_FAILED difference, restores the first backup"
                    + " into a brand-new pair and runs server test on it. Exits 0 only if every step did what it"
                    + " should. Ctrl-C stops everything and cleans up."
        })
public final class QuickstartCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "Keep the temporary folder (data directories, archives, keys, logs).")
    boolean keep;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Create the temporary folder in DIR (default: the system's).")
    Path directory;

    QuickstartCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try (Sandbox sandbox = Sandbox.create(directory, keep)) {
            return new Quickstart(spec.commandLine().getOut(), terminal, sandbox, keep).run();
        }
    }
}
