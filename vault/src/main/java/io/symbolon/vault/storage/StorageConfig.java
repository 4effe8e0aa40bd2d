package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a node's database is: a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}), the
 * credentials for PostgreSQL, and the most connections to open.
 *
 * @param jdbcUrl the database; its query string is never logged or shown
 * @param user the database user, if the URL does not name one
 * @param password the database password, if any; never shown by {@link #toString()}
 * @param maxConnections the pool size (readers on SQLite, which has one writer besides)
 */
public record StorageConfig(String jdbcUrl, Optional<String> user, Optional<String> password, int maxConnections) {
    /** The database file's name inside a data directory. */
    public static final String SQLITE_FILE = "vault.db";

    public StorageConfig {
        if (jdbcUrl == null || user == null || password == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a storage configuration needs a JDBC URL");
        }
        Dialect.of(jdbcUrl);
        if (maxConnections < 1 || maxConnections > 200) {
            throw new SymbolonException(ErrorCode.USAGE, "between 1 and 200 connections, not " + maxConnections);
        }
    }

    /** The default: SQLite in {@code dataDirectory/vault.db}. */
    public static StorageConfig sqlite(Path dataDirectory) {
        return new StorageConfig(
                "jdbc:sqlite:" + dataDirectory.toAbsolutePath().resolve(SQLITE_FILE),
                Optional.empty(),
                Optional.empty(),
                4);
    }

    /** A PostgreSQL database. */
    public static StorageConfig postgres(String jdbcUrl, String user, String password) {
        return new StorageConfig(jdbcUrl, Optional.ofNullable(user), Optional.ofNullable(password), 8);
    }

    public Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }

    /** The URL without its query string (which may carry credentials), for logs and messages. */
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "StorageConfig[" + describe() + ", user=" + user.orElse("-") + ", password="
                + (password.isPresent() ? "redacted" : "-") + ", maxConnections=" + maxConnections + "]";
    }
}
