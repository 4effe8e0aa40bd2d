package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.backup.BackupHistory;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.backup.BackupState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link BackupHistory} in the {@code backup_history} table (migrations V2, V3), on SQLite or PostgreSQL. */
final class JdbcBackupHistory implements BackupHistory {
    private static final String COLUMNS = "id, state, trigger_name, started_at, finished_at, file_name,"
            + " pair_hostnames, software, epoch, ep_records, partner_records, ep_bytes, partner_bytes, reason,"
            + " digest_diff, warnings, pruned_at";

    private final Database database;

    JdbcBackupHistory(Database database) {
        this.database = database;
    }

    @Override
    public void insert(BackupRun run) {
        try {
            database.write("record a backup", connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO backup_history (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, run.id());
                    bind(insert, 2, run);
                    return insert.executeUpdate();
                }
            });
        } catch (SymbolonException e) {
            if (e.getCause() instanceof SQLException sql && database.dialect().isUniqueViolation(sql)) {
                throw new SymbolonException(ErrorCode.ALREADY_EXISTS, "backup " + run.id() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public void update(BackupRun run) {
        int updated = database.write("update a backup", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE backup_history SET state = ?,"
                    + " trigger_name = ?, started_at = ?, finished_at = ?, file_name = ?, pair_hostnames = ?,"
                    + " software = ?, epoch = ?, ep_records = ?, partner_records = ?, ep_bytes = ?,"
                    + " partner_bytes = ?, reason = ?, digest_diff = ?, warnings = ?, pruned_at = ? WHERE id = ?")) {
                int next = bind(update, 1, run);
                update.setString(next, run.id());
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "no backup " + run.id());
        }
    }

    @Override
    public Optional<BackupRun> find(String id) {
        return database.read("read a backup", connection -> {
            List<BackupRun> runs = select(connection, "WHERE id = ?", 1, id);
            return runs.stream().findFirst();
        });
    }

    @Override
    public List<BackupRun> recent(int limit) {
        return database.read("list backups", connection -> select(connection, "", limit));
    }

    @Override
    public Optional<BackupRun> latest(BackupState state) {
        return database.read(
                "find a backup",
                connection -> select(connection, "WHERE state = ?", 1, state.name()).stream()
                        .findFirst());
    }

    @Override
    public int failUnfinished(Instant when, String reason) {
        return database.write("end unfinished backups", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE backup_history SET state = 'FAILED',"
                    + " finished_at = ?, reason = ? WHERE state = 'IN_PROGRESS'")) {
                update.setLong(1, when.toEpochMilli());
                update.setString(2, reason);
                return update.executeUpdate();
            }
        });
    }

    private static List<BackupRun> select(Connection connection, String where, int limit, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM backup_history " + where + " ORDER BY started_at DESC, id DESC LIMIT ?")) {
            int index = 1;
            for (Object parameter : parameters) {
                select.setObject(index++, parameter);
            }
            select.setInt(index, limit);
            List<BackupRun> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(read(rows));
                }
            }
            return runs;
        }
    }

    /** Binds every column but the id, from {@code index}; returns the next index. */
    private static int bind(PreparedStatement statement, int index, BackupRun run) throws SQLException {
        statement.setString(index++, run.state().name());
        statement.setString(index++, run.trigger());
        statement.setLong(index++, run.started().toEpochMilli());
        setLong(statement, index++, run.finished().map(Instant::toEpochMilli));
        statement.setString(index++, run.file());
        statement.setString(index++, String.join("\n", run.pairHostnames()));
        statement.setString(index++, run.version());
        setLong(statement, index++, run.epoch());
        setLong(statement, index++, run.epRecords());
        setLong(statement, index++, run.partnerRecords());
        setLong(statement, index++, run.epBytes());
        setLong(statement, index++, run.partnerBytes());
        setText(statement, index++, run.reason());
        setText(statement, index++, run.digestDiff());
        setText(
                statement,
                index++,
                run.warnings().isEmpty() ? Optional.empty() : Optional.of(String.join("\n", run.warnings())));
        setLong(statement, index++, run.pruned().map(Instant::toEpochMilli));
        return index;
    }

    private static BackupRun read(ResultSet rows) throws SQLException {
        String hostnames = rows.getString("pair_hostnames");
        try {
            return new BackupRun(
                    rows.getString("id"),
                    BackupState.valueOf(rows.getString("state")),
                    rows.getString("trigger_name"),
                    Instant.ofEpochMilli(rows.getLong("started_at")),
                    optionalLong(rows, "finished_at").stream()
                            .mapToObj(Instant::ofEpochMilli)
                            .findFirst(),
                    rows.getString("file_name"),
                    hostnames.isEmpty() ? List.of() : Arrays.asList(hostnames.split("\n")),
                    rows.getString("software"),
                    optionalLong(rows, "epoch"),
                    optionalLong(rows, "ep_records"),
                    optionalLong(rows, "partner_records"),
                    optionalLong(rows, "ep_bytes"),
                    optionalLong(rows, "partner_bytes"),
                    Optional.ofNullable(rows.getString("reason")),
                    Optional.ofNullable(rows.getString("digest_diff")),
                    Optional.ofNullable(rows.getString("warnings"))
                            .map(text -> Arrays.asList(text.split("\n")))
                            .orElse(List.of()),
                    optionalLong(rows, "pruned_at").stream()
                            .mapToObj(Instant::ofEpochMilli)
                            .findFirst());
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(
                    ErrorCode.MALFORMED, "a row of the backup history is damaged: " + e.getMessage(), e);
        }
    }

    private static OptionalLong optionalLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static void setLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.getAsLong());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
