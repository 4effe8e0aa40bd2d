package io.symbolon.cli.backup;

import io.symbolon.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code symbolon backup config}: a node's backup settings ({@code backup.conf}, seed 000). */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "A node's backup settings (backup.conf): its backup key, folder, and on EP the schedule"
                + " and retention of automatic backups.",
        subcommands = {ConfigInitCommand.class, ConfigShowCommand.class})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "name a backup config command: " + String.join(", ", Main.commands(spec)));
    }
}
