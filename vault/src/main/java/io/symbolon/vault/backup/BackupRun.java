package io.symbolon.vault.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One coordinated backup as the backup history keeps it: its parameters when it starts, its outcome
 * when it ends. Everything here is public (no key, no share, no password).
 *
 * @param id 16 lowercase hex digits
 * @param state where it stands
 * @param trigger what started it, e.g. {@code api} or {@code schedule}
 * @param started when it started (the archive name's time)
 * @param finished when it ended
 * @param file the archive name both nodes wrote, {@code database_<yyyy-MM-dd-HH-mm-ss>.tar.gz}
 * @param pairHostnames e.g. {@code ["EP : ep1", "Partner : partner1"]}
 * @param version the software version that ran it
 * @param epoch the epoch both archives were taken at, once known
 * @param epRecords the records in EP's archive, once written
 * @param partnerRecords the records in the Partner's archive, once written
 * @param epBytes the size of EP's archive, once written
 * @param partnerBytes the size of the Partner's archive, once written
 * @param reason why it FAILED
 * @param digestDiff the digest difference of a TEST_FAILED backup, as the server's JSON
 * @param warnings what the operator should know about a backup that worked (e.g. both halves encrypted
 *     to the same recipient)
 * @param pruned when its archives were removed from both nodes' backup folders under the retention
 */
public record BackupRun(
        String id,
        BackupState state,
        String trigger,
        Instant started,
        Optional<Instant> finished,
        String file,
        List<String> pairHostnames,
        String version,
        OptionalLong epoch,
        OptionalLong epRecords,
        OptionalLong partnerRecords,
        OptionalLong epBytes,
        OptionalLong partnerBytes,
        Optional<String> reason,
        Optional<String> digestDiff,
        List<String> warnings,
        Optional<Instant> pruned) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    public BackupRun {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a backup id is 16 lowercase hex digits");
        }
        Objects.requireNonNull(state);
        Objects.requireNonNull(trigger);
        Objects.requireNonNull(started);
        Objects.requireNonNull(finished);
        Objects.requireNonNull(file);
        pairHostnames = List.copyOf(pairHostnames);
        Objects.requireNonNull(version);
        Objects.requireNonNull(epoch);
        Objects.requireNonNull(epRecords);
        Objects.requireNonNull(partnerRecords);
        Objects.requireNonNull(epBytes);
        Objects.requireNonNull(partnerBytes);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(digestDiff);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(pruned);
    }

    /** A backup that has just started. */
    public static BackupRun started(
            String id, String trigger, Instant started, String file, List<String> pairHostnames, String version) {
        return new BackupRun(
                id,
                BackupState.IN_PROGRESS,
                trigger,
                started,
                Optional.empty(),
                file,
                pairHostnames,
                version,
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty());
    }

    /** This run at {@code newEpoch}. */
    public BackupRun withEpoch(long newEpoch) {
        return new BackupRun(
                id,
                state,
                trigger,
                started,
                finished,
                file,
                pairHostnames,
                version,
                OptionalLong.of(newEpoch),
                epRecords,
                partnerRecords,
                epBytes,
                partnerBytes,
                reason,
                digestDiff,
                warnings,
                pruned);
    }

    /** This run with EP's archive written. */
    public BackupRun withEpArchive(long records, long bytes) {
        return new BackupRun(
                id,
                state,
                trigger,
                started,
                finished,
                file,
                pairHostnames,
                version,
                epoch,
                OptionalLong.of(records),
                partnerRecords,
                OptionalLong.of(bytes),
                partnerBytes,
                reason,
                digestDiff,
                warnings,
                pruned);
    }

    /** This run with the Partner's archive written. */
    public BackupRun withPartnerArchive(long records, long bytes) {
        return new BackupRun(
                id,
                state,
                trigger,
                started,
                finished,
                file,
                pairHostnames,
                version,
                epoch,
                epRecords,
                OptionalLong.of(records),
                epBytes,
                OptionalLong.of(bytes),
                reason,
                digestDiff,
                warnings,
                pruned);
    }

    /** This run ended in {@code outcome} at {@code when}, with a reason or a digest difference. */
    public BackupRun finish(BackupState outcome, Instant when, Optional<String> failure, Optional<String> difference) {
        if (!outcome.finished()) {
            throw new IllegalArgumentException("a backup finishes in a final state, not " + outcome);
        }
        return new BackupRun(
                id,
                outcome,
                trigger,
                started,
                Optional.of(when),
                file,
                pairHostnames,
                version,
                epoch,
                epRecords,
                partnerRecords,
                epBytes,
                partnerBytes,
                failure,
                difference,
                warnings,
                pruned);
    }

    /** This run with {@code more} warnings added to its own. */
    public BackupRun withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new BackupRun(
                id,
                state,
                trigger,
                started,
                finished,
                file,
                pairHostnames,
                version,
                epoch,
                epRecords,
                partnerRecords,
                epBytes,
                partnerBytes,
                reason,
                digestDiff,
                all,
                pruned);
    }

    /** This run with its archives removed from both nodes at {@code when}. */
    public BackupRun prunedAt(Instant when) {
        return new BackupRun(
                id,
                state,
                trigger,
                started,
                finished,
                file,
                pairHostnames,
                version,
                epoch,
                epRecords,
                partnerRecords,
                epBytes,
                partnerBytes,
                reason,
                digestDiff,
                warnings,
                Optional.of(when));
    }
}
