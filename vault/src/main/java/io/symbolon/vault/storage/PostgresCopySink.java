package io.symbolon.vault.storage;

import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Object rows streamed through {@code COPY objects FROM STDIN} in PostgreSQL's text format: the way
 * PostgreSQL loads rows fastest, still inside the import's transaction (a failure anywhere rolls every
 * row back). Into an empty table, the table's indexes and key constraints are dropped first and
 * re-created when the rows are in ({@link DeferredObjectIndexes}).
 */
final class PostgresCopySink implements RowSink {
    private static final int BUFFER = 1 << 16;
    private static final HexFormat HEX = HexFormat.of();

    private final Optional<DeferredObjectIndexes> deferred;
    private final PGCopyOutputStream copy;
    private final StringBuilder line = new StringBuilder(512);

    PostgresCopySink(Connection connection) throws SQLException {
        this.deferred = DeferredObjectIndexes.dropIfEmpty(connection);
        this.copy = new PGCopyOutputStream(
                connection.unwrap(PGConnection.class),
                "COPY objects (" + ObjectRows.COLUMNS + ") FROM STDIN (FORMAT text)",
                BUFFER);
    }

    @Override
    public void add(StoredObject row) throws SQLException {
        VaultObject object = row.object();
        Attributes attributes = object.attributes();
        line.setLength(0);
        line.append(object.uid().value()).append('\t');
        text(object.partition());
        text(object.name());
        text(object.type().label());
        line.append(object.version()).append('\t');
        line.append(object.epoch()).append('\t');
        text(attributes.label());
        text(attributes.id());
        line.append(attributes.extractable() ? 't' : 'f').append('\t');
        line.append(attributes.sensitive() ? 't' : 'f').append('\t');
        line.append(Usage.mask(attributes.usages())).append('\t');
        line.append(attributes.created().toEpochMilli()).append('\t');
        time(attributes.activation());
        time(attributes.deactivation());
        bytes(object.publicData().bytes());
        bytes(row.sealedShareUnsafe());
        text(row.state().name());
        line.append(row.stateChanged().toEpochMilli()).append('\n');
        try {
            copy.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw asSql(e);
        }
    }

    private void text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        line.append('\t');
    }

    private void time(Optional<Instant> value) {
        if (value.isPresent()) {
            line.append(value.get().toEpochMilli());
        } else {
            line.append("\\N");
        }
        line.append('\t');
    }

    private void bytes(byte[] value) {
        // bytea's hex input form, \x…, with its backslash escaped for the text format.
        line.append("\\\\x");
        HEX.formatHex(line, value);
        line.append('\t');
    }

    @Override
    public void finish() throws SQLException {
        try {
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

    private static SQLException asSql(IOException e) {
        return e.getCause() instanceof SQLException sql ? sql : new SQLException("COPY failed", e);
    }
}
