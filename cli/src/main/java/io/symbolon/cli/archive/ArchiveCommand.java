package io.symbolon.cli.archive;

import io.symbolon.cli.Main;
import io.symbolon.cli.volume.JoinCommand;
import io.symbolon.cli.volume.SplitCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code symbolon archive}: one node's backup file — inspect, verify, decrypt, re-key; age identities for it. */
@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        description = "Inspect, verify, decrypt and re-key one node's backup archive; generate age identities for it.",
        subcommands = {
            InspectCommand.class,
            VerifyCommand.class,
            DecryptCommand.class,
            RekeyCommand.class,
            SplitCommand.class,
            JoinCommand.class,
            KeygenCommand.class
        })
public final class ArchiveCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "name an archive command: " + String.join(", ", Main.commands(spec)));
    }
}
