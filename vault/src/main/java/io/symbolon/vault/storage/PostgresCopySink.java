package io.symbolon.vault.storage;

import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Object rows streamed through {@code COPY objects FROM STDIN} in PostgreSQL's binary format: the way
 * PostgreSQL loads rows fastest, still inside the import's transaction (a failure anywhere rolls every
 * row back). Into an empty table, the table's indexes and key constraints are dropped first and
 * re-created when the rows are in ({@link DeferredObjectIndexes}).
 *
 * <p>The binary format sends every field as its length and its bytes in the column type's binary form
 * (big-endian integers, one byte per boolean, text as UTF-8, bytea as it is), so neither side formats or
 * parses digits or hex (docs/BENCHMARKS.md, "Bulk import into PostgreSQL": ~5 % of the server's and of the
 * client's CPU of an import). That form is the column's exact type's, so the sink first checks the table's
 * columns against {@link #TYPES} and refuses to start on any other schema.
 *
 * <p>Rows are written straight into one reusable buffer, sent as one COPY data message when it fills:
 * no string or array per row for ASCII text. The buffer holds sealed shares only, never a share in the
 * clear.
 */
final class PostgresCopySink implements RowSink {
    private static final int BUFFER = 1 << 18;
    private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The binary COPY signature, then no flags and an empty header extension. */
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    /** The columns of {@link ObjectRows#COLUMNS}, in order, as {@code format_type} names their types. */
    static final List<String> TYPES = List.of(
            "bigint", // uid
            "character varying(64)", // partition_name
            "character varying(255)", // name
            "character varying(16)", // object_type
            "bigint", // version
            "bigint", // epoch
            "character varying(255)", // label
            "character varying(256)", // key_id
            "boolean", // extractable
            "boolean", // sensitive
            "integer", // usages
            "bigint", // created_at
            "bigint", // activation_at
            "bigint", // deactivation_at
            "bytea", // public_data
            "bytea", // sealed_share
            "character varying(16)", // state
            "bigint"); // state_changed_at

    private final Optional<DeferredObjectIndexes> deferred;
    private final CopyIn copy;
    private byte[] buffer = new byte[BUFFER];
    private int length;

    PostgresCopySink(Connection connection) throws SQLException {
        requireColumnTypes(connection);
        this.deferred = DeferredObjectIndexes.dropIfEmpty(connection);
        this.copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY objects (" + ObjectRows.COLUMNS + ") FROM STDIN (FORMAT binary)");
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        length = HEADER.length;
    }

    /** Refuses a table whose columns' types are not the ones the binary rows are written in. */
    static void requireColumnTypes(Connection connection) throws SQLException {
        List<String> columns = List.of(ObjectRows.COLUMNS.split(", *"));
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = 'objects'::regclass AND attnum > 0 AND NOT attisdropped")) {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            String type = found.get(columns.get(i));
            if (!TYPES.get(i).equals(type)) {
                throw new SQLException("the objects table's column " + columns.get(i) + " is "
                        + (type == null ? "missing" : "of type " + type) + ", not " + TYPES.get(i)
                        + ": this database's schema is not the one this version of Symbolon loads rows into");
            }
        }
    }

    @Override
    public void add(StoredObject row) throws SQLException {
        VaultObject object = row.object();
        Attributes attributes = object.attributes();
        byte[] publicData = object.publicData().bytes();
        byte[] sealed = row.sealedShareUnsafe();
        if (length > BUFFER - 1024 - publicData.length - sealed.length) {
            flush();
        }
        ensure(2);
        putShort(ObjectRows.COLUMN_COUNT);
        int8(object.uid().value());
        text(object.partition());
        text(object.name());
        text(object.type().label());
        int8(object.version());
        int8(object.epoch());
        text(attributes.label());
        text(attributes.id());
        bool(attributes.extractable());
        bool(attributes.sensitive());
        int4(Usage.mask(attributes.usages()));
        int8(attributes.created().toEpochMilli());
        time(attributes.activation());
        time(attributes.deactivation());
        bytes(publicData);
        bytes(sealed);
        text(row.state().name());
        int8(row.stateChanged().toEpochMilli());
    }

    /** Text as UTF-8: ASCII copied character by character, anything else encoded by the JDK. */
    private void text(String value) {
        int count = value.length();
        ensure(4 + count);
        byte[] out = buffer;
        int at = length + 4;
        for (int i = 0; i < count; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                bytes(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
            out[at++] = (byte) c;
        }
        putInt(count);
        length = at;
    }

    private void int8(long value) {
        ensure(12);
        putInt(8);
        putLong(value);
    }

    private void int4(int value) {
        ensure(8);
        putInt(4);
        putInt(value);
    }

    private void bool(boolean value) {
        ensure(5);
        putInt(1);
        buffer[length++] = value ? (byte) 1 : (byte) 0;
    }

    private void time(Optional<Instant> value) {
        if (value.isPresent()) {
            int8(value.get().toEpochMilli());
        } else {
            ensure(4);
            putInt(-1);
        }
    }

    private void bytes(byte[] value) {
        ensure(4 + value.length);
        putInt(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
    }

    // The put methods write into room that ensure(…) made.

    private void putShort(int value) {
        INT16.set(buffer, length, (short) value);
        length += 2;
    }

    private void putInt(int value) {
        INT32.set(buffer, length, value);
        length += 4;
    }

    private void putLong(long value) {
        INT64.set(buffer, length, value);
        length += 8;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + more));
        }
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    @Override
    public void finish() throws SQLException {
        try {
            ensure(2);
            putShort(-1);
            flush();
            copy.endCopy();
        } catch (SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SQLException("COPY failed", e);
        }
        if (deferred.isPresent()) {
            deferred.get().recreate();
        }
    }

    @Override
    public void abandon() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The transaction is rolled back anyway.
        }
    }
}
