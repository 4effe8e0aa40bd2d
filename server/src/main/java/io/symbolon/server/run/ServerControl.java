package io.symbolon.server.run;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.SymbolonNode;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.seal.Sealer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code symbolon server start|stop|status}: runs a node in the foreground until SIGTERM (or Ctrl-C),
 * or starts one in the background with its output in {@code logs/symbolon.log}, and stops it with
 * SIGTERM, which shuts it down gracefully: requests in flight finish, the database closes.
 */
public final class ServerControl {
    private static final Logger LOG = LoggerFactory.getLogger(ServerControl.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    private ServerControl() {}

    /**
     * Runs the node in this process until it is told to stop; {@code ready} is called once it serves.
     * Returns when the node has stopped.
     */
    public static void runForeground(
            DataDirectory directory, Sealer sealer, PasswordHasher hasher, Consumer<SymbolonNode> ready) {
        PidFile pidFile = new PidFile(directory.pidFile());
        NodeConfig.read(directory.path());
        pidFile.claim();
        SymbolonNode node;
        try {
            node = SymbolonNode.start(directory, sealer, hasher);
        } catch (RuntimeException e) {
            pidFile.release();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    LOG.info("shutdown requested");
                    try {
                        node.close();
                    } finally {
                        pidFile.release();
                        stopped.countDown();
                    }
                },
                "symbolon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ready.accept(node);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts {@code command} (a {@code server start --foreground} of this data directory) as a
     * background process logging into {@code logs/symbolon.log}; returns its pid once it has written its
     * pid file, or fails with the end of its log if it exits first.
     */
    public static long startBackground(DataDirectory directory, List<String> command) {
        PidFile pidFile = new PidFile(directory.pidFile());
        NodeConfig.read(directory.path());
        Optional<ProcessHandle> running = pidFile.running();
        if (running.isPresent()) {
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "the server already runs (pid " + running.get().pid() + ")");
        }
        Path log = directory.logs().resolve("symbolon.log");
        Process process;
        try {
            Files.createDirectories(directory.logs());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot start the server process: " + e.getMessage());
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (pidFile.read().filter(pid -> pid == process.pid()).isPresent()) {
                return process.pid();
            }
            try {
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new SymbolonException(
                            ErrorCode.IO,
                            "the server exited at start (code " + process.exitValue() + "):\n" + tail(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroy();
        throw new SymbolonException(
                ErrorCode.IO, "the server did not start within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
    }

    /** Stops the server with SIGTERM and waits for it; false if none was running. */
    public static boolean stop(DataDirectory directory) {
        PidFile pidFile = new PidFile(directory.pidFile());
        Optional<ProcessHandle> running = pidFile.running();
        if (running.isEmpty()) {
            return false;
        }
        ProcessHandle process = running.get();
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "the server (pid " + process.pid() + ") did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** The live server's pid, if any. */
    public static Optional<Long> status(DataDirectory directory) {
        return new PidFile(directory.pidFile()).running().map(ProcessHandle::pid);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
