package io.symbolon.vault.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The history of coordinated backups, kept in EP's database so that results and their parameters
 * survive a restart (seed 000: "saves the result and the backup parameters"). Implemented by the JDBC
 * storage ({@code JdbcStorage#backupHistory()}) on SQLite and PostgreSQL. Thread-safe; every method is
 * one transaction.
 */
public interface BackupHistory {
    /** Records a new backup; {@code ALREADY_EXISTS} if its id is taken. */
    void insert(BackupRun run);

    /** Replaces the record of {@code run.id()}; {@code NOT_FOUND} if there is none. */
    void update(BackupRun run);

    Optional<BackupRun> find(String id);

    /** The most recent backups, newest first, at most {@code limit}. */
    List<BackupRun> recent(int limit);

    /** The newest backup in {@code state}, if any (e.g. the last TEST_SUCCESS, for alerting). */
    Optional<BackupRun> latest(BackupState state);

    /**
     * Ends every backup still IN_PROGRESS as FAILED with {@code reason}: at start, a backup that was
     * running when the node stopped can no longer finish. Returns how many there were.
     */
    int failUnfinished(Instant when, String reason);
}
