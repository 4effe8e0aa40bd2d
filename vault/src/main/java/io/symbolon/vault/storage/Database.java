package io.symbolon.vault.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The connection pools of one database, migrated to the current schema, and the transaction discipline
 * every storage operation follows. SQLite gets one writer connection (transactions begin IMMEDIATE, so
 * two writers queue on the busy timeout instead of failing on a lock upgrade) and a pool of readers,
 * which WAL lets read while the writer writes. PostgreSQL gets one pool for both.
 */
final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** How long a SQLite connection waits for another's lock before it fails with SQLITE_BUSY. */
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    /** Connections kept open when idle; more are opened on demand up to the configured maximum. */
    private static final int MINIMUM_IDLE = 2;

    private final Dialect dialect;
    private final String description;
    private final HikariDataSource writers;
    private final HikariDataSource readers;

    /** A unit of work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(Dialect dialect, String description, HikariDataSource writers, HikariDataSource readers) {
        this.dialect = dialect;
        this.description = description;
        this.writers = writers;
        this.readers = readers;
    }

    /** How a SQLite database keeps its transactions atomic; PostgreSQL ignores it. */
    enum Journal {
        /** Write-ahead log: readers read while the writer writes. What a serving node uses. */
        WAL(SQLiteConfig.JournalMode.WAL),
        /**
         * Rollback journal: a transaction writes its pages into the database file once, where WAL writes
         * them into the log and a checkpoint copies them into the file again; readers wait while a large
         * transaction writes. For a process that has the database to itself (a boot, whose restore
         * imports everything in one transaction). The mode is kept in the file: the next {@link #WAL}
         * open turns it back.
         */
        ROLLBACK(SQLiteConfig.JournalMode.DELETE);

        private final SQLiteConfig.JournalMode mode;

        Journal(SQLiteConfig.JournalMode mode) {
            this.mode = mode;
        }
    }

    static Database open(StorageConfig config) {
        return open(config, Journal.WAL);
    }

    static Database open(StorageConfig config, Journal journal) {
        return open(config, journal, BUSY_TIMEOUT_MILLIS);
    }

    /** As {@link #open(StorageConfig, Journal)}, SQLite's connections waiting {@code busyTimeoutMillis} for a lock. */
    static Database open(StorageConfig config, Journal journal, int busyTimeoutMillis) {
        Dialect dialect = config.dialect();
        migrate(config, dialect, journal, busyTimeoutMillis);
        if (dialect == Dialect.SQLITE) {
            HikariDataSource writer =
                    pool("symbolon-writer", sqlite(config, true, journal, busyTimeoutMillis), 1, busyTimeoutMillis);
            HikariDataSource reader = pool(
                    "symbolon-reader",
                    sqlite(config, false, journal, busyTimeoutMillis),
                    config.maxConnections(),
                    busyTimeoutMillis);
            return new Database(dialect, config.describe(), writer, reader);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("symbolon-postgres");
        hikari.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.maxConnections());
        hikari.setMinimumIdle(MINIMUM_IDLE);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource pool = new HikariDataSource(hikari);
        return new Database(dialect, config.describe(), pool, pool);
    }

    private static void migrate(StorageConfig config, Dialect dialect, Journal journal, int busyTimeoutMillis) {
        try {
            var flyway = Flyway.configure()
                    .locations("classpath:db/migration")
                    .placeholders(dialect.placeholders())
                    .failOnMissingLocations(true);
            if (dialect == Dialect.SQLITE) {
                flyway.dataSource(sqlite(config, false, journal, busyTimeoutMillis));
            } else {
                flyway.dataSource(
                        config.jdbcUrl(),
                        config.user().orElse(null),
                        config.password().orElse(null));
            }
            var result = flyway.load().migrate();
            LOG.info(
                    "storage schema ready database={} version={} migrationsApplied={}",
                    config.describe(),
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            if (dialect == Dialect.SQLITE && locked(e)) {
                // A boot leaves the file with a rollback journal; turning it back to WAL needs the file to itself.
                throw new SymbolonException(
                        ErrorCode.IO,
                        "the database " + config.describe() + " is locked by another process (a transaction held"
                                + " open, for example in the sqlite3 shell) and stayed locked for "
                                + busyTimeoutMillis / 1000.0 + " s; end that transaction or stop that process,"
                                + " then start again. Nothing was changed",
                        e);
            }
            throw new SymbolonException(
                    ErrorCode.IO, "cannot bring the database " + config.describe() + " to the current schema", e);
        }
    }

    /** Whether SQLite refused {@code failure} because another connection held the file's lock (SQLITE_BUSY). */
    private static boolean locked(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite
                    && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code) {
                return true;
            }
        }
        return false;
    }

    private static DataSource sqlite(StorageConfig config, boolean writer, Journal journal, int busyTimeoutMillis) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(journal.mode);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(busyTimeoutMillis);
        sqlite.enforceForeignKeys(true);
        if (writer) {
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(config.jdbcUrl());
        return source;
    }

    private static HikariDataSource pool(String name, DataSource source, int size, int busyTimeoutMillis) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(MINIMUM_IDLE, size));
        // A restore or a batch of a refresh holds the writer; others wait rather than fail.
        hikari.setConnectionTimeout(busyTimeoutMillis * 4L);
        return new HikariDataSource(hikari);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one write transaction: committed if it returns, rolled back if it throws. */
    <T> T write(String what, Work<T> work) {
        try (Connection connection = writers.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on a reader connection in autocommit mode. */
    <T> T read(String what, Work<T> work) {
        try (Connection connection = readers.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A writer connection for a long transaction the caller manages (a restore). */
    Connection writerConnection() throws SQLException {
        return writers.getConnection();
    }

    /** A reader connection for a long read transaction the caller manages (a snapshot). */
    Connection readerConnection() throws SQLException {
        return readers.getConnection();
    }

    /** The error to report for a failed database operation: says what failed, never any data. */
    SymbolonException failure(String what, SQLException e) {
        return new SymbolonException(
                ErrorCode.IO, "the database " + description + " failed to " + what + ": " + e.getMessage(), e);
    }

    static void rollbackQuietly(Connection connection, Throwable reason) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            reason.addSuppressed(rollback);
        }
    }

    @Override
    public void close() {
        writers.close();
        readers.close();
    }
}
