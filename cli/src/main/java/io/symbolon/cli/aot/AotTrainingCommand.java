package io.symbolon.cli.aot;

import io.symbolon.cli.Main;
import io.symbolon.cli.TerminalFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code symbolon aot-training}: the workload the {@code symbolon} launcher runs once per build under
 * {@code -XX:AOTCacheOutput} to write the JDK's AOT cache beside the jar. Hidden from the command list:
 * an operator never needs it, but it is safe to run (it touches only a temporary folder).
 */
@Command(
        name = "aot-training",
        hidden = true,
        description = {
            "Back up and restore throwaway keys in a temporary folder, in this process, so that a JVM started"
                    + " with -XX:AOTCacheOutput=FILE writes an AOT cache for backups and restores.",
            "",
            "The symbolon launcher runs it once per build; nothing is kept."
        })
public final class AotTrainingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--keys",
            paramLabel = "N",
            defaultValue = "20000",
            description = "Keys to back up and restore (default: ${DEFAULT-VALUE}).")
    int keys;

    @Override
    public Integer call() {
        // Every command's class into the cache: a run builds only the group it names, but any group may be named.
        Main.fullCommandLine(new TerminalFactory()).getUsageMessage();
        long restored = AotTraining.run(keys);
        spec.commandLine().getOut().println("aot-training: backed up and restored " + restored + " keys");
        return 0;
    }
}
