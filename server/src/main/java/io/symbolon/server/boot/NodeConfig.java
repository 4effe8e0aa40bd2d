package io.symbolon.server.boot;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.storage.StorageConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * A node's configuration file, {@code symbolon.conf} in its data directory: who it is, where it and its
 * peer listen, and where its database is. It holds no secret (a database password, if any, stays in the
 * file {@code db.passwordFile} names). Written once at boot; an operator may edit ports and addresses.
 *
 * @param role EP or PARTNER
 * @param pairId the pair's id, fixed at boot
 * @param nodeId this node's id
 * @param selfHostname this node's hostname, as the peer reaches it
 * @param peerHostname the peer's hostname
 * @param bindAddress the address this node's listeners bind to
 * @param apiPort the client REST API's port (EP only)
 * @param pairPort the Partner's pair-channel port (the Partner listens on it, EP connects to it)
 * @param databaseUrl the JDBC URL of the node's database
 * @param databaseUser the database user, if the URL does not carry one
 * @param databasePasswordFile a file holding the database password, if one is needed
 * @param janitorInterval how often EP settles operations the peer never confirmed
 * @param janitorAge how old an unconfirmed operation must be before it is settled
 */
public record NodeConfig(
        Role role,
        String pairId,
        String nodeId,
        String selfHostname,
        String peerHostname,
        String bindAddress,
        int apiPort,
        int pairPort,
        String databaseUrl,
        Optional<String> databaseUser,
        Optional<Path> databasePasswordFile,
        Duration janitorInterval,
        Duration janitorAge) {
    /** The file's name inside the data directory. */
    public static final String FILE = "symbolon.conf";

    public static final int DEFAULT_API_PORT = 8443;
    public static final int DEFAULT_PAIR_PORT = 8444;
    public static final Duration DEFAULT_JANITOR_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_JANITOR_AGE = Duration.ofSeconds(60);

    public NodeConfig {
        if (role == null || pairId == null || nodeId == null || selfHostname == null || peerHostname == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a node configuration needs role, ids and hostnames");
        }
        requirePort("api.port", apiPort);
        requirePort("pair.port", pairPort);
        if (databaseUrl == null || databaseUser == null || databasePasswordFile == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a node configuration needs a database URL");
        }
        if (janitorInterval == null || janitorAge == null || janitorInterval.isNegative() || janitorAge.isNegative()) {
            throw new SymbolonException(ErrorCode.USAGE, "janitor durations cannot be negative");
        }
    }

    /** The storage configuration, reading the database password file if one is named. */
    public StorageConfig storage() {
        Optional<String> password = databasePasswordFile.map(NodeConfig::readPassword);
        int connections = databaseUrl.startsWith("jdbc:sqlite:") ? 4 : 8;
        return new StorageConfig(databaseUrl, databaseUser, password, connections);
    }

    private static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot read the database password file " + file + " (db.passwordFile)");
        }
    }

    /** Reads {@code dataDirectory/symbolon.conf}. */
    public static NodeConfig read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(
                    ErrorCode.NOT_FOUND,
                    dataDirectory + " holds no booted node (no " + FILE + "): run 'symbolon boot ep' or 'symbolon boot"
                            + " partner' with --data-dir " + dataDirectory);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage());
        }
        return new NodeConfig(
                Role.parse(required(properties, file, "role")),
                required(properties, file, "pair.id"),
                required(properties, file, "node.id"),
                required(properties, file, "self.hostname"),
                required(properties, file, "peer.hostname"),
                properties.getProperty("bind.address", "0.0.0.0").strip(),
                port(properties, file, "api.port", DEFAULT_API_PORT),
                port(properties, file, "pair.port", DEFAULT_PAIR_PORT),
                required(properties, file, "db.url"),
                optional(properties, "db.user"),
                optional(properties, "db.passwordFile").map(Path::of),
                seconds(properties, file, "janitor.intervalSeconds", DEFAULT_JANITOR_INTERVAL),
                seconds(properties, file, "janitor.ageSeconds", DEFAULT_JANITOR_AGE));
    }

    /** Writes the file into {@code dataDirectory} (atomically: beside it, then renamed into place). */
    public void write(Path dataDirectory) {
        StringWriter text = new StringWriter();
        text.append("# Symbolon node configuration, written at boot. No secrets belong here.\n");
        line(text, "role", role.label());
        line(text, "pair.id", pairId);
        line(text, "node.id", nodeId);
        line(text, "self.hostname", selfHostname);
        line(text, "peer.hostname", peerHostname);
        line(text, "bind.address", bindAddress);
        line(text, "api.port", Integer.toString(apiPort));
        line(text, "pair.port", Integer.toString(pairPort));
        line(text, "db.url", databaseUrl);
        databaseUser.ifPresent(user -> line(text, "db.user", user));
        databasePasswordFile.ifPresent(path -> line(text, "db.passwordFile", path.toString()));
        line(text, "janitor.intervalSeconds", Long.toString(janitorInterval.toSeconds()));
        line(text, "janitor.ageSeconds", Long.toString(janitorAge.toSeconds()));
        try {
            Path temporary = Files.createTempFile(dataDirectory, "." + FILE, ".tmp");
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, dataDirectory.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE + " into " + dataDirectory, e);
        }
    }

    private static void line(StringWriter text, String key, String value) {
        text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n');
    }

    private static String required(Properties properties, Path file, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + " lacks '" + key + "'");
        }
        return value.strip();
    }

    private static Optional<String> optional(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(key))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static int port(Properties properties, Path file, String key, int fallback) {
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + ": '" + key + "' is not a port number");
        }
    }

    private static Duration seconds(Properties properties, Path file, String key, Duration fallback) {
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, file + ": '" + key + "' is not a number of seconds");
        }
    }

    private static void requirePort(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new SymbolonException(ErrorCode.USAGE, key + " must be a port from 1 to 65535, not " + port);
        }
    }
}
