package io.symbolon.cli.server;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.client.ApiOptions;
import io.symbolon.cli.client.DataDirOption;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.server.run.ServerControl;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.MachineSealer;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code symbolon server start|stop|status|test|refresh}. */
@Command(
        name = "server",
        description = "Run, stop and check a node.",
        subcommands = {
            ServerCommand.Start.class,
            ServerCommand.Stop.class,
            ServerCommand.Status.class,
            ServerCommand.Test.class,
            RefreshCommand.class
        })
public final class ServerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: " + String.join(", ", Main.commands(spec)));
    }

    /** {@code server start}: in the background (default) or the foreground. */
    @Command(
            name = "start",
            description =
                    "Start the node: in the background with a pid file (default), or in the foreground until SIGTERM or Ctrl-C.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDirOption dataDir;

        @Option(names = "--foreground", description = "Run in this process, logging to stderr, until stopped.")
        boolean foreground;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataDirectory directory = dataDir.directory();
            if (foreground) {
                operatorLogging();
                SecureRandom random = new SecureRandom();
                ServerControl.runForeground(directory, new MachineSealer(random), new PasswordHasher(random), node -> {
                    out.println(
                            node.config().role() == Role.EP
                                    ? "symbolon: EP serving the client API on port " + node.apiPort() + " (pid "
                                            + ProcessHandle.current().pid() + ")"
                                    : "symbolon: Partner serving the pair channel on port " + node.pairPort() + " (pid "
                                            + ProcessHandle.current().pid() + ")");
                    out.flush();
                });
                return 0;
            }
            long pid = ServerControl.startBackground(directory, foregroundCommand(directory));
            out.println("symbolon: started (pid " + pid + "), logging to "
                    + directory.logs().resolve("symbolon.log"));
            return 0;
        }

        private static List<String> foregroundCommand(DataDirectory directory) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
            if (inherited.stream().noneMatch(argument -> argument.startsWith("--enable-native-access"))) {
                command.add("--enable-native-access=ALL-UNNAMED");
            }
            for (String argument : inherited) {
                if (!argument.startsWith("-agentlib")
                        && !argument.startsWith("-javaagent")
                        && !argument.startsWith("-Xrunjdwp")) {
                    command.add(argument);
                }
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(List.of(
                    "server",
                    "start",
                    "--foreground",
                    "--data-dir",
                    directory.path().toString()));
            return command;
        }
    }

    /** Operators want INFO lines (key=value) in the server's journal; commands stay quiet. */
    static void operatorLogging() {
        if (System.getProperty("symbolon.log.level") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                        instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.INFO);
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.symbolon")).setLevel(Level.INFO);
            for (String noisy : List.of("org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb")) {
                ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
            }
        }
    }

    /** {@code server stop}: SIGTERM, then wait for a graceful shutdown. */
    @Command(name = "stop", description = "Stop the node gracefully (requests in flight finish, the database closes).")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            boolean stopped = ServerControl.stop(dataDir.directory());
            spec.commandLine().getOut().println(stopped ? "symbolon: stopped" : "symbolon: not running");
            return 0;
        }
    }

    /** {@code server status}: exit 0 when running, 1 when not. */
    @Command(name = "status", description = "Say whether the node runs (exit 0) or not (exit 1).")
    static final class Status implements Callable<Integer> {
        static final int NOT_RUNNING = Main.DIFFERENCE_FOUND;

        @Spec
        CommandSpec spec;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataDirectory directory = dataDir.directory();
            NodeConfig config = NodeConfig.read(directory.path());
            Optional<Long> pid = ServerControl.status(directory);
            String listens = config.role() == Role.EP
                    ? "client API on port " + config.apiPort() + ", Partner at " + config.peerHostname() + ":"
                            + config.pairPort()
                    : "pair channel on port " + config.pairPort();
            out.println(config.role().displayName() + " '" + config.selfHostname() + "' of pair " + config.pairId()
                    + ": " + pid.map(p -> "running (pid " + p + "), " + listens).orElse("not running"));
            return pid.isPresent() ? 0 : NOT_RUNNING;
        }
    }

    /** {@code server test} (seed 002): is the pair up and consistent? */
    @Command(
            name = "test",
            description =
                    "Check that the pair is up and consistent: every object on both nodes, same version and epoch, public shares adding up. Exit 0 only when all holds.")
    static final class Test implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        Test(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode report = api.client(terminal).get("/api/v1/server/test");
            if (json) {
                JsonOutput.print(out, report);
            } else {
                PairTestReport.print(out, report);
            }
            return report.path("ok").asBoolean(false) ? 0 : Main.DIFFERENCE_FOUND;
        }
    }
}
