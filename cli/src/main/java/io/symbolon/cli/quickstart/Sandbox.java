package io.symbolon.cli.quickstart;

import io.symbolon.cli.Folders;
import io.symbolon.cli.Main;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The quickstart's temporary folder and the {@code symbolon} processes it runs in it: each a real JVM
 * of this same program ({@code java -cp <this class path> io.symbolon.cli.Main …}), with the node's own
 * machine secret, as if each node were its own machine. Closing stops every process still running and,
 * unless asked to keep it, removes the folder; a shutdown hook does the same on Ctrl-C.
 */
final class Sandbox implements AutoCloseable {
    private final Path root;
    private final boolean keep;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread hook;
    private volatile boolean closed;

    private Sandbox(Path root, boolean keep) {
        this.root = root;
        this.keep = keep;
        this.hook = new Thread(this::cleanUp, "symbolon-quickstart-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A new folder under {@code parent} (the system's temporary folder when null). */
    static Sandbox create(Path parent, boolean keep) {
        try {
            Path base =
                    parent != null ? Files.createDirectories(parent) : Path.of(System.getProperty("java.io.tmpdir"));
            Path root = Files.createTempDirectory(
                    base,
                    "symbolon-quickstart-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new Sandbox(root, keep);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot create the quickstart's folder: " + e.getMessage());
        }
    }

    Path root() {
        return root;
    }

    /** A free TCP port on loopback (closed again; a node binds it a moment later). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "no free port on loopback: " + e.getMessage());
        }
    }

    /** Writes a secret file (mode 0600) in the folder. */
    Path secretFile(String name, String secret) {
        Path file = root.resolve(name);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * The launcher's start-up cache ({@code -XX:AOTCache=…}) among this JVM's {@code options}, for a child that
     * runs the same jar: its classes come loaded and linked from the cache instead of from the jar.
     */
    static List<String> startupCache(List<String> options) {
        return options.stream()
                .filter(option -> option.startsWith("-XX:AOTCache="))
                .toList();
    }

    /** Starts {@code symbolon arguments…} with {@code environment}, its output appended to {@code log}. */
    Process start(Map<String, String> environment, Path log, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // The child inherits none of this JVM's options: it needs its own (SQLite's native library).
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xmx256m");
        // A demo node serves a few requests: the quick compiler alone and one GC thread start it in half the time.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(startupCache(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            synchronized (this) {
                if (closed) {
                    throw new SymbolonException(ErrorCode.INTERNAL, "stopped (Ctrl-C): nothing more is started");
                }
                Process process = builder.start();
                processes.add(process);
                return process;
            }
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot start " + command.getFirst() + ": " + e.getMessage());
        }
    }

    /** Waits for a process to end (at most {@code seconds}) and returns its exit code. */
    int waitFor(Process process, int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SymbolonException(ErrorCode.IO, "a symbolon process did not finish within " + seconds + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SymbolonException(ErrorCode.INTERNAL, "interrupted");
        } finally {
            processes.remove(process);
        }
    }

    /** SIGTERM, and waits for a graceful end. */
    void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        processes.remove(process);
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs cleanUp, which is idempotent
        }
    }

    private void cleanUp() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        processes.clear();
        if (!keep) {
            Folders.deleteTree(root); // a temporary folder left behind is not worth failing for
        }
    }
}
