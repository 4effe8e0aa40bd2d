package io.symbolon.vault.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, in a temporary directory, listening on 127.0.0.1 only on a free
 * port, with trust authentication for the user {@code symbolon}. It uses the newest
 * {@code /usr/lib/postgresql/<version>/bin}; when there is none the calling test is skipped, unless
 * {@code SYMBOLON_REQUIRE_EXTERNAL=1}, when it fails. {@code initdb} and {@code postgres} refuse to run
 * as root, so as root every command runs through {@code runuser -u postgres}. Durability is switched
 * off (fsync, synchronous commit): the data lives only as long as the test class.
 *
 * <pre>
 * static PostgresServer postgres;
 * &#64;BeforeAll static void start() { postgres = PostgresServer.start(); }
 * &#64;AfterAll static void stop() { postgres.close(); }
 * ... postgres.createDatabase("t1"); postgres.jdbcUrl("t1") ...
 * </pre>
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser the cluster is created with; it needs no password on loopback. */
    public static final String USER = "symbolon";

    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread shutdownHook;
    private boolean stopped;

    private PostgresServer(Path binaries, Path directory, int port, boolean asPostgresUser) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.shutdownHook = new Thread(this::stop, "postgres-test-server-stop");
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with {@code initdb} and {@code pg_ctl}. */
    public static Optional<Path> findBinaries() {
        if (!Files.isDirectory(INSTALLATIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin ->
                            Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts a server, or skips (or, with SYMBOLON_REQUIRE_EXTERNAL=1, fails) the test if it cannot. */
    public static PostgresServer start() {
        Optional<Path> binaries = findBinaries();
        if (binaries.isEmpty()) {
            unavailable("no PostgreSQL binaries under " + INSTALLATIONS + "/<version>/bin (install the"
                    + " postgresql package, 15 or later)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root
                && !Files.isExecutable(Path.of("/usr/sbin/runuser"))
                && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            unavailable("running as root, PostgreSQL needs runuser to drop to the postgres user, and there is none");
        }
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path directory = null;
            try {
                // As root the server runs as postgres, which must reach the directory: /tmp always lets it.
                directory = root
                        ? Files.createTempDirectory(Path.of("/tmp"), "symbolon-postgres")
                        : Files.createTempDirectory("symbolon-postgres");
                if (root) {
                    handToPostgresUser(directory);
                }
                PostgresServer server = new PostgresServer(binaries.get(), directory, freePort(), root);
                server.initialise();
                server.startServer();
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                return server;
            } catch (IOException e) {
                last = e;
                deleteQuietly(directory);
            }
        }
        throw new IllegalStateException("PostgreSQL did not start in 3 attempts", last);
    }

    private static void unavailable(String why) {
        if ("1".equals(System.getenv("SYMBOLON_REQUIRE_EXTERNAL"))) {
            fail("SYMBOLON_REQUIRE_EXTERNAL=1 and " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** A connection to {@code database} as {@link #USER}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Creates an empty database. */
    public void createDatabase(String name) {
        administer("CREATE DATABASE \"" + name + "\"");
    }

    /** Creates a database as a copy of {@code template} (e.g. one already migrated), which is much faster. */
    public void createDatabase(String name, String template) {
        // PostgreSQL refuses to copy a database anyone is connected to; pools close asynchronously.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sessions(template) == 0);
        administer("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\"");
    }

    /** Drops a database, disconnecting its sessions. */
    public void dropDatabase(String name) {
        administer("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    private long sessions(String database) throws SQLException {
        try (Connection connection = connect("postgres");
                var statement =
                        connection.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?")) {
            statement.setString(1, database);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void administer(String sql) {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private void initialise() throws IOException {
        run(command(
                binaries.resolve("initdb").toString(),
                "-D",
                dataDirectory().toString(),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync"));
    }

    private void startServer() throws IOException {
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + directory
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100";
        run(command(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                dataDirectory().toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-o",
                options,
                "-w",
                "-t",
                String.valueOf(START_TIMEOUT_SECONDS),
                "start"));
    }

    /** Stops the server (fast shutdown) and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(command(
                    binaries.resolve("pg_ctl").toString(),
                    "-D",
                    dataDirectory().toString(),
                    "-m",
                    "fast",
                    "-w",
                    "stop"));
        } catch (IOException e) {
            System.err.println("stopping the test PostgreSQL failed: " + e.getMessage());
        } finally {
            deleteQuietly(directory);
        }
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    private List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(START_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n" + output
                    + serverLogTail());
        }
    }

    private String serverLogTail() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("server.log"));
            return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void handToPostgresUser(Path directory) throws IOException {
        UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal postgres = lookup.lookupPrincipalByName("postgres");
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        view.setOwner(postgres);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + ", " + binaries + "]";
    }
}
