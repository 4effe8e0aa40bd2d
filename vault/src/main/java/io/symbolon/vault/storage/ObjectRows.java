package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The objects table's columns, and the mapping between a row and a {@link StoredObject}. */
final class ObjectRows {
    /** Every column, in the order {@link #bind} and {@link #read} use. */
    static final String COLUMNS = "uid, partition_name, name, object_type, version, epoch, label, key_id,"
            + " extractable, sensitive, usages, created_at, activation_at, deactivation_at, public_data,"
            + " sealed_share, state, state_changed_at";

    static final int COLUMN_COUNT = 18;

    static final String INSERT = insert(1);

    static final String SELECT = "SELECT " + COLUMNS + " FROM objects";

    /** Replaces everything but the uid, partition and type, if the version is still the expected one. */
    static final String REPLACE = "UPDATE objects SET name = ?, version = ?, epoch = ?, label = ?, key_id = ?,"
            + " extractable = ?, sensitive = ?, usages = ?, created_at = ?, activation_at = ?, deactivation_at = ?,"
            + " public_data = ?, sealed_share = ?, state = ?, state_changed_at = ?"
            + " WHERE uid = ? AND version = ? AND partition_name = ? AND object_type = ?";

    private ObjectRows() {}

    /** Binds {@code row} to the parameters of {@link #REPLACE}. */
    static void bindReplace(PreparedStatement statement, StoredObject row, long expectedVersion) throws SQLException {
        VaultObject object = row.object();
        Attributes attributes = object.attributes();
        statement.setString(1, object.name());
        statement.setLong(2, object.version());
        statement.setLong(3, object.epoch());
        statement.setString(4, attributes.label());
        statement.setString(5, attributes.id());
        statement.setBoolean(6, attributes.extractable());
        statement.setBoolean(7, attributes.sensitive());
        statement.setInt(8, Usage.mask(attributes.usages()));
        statement.setLong(9, attributes.created().toEpochMilli());
        setOptionalTime(statement, 10, attributes.activation());
        setOptionalTime(statement, 11, attributes.deactivation());
        statement.setBytes(12, object.publicData().bytes());
        statement.setBytes(13, row.sealedShareUnsafe());
        statement.setString(14, row.state().name());
        statement.setLong(15, row.stateChanged().toEpochMilli());
        statement.setLong(16, object.uid().value());
        statement.setLong(17, expectedVersion);
        statement.setString(18, object.partition());
        statement.setString(19, object.type().label());
    }

