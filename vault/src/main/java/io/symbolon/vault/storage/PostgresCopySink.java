package io.symbolon.vault.storage;

import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Object rows streamed through {@code COPY objects FROM STDIN} in PostgreSQL's text format: the way
 * PostgreSQL loads rows fastest, still inside the import's transaction (a failure anywhere rolls every
 * row back). Into an empty table, the table's indexes and key constraints are dropped first and
 * re-created when the rows are in ({@link DeferredObjectIndexes}).
 *
 * <p>Rows are written as UTF-8 straight into one reusable buffer, sent as one COPY data message when it
 * fills: no string or array per row. The buffer holds sealed shares only, never a share in the clear.
 */
final class PostgresCopySink implements RowSink {
    private static final int BUFFER = 1 << 18;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** "00" to "99", two bytes each. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** POWERS_OF_TEN[d] is the smallest number of d + 1 digits (1 for d = 0). */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        POWERS_OF_TEN[0] = 1;
        for (int d = 1; d < POWERS_OF_TEN.length; d++) {
            POWERS_OF_TEN[d] = 10 * POWERS_OF_TEN[d - 1];
        }
    }

    private final Optional<DeferredObjectIndexes> deferred;
    private final CopyIn copy;
    private byte[] buffer = new byte[BUFFER];
    private int length;

    PostgresCopySink(Connection connection) throws SQLException {
        this.deferred = DeferredObjectIndexes.dropIfEmpty(connection);
        this.copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY objects (" + ObjectRows.COLUMNS + ") FROM STDIN (FORMAT text)");
    }

    @Override
    public void add(StoredObject row) throws SQLException {
        VaultObject object = row.object();
        Attributes attributes = object.attributes();
        byte[] publicData = object.publicData().bytes();
        byte[] sealed = row.sealedShareUnsafe();
        if (length > BUFFER - 1024 - 2 * (publicData.length + sealed.length)) {
            flush();
        }
        number(object.uid().value());
        text(object.partition());
        text(object.name());
        text(object.type().label());
        number(object.version());
        number(object.epoch());
        text(attributes.label());
        text(attributes.id());
        flag(attributes.extractable());
        flag(attributes.sensitive());
        number(Usage.mask(attributes.usages()));
        number(attributes.created().toEpochMilli());
        time(attributes.activation());
        time(attributes.deactivation());
        bytes(publicData);
        bytes(sealed);
        text(row.state().name());
        put(row.stateChanged().toEpochMilli());
        put((byte) '\n');
    }

    /** Text as UTF-8 with the text format's escapes (UTF-8 never uses those bytes inside a character). */
    private void text(String value) {
        int count = value.length();
        ensure(count + 1);
        // Most text is ASCII without anything to escape: copied in one loop over local variables, the
        // rest (escapes, non-ASCII) starts again from the field's first byte.
        byte[] out = buffer;
        int at = length;
        for (int i = 0; i < count; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                escapedText(value);
                return;
            }
            out[at++] = (byte) c;
        }
        out[at++] = '\t';
        length = at;
    }

    private void escapedText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    escaped(b);
                }
                break;
            }
            escaped((byte) c);
        }
        put((byte) '\t');
    }

    private void escaped(byte b) {
        switch (b) {
            case '\\' -> put((byte) '\\', (byte) '\\');
            case '\t' -> put((byte) '\\', (byte) 't');
            case '\n' -> put((byte) '\\', (byte) 'n');
            case '\r' -> put((byte) '\\', (byte) 'r');
            default -> put(b);
        }
    }

    private void number(long value) {
        put(value);
        put((byte) '\t');
    }

    private void flag(boolean value) {
        put(value ? (byte) 't' : (byte) 'f', (byte) '\t');
    }

    private void time(Optional<Instant> value) {
        if (value.isPresent()) {
            put(value.get().toEpochMilli());
        } else {
            put((byte) '\\', (byte) 'N');
        }
        put((byte) '\t');
    }

    private void bytes(byte[] value) {
        // bytea's hex input form, \x…, with its backslash escaped for the text format.
        ensure(3 + 2 * value.length + 1);
        byte[] out = buffer;
        int at = length;
        out[at++] = '\\';
        out[at++] = '\\';
        out[at++] = 'x';
        for (byte b : value) {
            out[at++] = HEX_DIGITS[(b >> 4) & 0xf];
            out[at++] = HEX_DIGITS[b & 0xf];
        }
        out[at++] = '\t';
        length = at;
    }

    /** The decimal digits of {@code value}, as Long.toString writes them, without a String per number. */
    private void put(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                putAscii(Long.toString(value));
                return;
            }
            put((byte) '-');
            value = -value;
        }
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        ensure(digits);
        byte[] out = buffer;
        int at = length + digits;
        length = at;
        // Two digits per division, from the right.
        while (value >= 100) {
            long quotient = value / 100;
            int pair = 2 * (int) (value - 100 * quotient);
            out[--at] = DIGIT_PAIRS[pair + 1];
            out[--at] = DIGIT_PAIRS[pair];
            value = quotient;
        }
        if (value >= 10) {
            int pair = 2 * (int) value;
            out[--at] = DIGIT_PAIRS[pair + 1];
            out[--at] = DIGIT_PAIRS[pair];
        } else {
            out[--at] = (byte) ('0' + value);
        }
    }

    private void putAscii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void put(byte first, byte second) {
        ensure(2);
        buffer[length++] = first;
        buffer[length++] = second;
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
