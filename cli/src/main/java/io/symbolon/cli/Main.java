package io.symbolon.cli;

import io.symbolon.error.SymbolonException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code symbolon} command: the root of every command group. */
@Command(
        name = "symbolon",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A split-key vault with backups built for the split.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; no {@code System.exit} so tests can call it. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(Main::handle);
        return commandLine;
    }

    /** The one place where failures become messages and exit codes (ErrorCode is the table). */
    private static int handle(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof SymbolonException known) {
            err.println(
                    "symbolon: " + known.getMessage() + " [" + known.errorCode().code() + "]");
            err.flush();
            return known.errorCode().exitCode();
        }
        err.println("symbolon: unexpected failure: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
        err.flush();
        return io.symbolon.error.ErrorCode.INTERNAL.exitCode();
    }

    /** Reports the version recorded in the jar's manifest at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"symbolon " + (version == null ? "development build" : version)};
        }
    }
}
