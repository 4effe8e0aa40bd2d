package io.symbolon.cli.boot;

import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.SecretSource;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.restore.RestoreOptions;
import io.symbolon.server.boot.Bootstrap;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.MachineSealer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code symbolon boot ep|partner}: creates a node (seed 002's {@code ekm_boot_ep} and
 * {@code ekm_boot_partner}). Boot the Partner first: it listens for EP, which connects to it.
 */
@Command(
        name = "boot",
        description = "Create a node: its data directory, keys, database and configuration, and pair it with its peer.",
        subcommands = {BootCommand.Ep.class, BootCommand.PartnerNode.class})
public final class BootCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: " + String.join(", ", Main.commands(spec)));
    }

    static Bootstrap bootstrap() {
        SecureRandom random = new SecureRandom();
        return new Bootstrap(new MachineSealer(random), new PasswordHasher(random), random, Clock.systemUTC());
    }

    static int report(PrintWriter out, Bootstrap.Booted booted) {
        var config = booted.config();
        out.println("Booted " + config.role().displayName() + " '" + config.selfHostname() + "' in pair "
                + config.pairId() + ".");
        out.println("  this node's fingerprint: " + booted.fingerprint());
        out.println("  peer: " + booted.peer().role().displayName() + " '"
                + booted.peer().hostname() + "' " + booted.peer().fingerprint());
        out.println("  database: " + config.storage().describe());
        out.println("Start it with: symbolon server start --data-dir <this data directory>");
        out.flush();
        return 0;
    }

    /** {@code symbolon boot ep -s ep1 -p partner1}. */
    @Command(
            name = "ep",
            description =
                    "Boot EP: sets the root SO password (so@root) and connects to the Partner to exchange certificates.")
    static final class Ep implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        BootOptions options;

        @Mixin
        PlainSecretRefusal refusal;

        @Mixin
        RestoreOptions restore;

        @Option(
                names = "--so-password-env",
                paramLabel = "VARIABLE",
                description = "Read the new root SO password from this environment variable.")
        String passwordVariable;

        @Option(
                names = "--so-password-file",
                paramLabel = "FILE",
                description = "Read the new root SO password from this file.")
        Path passwordFile;

        Ep(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (RestoreOptions.Prepared restoring = restore.prepare(Role.EP, terminal, out, options.force)) {
                char[] password = new Secrets(terminal)
                        .readNew(new SecretSource(
                                "root SO password (so@root)", "--so-password", passwordVariable, passwordFile));
                out.println("Connecting to the Partner at " + options.peer + ":" + options.pairPort + " …");
                out.flush();
                var booted = bootstrap()
                        .boot(
                                options.request(Role.EP),
                                Optional.of(password),
                                new OperatorApproval(out, options.force),
                                restoring.restoration());
                RestoreOptions.report(out, restoring);
                return report(out, booted);
            }
        }
    }

    /** {@code symbolon boot partner -s partner1 -p ep1}. */
    @Command(
            name = "partner",
            description = "Boot the Partner: listens on its pair port until EP connects to exchange certificates.")
    static final class PartnerNode implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        BootOptions options;

        @Mixin
        RestoreOptions restore;

        PartnerNode(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (RestoreOptions.Prepared restoring = restore.prepare(Role.PARTNER, terminal, out, options.force)) {
                out.println("Waiting for EP '" + options.peer + "' on " + options.bind + ":" + options.pairPort + " …");
                out.flush();
                var booted = bootstrap()
                        .boot(
                                options.request(Role.PARTNER),
                                Optional.empty(),
                                new OperatorApproval(out, options.force),
                                restoring.restoration());
                RestoreOptions.report(out, restoring);
                return report(out, booted);
            }
        }
    }
}
