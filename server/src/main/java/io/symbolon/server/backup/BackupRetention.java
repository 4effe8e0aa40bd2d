package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.backup.BackupState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How many coordinated backups' archives EP keeps ({@code retention.count} and {@code retention.days} in
 * {@code backup.conf}). As restic's {@code forget --keep-last N --keep-within D}: an archive is kept if
 * it is among the newest {@code count}, or if it is younger than {@code days}; with neither set, every
 * archive is kept. Whatever the settings, the newest {@code TEST_SUCCESS} backup is always kept: it is
 * the one a restore would use.
 *
 * <p>Only backups that left archives count: {@code TEST_SUCCESS} and {@code TEST_FAILED} ones (a {@code
 * FAILED} backup removed its halves itself); backups already pruned are left out.
 *
 * @param count keep the newest this many
 * @param days keep those younger than this many days
 */
public record BackupRetention(OptionalInt count, OptionalInt days) {
    public BackupRetention {
        if (count.isPresent() && count.getAsInt() < 1) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "retention.count must be at least 1 (the newest backup), not " + count.getAsInt());
        }
        if (days.isPresent() && days.getAsInt() < 1) {
            throw new SymbolonException(ErrorCode.USAGE, "retention.days must be at least 1, not " + days.getAsInt());
        }
    }

    /** Keep everything. */
    public static BackupRetention none() {
        return new BackupRetention(OptionalInt.empty(), OptionalInt.empty());
    }

    /** Whether anything is ever pruned. */
    public boolean prunes() {
        return count.isPresent() || days.isPresent();
    }

    /** As written in {@code backup.conf} and shown to operators, e.g. {@code count=14, days=30}. */
    public String describe() {
        if (!prunes()) {
            return "keep every archive";
        }
        List<String> parts = new ArrayList<>();
        count.ifPresent(n -> parts.add("the newest " + n));
        days.ifPresent(n -> parts.add("those of the last " + n + " days"));
        return "keep " + String.join(" and ", parts) + ", and always the newest TEST_SUCCESS";
    }

    /**
     * The backups whose archives go, in the order given: {@code history} is every backup, newest first
     * (as {@code BackupHistory.recent} gives it).
     */
    public List<BackupRun> prune(List<BackupRun> history, Instant now) {
        if (!prunes()) {
            return List.of();
        }
        Optional<String> newestSuccess = history.stream()
                .filter(run -> run.state() == BackupState.TEST_SUCCESS)
                .map(BackupRun::id)
                .findFirst();
        Instant cutoff = days.isPresent() ? now.minus(Duration.ofDays(days.getAsInt())) : Instant.MAX;
        List<BackupRun> pruned = new ArrayList<>();
        int kept = 0;
        for (BackupRun run : history) {
            if (!leftArchives(run) || run.pruned().isPresent()) {
                continue; // nothing of it on disk: it neither counts nor goes
            }
            boolean keep = (count.isPresent() && kept < count.getAsInt())
                    || (days.isPresent() && run.started().isAfter(cutoff))
                    || newestSuccess.filter(run.id()::equals).isPresent();
            if (keep) {
                kept++;
            } else {
                pruned.add(run);
            }
        }
        return List.copyOf(pruned);
    }

    private static boolean leftArchives(BackupRun run) {
        return run.state() == BackupState.TEST_SUCCESS || run.state() == BackupState.TEST_FAILED;
    }
}
