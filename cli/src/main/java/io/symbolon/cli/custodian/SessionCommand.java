package io.symbolon.cli.custodian;

import io.symbolon.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian session}: the operator's one-time key for one ceremony. */
@Command(
        name = "session",
        mixinStandardHelpOptions = true,
        description = "Start or end the one-time key that custodians seal their contributions to.",
        subcommands = {SessionStartCommand.class, SessionEndCommand.class})
final class SessionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "name a session command: " + String.join(", ", Main.commands(spec)));
    }
}
