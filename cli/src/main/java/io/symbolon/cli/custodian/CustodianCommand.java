package io.symbolon.cli.custodian;

import io.symbolon.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian}: custodian sets and the ceremony that opens an archive with them. */
@Command(
        name = "custodian",
        mixinStandardHelpOptions = true,
        description = {
            "Custodian sets split the key that opens a backup among several people (seeds 001 and 004): all of"
                    + " them (XOR) or any k of them (Shamir). The ceremony: the operator starts a session; each"
                    + " custodian unwraps their own component into a contribution sealed to the session; the"
                    + " operator combines the contributions to verify, decrypt or re-key the archive, and ends the"
                    + " session. See docs/OPERATIONS.md, 'Custodians and volumes'."
        },
        subcommands = {
            DefineCommand.class,
            ShowCommand.class,
            SessionCommand.class,
            UnwrapCommand.class,
            StatusCommand.class,
            VerifyCommand.class,
            DecryptCommand.class,
            RekeyCommand.class
        })
public final class CustodianCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "name a custodian command: " + String.join(", ", Main.commands(spec)));
    }
}
