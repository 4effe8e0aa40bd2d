package io.symbolon.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Boots an EP and a Partner as real, separate JVM processes of the {@code symbolon} command ({@code
 * java -cp <this test's class path> io.symbolon.cli.Main …}, so it needs the cli module on the class
 * path: use it from the cli's tests), on free loopback ports, in a temporary directory, each with its
 * own machine secret. Nodes are started and stopped with {@link NodeProcess}; {@link #api()} talks to
 * EP's REST API from the test itself. Closing kills whatever still runs and deletes the directory.
 *
 * <pre>
 * try (PairHarness pair = PairHarness.boot(PairHarness.Options.sqlite())) {
 *     pair.start();
 *     pair.api().post("/api/v1/partitions/root/objects", Map.of("name", "k1", "type", "AES-256"));
 * }
 * </pre>
 */
public final class PairHarness implements AutoCloseable {
    /** The root SO password every harness pair is booted with. */
    public static final String ROOT_PASSWORD = "harness root password";

    private static final String MAIN = "io.symbolon.cli.Main";

    private final Path root;
    private final NodeProcess ep;
    private final NodeProcess partner;
    private final int apiPort;
    private final int pairPort;
    private ApiCaller api;

    /**
     * How to boot: the database URLs (empty for SQLite) and the janitor's pace.
     *
     * @param epDatabase EP's JDBC URL, or empty for SQLite
     * @param partnerDatabase the Partner's
     * @param janitorSeconds the janitor's interval and age, short so tests see it settle
     */
    public record Options(Optional<String> epDatabase, Optional<String> partnerDatabase, int janitorSeconds) {
        public static Options sqlite() {
            return new Options(Optional.empty(), Optional.empty(), 2);
        }

        public static Options postgres(String epUrl, String partnerUrl) {
            return new Options(Optional.of(epUrl), Optional.of(partnerUrl), 2);
        }
    }

    private PairHarness(Path root, int apiPort, int pairPort) {
        this.root = root;
        this.apiPort = apiPort;
        this.pairPort = pairPort;
        this.ep = new NodeProcess(this, "ep", root);
        this.partner = new NodeProcess(this, "partner", root);
    }

    /** Boots both nodes (Partner listening, EP connecting, both with {@code -f}); starts neither. */
    public static PairHarness boot(Options options) {
        Booting booting = bootWith(options, List.of(), List.of(), 120);
        if (!booting.succeeded()) {
            booting.pair().close();
            throw new IllegalStateException("boot failed\nEP: " + booting.ep() + "\nPartner: " + booting.partner());
        }
        return booting.pair();
    }

    /**
     * What {@link #bootWith} did: the pair (booted or not; close it either way) and each boot's result.
     *
     * @param pair the harness
     * @param ep EP's boot command
     * @param partner the Partner's boot command
     */
    public record Booting(PairHarness pair, CommandResult ep, CommandResult partner) {
        public boolean succeeded() {
            return ep.exitCode() == 0 && partner.exitCode() == 0;
        }
    }

    /**
     * Boots both nodes with extra arguments for each boot command (e.g. {@code -restore ARCHIVE …}),
     * waiting at most {@code timeoutSeconds} for the peer, and reports both outcomes without failing.
     */
    public static Booting bootWith(
            Options options, List<String> epExtra, List<String> partnerExtra, int timeoutSeconds) {
        Path root;
        try {
            root = Files.createTempDirectory("symbolon-pair");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PairHarness harness = new PairHarness(root, freePort(), freePort());
        try {
            return harness.bootBoth(options, epExtra, partnerExtra, timeoutSeconds);
        } catch (RuntimeException | Error e) {
            harness.close();
            throw e;
        }
    }

    private Booting bootBoth(Options options, List<String> epExtra, List<String> partnerExtra, int timeoutSeconds) {
        List<String> partnerBoot = new ArrayList<>(javaCommand());
        partnerBoot.addAll(bootArguments("partner", partner, options.partnerDatabase(), timeoutSeconds));
        partnerBoot.addAll(partnerExtra);
        Path partnerLog = root.resolve("partner-boot.log");
        Process partnerProcess = spawn(partnerBoot, partner.environment(), partnerLog);
        Path password = root.resolve("root-password");
        try {
            Files.writeString(password, ROOT_PASSWORD, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> epArguments = new ArrayList<>(bootArguments("ep", ep, options.epDatabase(), timeoutSeconds));
        epArguments.addAll(List.of("--so-password-file", password.toString()));
        epArguments.addAll(epExtra);
        CommandResult epBoot = run(ep.environment(), epArguments.toArray(String[]::new));
        int partnerExit = waitFor(partnerProcess);
        CommandResult partnerBootResult = new CommandResult(partnerExit, read(partnerLog));
        if (epBoot.exitCode() != 0 || partnerExit != 0) {
            return new Booting(this, epBoot, partnerBootResult);
        }
        for (NodeProcess node : List.of(ep, partner)) {
            append(
                    node.dataDir().resolve("symbolon.conf"),
                    "janitor.intervalSeconds=" + options.janitorSeconds() + "\njanitor.ageSeconds="
                            + options.janitorSeconds() + "\n");
        }
        return new Booting(this, epBoot, partnerBootResult);
    }

    private List<String> bootArguments(String role, NodeProcess node, Optional<String> database, int timeoutSeconds) {
        List<String> arguments = new ArrayList<>(List.of(
                "boot",
                role,
                "-s",
                "127.0.0.1",
                "-p",
                "127.0.0.1",
                "-f",
                "--data-dir",
                node.dataDir().toString(),
                "--bind",
                "127.0.0.1",
                "--api-port",
                Integer.toString(apiPort),
                "--pair-port",
                Integer.toString(pairPort),
                "--timeout",
                Integer.toString(timeoutSeconds)));
        database.ifPresent(url -> arguments.addAll(List.of("--db-url", url)));
        return arguments;
    }

    /** Starts the Partner, then EP (seed 002's order), and waits until both serve. */
    public PairHarness start() {
        partner.start();
        ep.start();
        return this;
    }

    public NodeProcess ep() {
        return ep;
    }

    public NodeProcess partner() {
        return partner;
    }

    public Path root() {
        return root;
    }

    public int apiPort() {
        return apiPort;
    }

    public int pairPort() {
        return pairPort;
    }

    /** EP's client API as {@code so@root}, trusting exactly EP's certificate. */
    public synchronized ApiCaller api() {
        if (api == null) {
            api = new ApiCaller(apiPort, ep.dataDir().resolve("node.crt"), "so@root", ROOT_PASSWORD);
        }
        return api;
    }

    /** Runs {@code symbolon arguments…} as a separate process and waits for it. */
    public CommandResult run(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(arguments));
        Path output;
        try {
            output = Files.createTempFile(root, "command", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = spawn(command, environment, output);
        int code = waitFor(process);
        return new CommandResult(code, read(output));
    }

    /**
     * {@code java --enable-native-access=ALL-UNNAMED … -cp <class path> io.symbolon.cli.Main}: the Serial
     * collector, as the launcher runs the product, and the client compiler only — the tests' nodes hold
     * dozens of keys, and C2's compilations cost more CPU than they save when two nodes and the test share
     * two cores (the cli module's pair tests ~10 % shorter).
     */
    List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                MAIN);
    }

    private static Process spawn(List<String> command, Map<String, String> environment, Path output) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                // no answers on stdin: with -f nothing is asked
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int waitFor(Process process) {
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** A free TCP port on loopback (closed again; the node binds it a moment later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills what still runs and removes the directory. */
    @Override
    public void close() {
        ep.kill();
        partner.kill();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test for
        }
    }
}
