package io.symbolon.cli.custodian;

import io.symbolon.archive.custodian.Session;
import io.symbolon.archive.recipient.X25519Recipient;
import io.symbolon.cli.options.InputFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian session end SESSION}: overwrite and delete the session file. */
@Command(
        name = "end",
        mixinStandardHelpOptions = true,
        description = "Ends a session: overwrites its file with zeros and deletes it. The contributions sealed to it"
                + " can then never be opened by anyone; they may be deleted or kept as a record.")
final class SessionEndCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "The session file.")
    Path file;

    @Override
    public Integer call() {
        InputFiles.require(file, "session file");
        X25519Recipient recipient = Session.recipientOf(file);
        Session.end(file);
        spec.commandLine().getOut().println("ended session " + recipient.encoded() + "; " + file + " was destroyed");
        return 0;
    }
}
