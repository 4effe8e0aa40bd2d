package io.symbolon.server.boot;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What an operator asks of {@code symbolon boot ep|partner}: the node's role, its own and its peer's
 * hostnames, where its files and database go, and its ports. Settings only: the root SO password is
 * handed to {@link Bootstrap#boot} separately, as a {@code char[]}.
 *
 * @param role EP or PARTNER
 * @param selfHostname {@code -s}
 * @param peerHostname {@code -p}
 * @param dataDirectory {@code --data-dir}
 * @param bindAddress the address listeners bind to
 * @param apiPort EP's client API port
 * @param pairPort the Partner's pair-channel port (also where it listens for EP at boot)
 * @param databaseUrl a JDBC URL, or empty for SQLite in the data directory
 * @param databaseUser the database user, if any
 * @param databasePasswordFile a file with the database password, if any
 * @param exchangeTimeout how long to wait for the peer during the certificate exchange
 */
public record BootRequest(
        Role role,
        String selfHostname,
        String peerHostname,
        Path dataDirectory,
        String bindAddress,
        int apiPort,
        int pairPort,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<Path> databasePasswordFile,
        Duration exchangeTimeout) {
    public BootRequest {
        if (role == null || selfHostname == null || peerHostname == null || dataDirectory == null) {
            throw new SymbolonException(ErrorCode.USAGE, "boot needs a role, -s, -p and a data directory");
        }
        if (databaseUrl == null || databaseUser == null || databasePasswordFile == null || exchangeTimeout == null) {
            throw new SymbolonException(ErrorCode.USAGE, "boot options cannot be null");
        }
        databaseUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
                throw new SymbolonException(ErrorCode.USAGE, "--db-url must be a jdbc:sqlite: or jdbc:postgresql: URL");
            }
        });
    }
}
