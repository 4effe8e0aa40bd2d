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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
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

    /** The row at the result set's cursor; a row that is not a valid object is reported by uid. */
    static StoredObject read(ResultSet rows) throws SQLException {
        return read(rows, null);
    }

    /**
     * As {@link #read(ResultSet)}, for a query whose WHERE clause selects rows in {@code state} only: the
     * state column is not decoded (one string less per row of a backup's snapshot).
     */
    static StoredObject readInState(ResultSet rows, ObjectState state) throws SQLException {
        return read(rows, java.util.Objects.requireNonNull(state));
    }

    private static StoredObject read(ResultSet rows, ObjectState selected) throws SQLException {
        long uid = rows.getLong(1);
        try {
            Attributes attributes = new Attributes(
                    rows.getString(7),
                    rows.getString(8),
                    rows.getBoolean(9),
                    rows.getBoolean(10),
                    Usage.fromMask(rows.getInt(11)),
                    Instant.ofEpochMilli(rows.getLong(12)),
                    optionalTime(rows, 13),
                    optionalTime(rows, 14));
            VaultObject object = new VaultObject(
                    new ObjectUid(uid),
                    rows.getString(2),
                    rows.getString(3),
                    ObjectType.parse(rows.getString(4)),
                    rows.getLong(5),
                    rows.getLong(6),
                    attributes,
                    new PublicData(rows.getBytes(15)));
            return new StoredObject(
                    object,
                    selected != null ? selected : ObjectState.valueOf(rows.getString(17)),
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
