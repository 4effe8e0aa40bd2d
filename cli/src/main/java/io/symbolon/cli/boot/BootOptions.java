package io.symbolon.cli.boot;

import io.symbolon.cli.client.DataDirOption;
import io.symbolon.server.boot.BootRequest;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.vault.node.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code boot ep} and {@code boot partner} share (seed 002's {@code -s}, {@code -p}, {@code -f}). */
public final class BootOptions {
    @Option(
            names = "-s",
            required = true,
            paramLabel = "SELF",
            description = "This node's hostname, as its peer reaches it.")
    String self;

    @Option(names = "-p", required = true, paramLabel = "PEER", description = "The peer's hostname.")
    String peer;

    @Option(
            names = "-f",
            description =
                    "Accept the peer's certificate without asking (its fingerprint is printed anyway); with -restore,"
                            + " also an archive whose signer is not pinned with --signer.")
    boolean force;

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "0.0.0.0",
            description = "Address the listeners bind to (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--api-port",
            paramLabel = "PORT",
            defaultValue = "" + NodeConfig.DEFAULT_API_PORT,
            description = "EP's client API port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(
            names = "--pair-port",
            paramLabel = "PORT",
            defaultValue = "" + NodeConfig.DEFAULT_PAIR_PORT,
            description = "The Partner's pair-channel port (default: ${DEFAULT-VALUE}).")
    int pairPort;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC-URL",
            description = "The database (default: SQLite in the data directory), e.g. jdbc:postgresql://db:5432/ep1.")
    String databaseUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "The database user.")
    String databaseUser;

    @Option(
            names = "--db-password-file",
            paramLabel = "FILE",
            description = "A file holding the database password (kept outside the configuration).")
    Path databasePasswordFile;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "How long to wait for the peer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    BootRequest request(Role role) {
        return new BootRequest(
                role,
                self,
                peer,
                dataDir.directory().path(),
                bind,
                apiPort,
                pairPort,
                Optional.ofNullable(databaseUrl),
                Optional.ofNullable(databaseUser),
                Optional.ofNullable(databasePasswordFile),
                Duration.ofSeconds(timeoutSeconds));
    }
}
