package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.sql.SQLException;
import java.util.Map;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What differs between the two databases. The schema is one set of migrations with placeholders; the
 * SQL of the repository is common to both.
 */
public enum Dialect {
    /** Embedded, the default: one file in the data directory, WAL mode, one writer. */
    SQLITE(Map.of("uid_type", "INTEGER", "binary", "BLOB")),
    /** For production pairs: chosen by a {@code jdbc:postgresql:} URL. */
    POSTGRESQL(Map.of("uid_type", "BIGINT", "binary", "BYTEA"));

    private final Map<String, String> placeholders;

    Dialect(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    /** The dialect a JDBC URL selects. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new SymbolonException(
                ErrorCode.USAGE, "unsupported database URL: expected jdbc:sqlite:… or jdbc:postgresql:…");
    }

    /**
     * Flyway placeholders of the migrations: {@code uid_type} (SQLite's {@code INTEGER PRIMARY KEY} makes
     * the uid the row id, the table's own order) and {@code binary}.
     */
    Map<String, String> placeholders() {
        return placeholders;
    }

    /** Whether {@code e} (or one it chains to) is a unique or primary key violation. */
    boolean isUniqueViolation(SQLException e) {
        return matches(
                e, "23505", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    /** Whether {@code e} (or one it chains to) is a foreign key violation. */
    boolean isForeignKeyViolation(SQLException e) {
        return matches(e, "23503", SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY, null);
    }

    private boolean matches(SQLException e, String sqlState, SQLiteErrorCode code, SQLiteErrorCode other) {
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (this == POSTGRESQL && cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
            if (this == SQLITE && cause instanceof SQLiteException lite) {
                SQLiteErrorCode result = lite.getResultCode();
                if (result == code || (other != null && result == other)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
