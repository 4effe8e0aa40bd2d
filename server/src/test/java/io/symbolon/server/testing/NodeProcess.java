package io.symbolon.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link PairHarness}: its data directory, its own machine secret (as if it were its own
 * machine), and the real {@code symbolon server start --foreground} process when running. Output goes
 * to {@code <name>.log} beside the data directory, appended across restarts.
 */
public final class NodeProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final PairHarness harness;
    private final String name;
    private final Path dataDir;
    private final Path machineSecret;
    private final Path log;
    private Process process;

    NodeProcess(PairHarness harness, String name, Path root) {
        this.harness = harness;
        this.name = name;
        this.dataDir = root.resolve(name);
        this.machineSecret = root.resolve(name + ".machine-secret");
        this.log = root.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path machineSecret() {
        return machineSecret;
    }

    /** The environment this node's commands run with: its machine secret. */
    public Map<String, String> environment() {
        return Map.of("SYMBOLON_MACHINE_SECRET_FILE", machineSecret.toString());
    }

    /** Starts the server in the foreground and waits until it serves. */
    public NodeProcess start() {
        return start(machineSecret);
    }

    /** Starts with another machine secret (to prove a copied data directory does not open). */
    public NodeProcess start(Path secret) {
        return start(secret, Map.of());
    }

    /**
     * Starts with {@code environment} added to the node's own (e.g. a test-only kill point), and waits
     * until it serves.
     */
    public NodeProcess start(Map<String, String> environment) {
        return start(machineSecret, environment);
    }

    private NodeProcess start(Path secret, Map<String, String> environment) {
        if (running()) {
            throw new IllegalStateException(name + " already runs");
        }
        long offset = logLength();
        start0(secret, environment);
        await().atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> logSince(offset).contains(" serving ") || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " did not start:\n" + logSince(offset));
        }
        return this;
    }

    /**
     * Starts the server expecting it to refuse; returns its exit code and output.
     */
    public CommandResult startExpectingFailure(Path secret) {
        long offset = logLength();
        start0(secret, Map.of());
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " started although it should have refused");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int code = process.exitValue();
        process = null;
        return new CommandResult(code, logSince(offset));
    }

    private void start0(Path secret, Map<String, String> environment) {
        List<String> command = new ArrayList<>(harness.javaCommand());
        command.addAll(List.of("server", "start", "--foreground", "--data-dir", dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SYMBOLON_MACHINE_SECRET_FILE", secret.toString());
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, and waits for a graceful exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** SIGKILL, no shutdown at all. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The exit code of the last process, once it has exited. */
    public Process process() {
        return process;
    }

    /** Everything the node's processes wrote. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long logLength() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logSince(long offset) {
        String all = log();
        byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
        return offset >= bytes.length
                ? ""
                : new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
    }

    /** Runs a {@code symbolon} command with this node's environment. */
    public CommandResult run(String... arguments) {
        return harness.run(environment(), arguments);
    }

    /** The node's SQLite database (for tests that tamper with it or count its rows). */
    public Path database() {
        return dataDir.resolve("vault.db");
    }

    @Override
    public String toString() {
        return name + "[" + dataDir + "]";
    }
}
