package io.symbolon.cli.partition;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.client.ApiOptions;
import io.symbolon.cli.options.SecretSource;
import io.symbolon.cli.options.Secrets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon partition create|list|user}, against EP's client API. */
@Command(
        name = "partition",
        description = "Create and list partitions and their users (through EP's client API).",
        subcommands = {PartitionCommand.Create.class, PartitionCommand.ListPartitions.class, PartitionCommand.User.class
        })
public final class PartitionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: " + String.join(", ", Main.commands(spec)));
    }

    /** {@code partition create NAME}: on both nodes, with its SO {@code so@NAME}. */
    @Command(
            name = "create",
            description = "Create a partition on both nodes, with its security officer so@NAME (as so@root).")
    static final class Create implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Parameters(paramLabel = "NAME", description = "The new partition's name.")
        String name;

        @Option(
                names = "--so-password-env",
                paramLabel = "VARIABLE",
                description = "Read the new partition SO's password from this environment variable.")
        String soPasswordVariable;

        @Option(
                names = "--so-password-file",
                paramLabel = "FILE",
                description = "Read the new partition SO's password from this file.")
        Path soPasswordFile;

        Create(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            var client = api.client(terminal);
            char[] soPassword = new Secrets(terminal)
                    .readNew(new SecretSource(
                            "password of so@" + name, "--so-password", soPasswordVariable, soPasswordFile));
            try {
                JsonNode created = client.post("/api/v1/partitions", Map.of("name", name, "soPassword", soPassword));
                spec.commandLine()
                        .getOut()
                        .println("Partition " + created.path("name").asText() + " created; its SO is so@" + name + ".");
            } finally {
                Secrets.wipe(soPassword);
            }
            return 0;
        }
    }

    /** {@code partition list}. */
    @Command(name = "list", description = "List partitions (as so@root).")
    static final class ListPartitions implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        ListPartitions(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode answer = api.client(terminal).get("/api/v1/partitions");
            if (json) {
                JsonOutput.print(out, answer);
                return 0;
            }
            for (JsonNode partition : answer.path("partitions")) {
                out.println(partition.path("name").asText() + "\tcreated "
                        + partition.path("created").asText());
            }
            return 0;
        }
    }

    /** {@code partition user PARTITION NAME}: creates a user or sets its password. */
    @Command(
            name = "user",
            description = "Create a partition user (or set its password), who logs in as NAME@PARTITION.")
    static final class User implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Parameters(index = "0", paramLabel = "PARTITION")
        String partition;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Option(
                names = "--new-password-env",
                paramLabel = "VARIABLE",
                description = "Read the user's password from this environment variable.")
        String variable;

        @Option(
                names = "--new-password-file",
                paramLabel = "FILE",
                description = "Read the user's password from this file.")
        Path file;

        User(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            var client = api.client(terminal);
            char[] password = new Secrets(terminal)
                    .readNew(new SecretSource(
                            "password of " + name + "@" + partition, "--new-password", variable, file));
            try {
                JsonNode saved = client.post(
                        "/api/v1/partitions/" + partition + "/users", Map.of("name", name, "password", password));
                spec.commandLine()
                        .getOut()
                        .println("User " + saved.path("login").asText() + " saved.");
            } finally {
                Secrets.wipe(password);
            }
            return 0;
        }
    }
}