    /** An INSERT of {@code rows} rows in one statement ({@code VALUES (…), (…), …}), for {@link #bind(PreparedStatement, int, StoredObject)}. */
    static String insert(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("an INSERT needs at least one row, not " + rows);
        }
        String values = "(?" + ", ?".repeat(COLUMN_COUNT - 1) + ")";
        StringBuilder sql =
                new StringBuilder("INSERT INTO objects (").append(COLUMNS).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(values);
        }
        return sql.toString();
    }

    /** Binds every column of {@code row} to parameters 1 to 18. */
    static void bind(PreparedStatement statement, StoredObject row) throws SQLException {
        bind(statement, 0, row);
    }

    /**
     * Binds every column of {@code row} to the parameters of the {@code index}th row (from 0) of an {@link
     * #insert(int)}: parameters {@code index × 18 + 1} to {@code index × 18 + 18}.
     */
    static void bind(PreparedStatement statement, int index, StoredObject row) throws SQLException {
        int at = index * COLUMN_COUNT;
        VaultObject object = row.object();
        Attributes attributes = object.attributes();
        statement.setLong(at + 1, object.uid().value());
        statement.setString(at + 2, object.partition());
        statement.setString(at + 3, object.name());
        statement.setString(at + 4, object.type().label());
        statement.setLong(at + 5, object.version());
        statement.setLong(at + 6, object.epoch());
        statement.setString(at + 7, attributes.label());
        statement.setString(at + 8, attributes.id());
        statement.setBoolean(at + 9, attributes.extractable());
        statement.setBoolean(at + 10, attributes.sensitive());
        statement.setInt(at + 11, Usage.mask(attributes.usages()));
        statement.setLong(at + 12, attributes.created().toEpochMilli());
        setOptionalTime(statement, at + 13, attributes.activation());
        setOptionalTime(statement, at + 14, attributes.deactivation());
        statement.setBytes(at + 15, object.publicData().bytes());
        statement.setBytes(at + 16, row.sealedShareUnsafe());
        statement.setString(at + 17, row.state().name());
        statement.setLong(at + 18, row.stateChanged().toEpochMilli());
    }

    /**
     * The row at the result set's cursor, from a database of {@code dialect}; a row that is not a valid object
     * is reported by uid.
     */
    static StoredObject read(ResultSet rows, Dialect dialect) throws SQLException {
        return read(rows, dialect, null);
    }

    /**
     * As {@link #read(ResultSet, Dialect)}, for a query whose WHERE clause selects rows in {@code state} only:
     * the state column is not decoded (one string less per row of a backup's snapshot).
     */
    static StoredObject readInState(ResultSet rows, Dialect dialect, ObjectState state) throws SQLException {
        return read(rows, dialect, Objects.requireNonNull(state));
    }

    private static StoredObject read(ResultSet rows, Dialect dialect, ObjectState selected) throws SQLException {
        long uid = rows.getLong(1);
        try {
            Attributes attributes = new Attributes(
                    text(rows, 7, dialect),
                    text(rows, 8, dialect),
                    rows.getBoolean(9),
                    rows.getBoolean(10),
                    Usage.fromMask(rows.getInt(11)),
                    Instant.ofEpochMilli(rows.getLong(12)),
                    optionalTime(rows, 13),
                    optionalTime(rows, 14));
            VaultObject object = new VaultObject(
                    new ObjectUid(uid),
                    text(rows, 2, dialect),
                    text(rows, 3, dialect),
                    ObjectType.parse(text(rows, 4, dialect)),
                    rows.getLong(5),
                    rows.getLong(6),
                    attributes,
                    new PublicData(rows.getBytes(15)));
            return new StoredObject(
                    object,
                    selected != null ? selected : ObjectState.valueOf(text(rows, 17, dialect)),
                    rows.getBytes(16),
                    Instant.ofEpochMilli(rows.getLong(18)));
        } catch (SymbolonException | IllegalArgumentException | NullPointerException e) {
            throw new SymbolonException(
                    ErrorCode.SHARE_TAMPERED,
                    "the row of object " + (uid > 0 ? new ObjectUid(uid).toString() : "with uid " + uid)
                            + " is not a valid object (" + e.getMessage() + "); the database was edited."
                            + " Delete the object on both nodes or restore from a backup",
                    e);
        }
    }

    /**
     * A text column. sqlite-jdbc's {@code getString} hands SQLite's UTF-8 to Java in a direct buffer made for
     * each call and decodes it through a charset decoder: 5 of a row's 17 columns cost 70 % of reading it.
     * The same bytes as a {@code byte[]} ({@code sqlite3_column_blob} of a TEXT value is its UTF-8), decoded
     * by {@link String#String(byte[], java.nio.charset.Charset)}, cost 40 % less (malformed UTF-8 becomes
     * U+FFFD either way). A NULL stays null. PostgreSQL's driver reads text as text.
     */
    private static String text(ResultSet rows, int index, Dialect dialect) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            byte[] utf8 = rows.getBytes(index);
            return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
        }
        return rows.getString(index);
    }

    private static void setOptionalTime(PreparedStatement statement, int index, Optional<Instant> time)
            throws SQLException {
        if (time.isPresent()) {
            statement.setLong(index, time.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static Optional<Instant> optionalTime(ResultSet rows, int index) throws SQLException {
        long millis = rows.getLong(index);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
