package io.symbolon.cli.quickstart;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.seal.MachineSealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One node of the quickstart: its data directory, its own machine secret (its own "machine"), its log,
 * and its server process while it runs ({@code symbolon server start --foreground}, the code {@code
 * server start} runs in the background).
 */
final class SandboxNode {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Sandbox sandbox;
    private final String name;
    private final Path dataDir;
    private final Path machineSecret;
    private final Path log;
    private Process server;

    SandboxNode(Sandbox sandbox, String name) {
        this.sandbox = sandbox;
        this.name = name;
        this.dataDir = sandbox.root().resolve(name);
        this.machineSecret = sandbox.root().resolve("machines").resolve(name + ".secret");
        this.log = sandbox.root().resolve(name + ".log");
        try {
            Files.createDirectories(machineSecret.getParent());
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot create " + machineSecret.getParent());
        }
    }

    String name() {
        return name;
    }

    Path dataDir() {
        return dataDir;
    }

    Path machineSecret() {
        return machineSecret;
    }

    Path certificate() {
        return dataDir.resolve("node.crt");
    }

    Map<String, String> environment() {
        return Map.of(MachineSealer.SECRET_FILE_VARIABLE, machineSecret.toString());
    }

    /** Runs {@code symbolon arguments…} as this node's machine, in the background. */
    Process launch(List<String> arguments) {
        return sandbox.start(environment(), log, arguments);
    }

    /** Runs {@code symbolon arguments…} as this node's machine and requires it to succeed. */
    void run(List<String> arguments, int seconds) {
        int exit = sandbox.waitFor(launch(arguments), seconds);
        if (exit != 0) {
            throw new SymbolonException(
                    ErrorCode.INTERNAL,
                    "symbolon " + String.join(" ", arguments.subList(0, 2)) + " failed on " + name + " (exit " + exit
                            + "):\n" + tail());
        }
    }

    /** Starts the server and waits until it serves. */
    void start() {
        long offset = logLength();
        server = launch(List.of("server", "start", "--foreground", "--data-dir", dataDir.toString()));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!logSince(offset).contains(" serving ")) {
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                throw new SymbolonException(ErrorCode.INTERNAL, name + " did not start:\n" + tail());
            }
            try {
                server.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SymbolonException(ErrorCode.INTERNAL, "interrupted");
            }
        }
    }

    /** Stops the server gracefully (SIGTERM), as {@code server stop} does. */
    void stop() {
        if (server != null) {
            sandbox.stop(server);
            server = null;
        }
    }

    String tail() {
        String all = read(0);
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }

    private long logLength() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String logSince(long offset) {
        return read(offset);
    }

    private String read(long offset) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] bytes = Files.readAllBytes(log);
            return offset >= bytes.length
                    ? ""
                    : new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
