package io.symbolon.cli.backup;

import io.symbolon.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code symbolon backup}: backup keys and the backups of a pair (seed 000). */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Backup keys, coordinated and manual backups, and a pair's two archives checked against each"
                + " other (seed 000).",
        subcommands = {
            KeygenCommand.class,
            ConfigCommand.class,
            BackupApiCommands.Start.class,
            BackupApiCommands.Show.class,
            BackupApiCommands.ListBackups.class,
            BackupApiCommands.Status.class,
            CreateCommand.class,
            PairVerifyCommand.class
        })
public final class BackupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "name a backup command: " + String.join(", ", Main.commands(spec)));
    }
}
