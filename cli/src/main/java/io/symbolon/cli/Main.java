package io.symbolon.cli;

import io.symbolon.cli.aot.AotTrainingCommand;
import io.symbolon.cli.archive.ArchiveCommand;
import io.symbolon.cli.backup.BackupCommand;
import io.symbolon.cli.boot.BootCommand;
import io.symbolon.cli.custodian.CustodianCommand;
import io.symbolon.cli.key.KeyCommand;
import io.symbolon.cli.partition.PartitionCommand;
import io.symbolon.cli.quickstart.QuickstartCommand;
import io.symbolon.cli.server.ServerCommand;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code symbolon} command: the root of every command group, and the one place where failures
 * become messages and exit codes ({@link ErrorCode} is the table; 0 is success, 1 means a check ran
 * and found a difference, 2 is bad usage).
 */
@Command(
        name = "symbolon",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "A split-key vault with backups built for the split.")
public final class Main implements Runnable {
    /**
     * The command groups under the root, by name, in the order the root's help lists them. They are added
     * in code, not through the annotation's {@code subcommands}, so that a run builds only the group it
     * names: picocli reflects over every command it is given, and the whole tree cost ~0.25 s of every
     * command's start (docs/OPERATIONS.md, "JVM options and the start-up cache").
     */
    static final Map<String, Class<?>> COMMANDS = commandsByName();

    private static Map<String, Class<?>> commandsByName() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("help", CommandLine.HelpCommand.class);
        commands.put("quickstart", QuickstartCommand.class);
        commands.put("boot", BootCommand.class);
        commands.put("server", ServerCommand.class);
        commands.put("partition", PartitionCommand.class);
        commands.put("key", KeyCommand.class);
        commands.put("archive", ArchiveCommand.class);
        commands.put("backup", BackupCommand.class);
        commands.put("custodian", CustodianCommand.class);
        commands.put("aot-training", AotTrainingCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /** The exit code of a check that ran and found a difference (e.g. two backups that do not match). */
    public static final int DIFFERENCE_FOUND = 1;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the process's terminal and returns its exit code. */
    public static int run(String... args) {
        Charset charset = System.out.charset();
        return run(
                new SystemTerminal(),
                new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, System.err.charset()), true),
                args);
    }

    /**
     * Runs the command line with the given terminal and output streams and returns its exit code; never
     * calls {@code System.exit}, so tests run commands in-process.
     */
    public static int run(Terminal terminal, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(new TerminalFactory(terminal), args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        // "@FILE" is a recipient file (as age's -R), not a picocli argument file.
        commandLine.setExpandAtFiles(false);
        commandLine.setExecutionExceptionHandler(Main::failed);
        commandLine.setParameterExceptionHandler(Main::misused);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The command line for {@code args}: when the first argument names a command group, the root holds
     * that group alone (its parse, help and errors are the same as in the whole tree); {@code --version}
     * alone needs no group; otherwise — no
     * argument, an option, {@code help}, a misspelt name — the root holds every group, so that its help
     * and suggestions list them all.
     */
    static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return root(factory);
        }
        Class<?> named = args.length == 0 || args[0].equals("help") ? null : COMMANDS.get(args[0]);
        return named == null
                ? fullCommandLine(factory)
                : root(factory).addSubcommand(args[0], new CommandLine(named, factory));
    }

    /** Every command (for the root's help, the completion script and the tests that walk the tree). */
    public static CommandLine fullCommandLine(CommandLine.IFactory factory) {
        CommandLine root = root(factory);
        COMMANDS.forEach((name, type) -> root.addSubcommand(name, new CommandLine(type, factory)));
        return root;
    }

    private static CommandLine root(CommandLine.IFactory factory) {
        return new CommandLine(Main.class, factory);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: " + String.join(", ", commands(spec)));
    }

    /** The subcommands of a command group, for "name a command" messages. */
    public static List<String> commands(CommandSpec group) {
        return group.subcommands().keySet().stream()
                .filter(name -> !name.equals("help"))
                .toList();
    }

    private static int failed(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        commandLine.getOut().flush();
        if (failure instanceof SymbolonException known) {
            err.println(
                    "symbolon: " + known.getMessage() + " [" + known.errorCode().code() + "]");
            err.flush();
            return known.errorCode().exitCode();
        }
        err.println("symbolon: unexpected failure: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                + " [" + ErrorCode.INTERNAL.code() + "]");
        err.flush();
        return ErrorCode.INTERNAL.exitCode();
    }

    /**
     * Bad usage. An unknown argument is repeated only when it looks like an option: anything else may be
     * a password typed where it does not belong.
     */
    private static int misused(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String message = failure.getMessage();
        if (failure instanceof UnmatchedArgumentException unmatched) {
            List<String> options = unmatched.getUnmatched().stream()
                    .filter(argument -> argument.startsWith("-"))
                    .toList();
            long others = unmatched.getUnmatched().size() - options.size();
            message = (options.isEmpty() ? "" : "unknown option " + String.join(", ", options))
                    + (options.isEmpty() || others == 0 ? "" : "; ")
                    + (others == 0
                            ? ""
                            : others + " unexpected argument" + (others == 1 ? "" : "s")
                                    + " (not repeated here in case it is a secret)");
        }
        err.println("symbolon: " + message + " [" + ErrorCode.USAGE.code() + "]");
        if (failure instanceof UnmatchedArgumentException unmatched) {
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ErrorCode.USAGE.exitCode();
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
