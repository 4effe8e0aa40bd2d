package io.symbolon.server.backup.json;

import io.symbolon.server.backup.BackupHealth;
import io.symbolon.vault.backup.BackupRun;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health of EP's backups as {@code GET /api/v1/backup/status} shows it (issue 5 §4):
 *
 * <pre>
 * {"running": "7271a7e8ea24b369",
 *  "lastSuccess": {"id": "…", "state": "TEST_SUCCESS", "trigger": "schedule", "started": "…Z",
 *                  "finished": "…Z", "durationSeconds": 41, "file": "database_….tar.gz"},
 *  "schedule": "30 2 * * * (UTC)", "nextRun": "2026-11-24T02:30:00Z",
 *  "retention": "keep the newest 14, and always the newest TEST_SUCCESS",
 *  "recent": [ … the same summary, newest first … ],
 *  "runsSinceStart": {"FAILED": 0, "TEST_FAILED": 0, "TEST_SUCCESS": 3},
 *  "skipped": [{"due": "…Z", "reason": "backup … was still running"}],
 *  "lastPrune": {"date": "…Z", "removed": ["EP : database_….tar.gz", "Partner : database_….tar.gz"], "failures": []}}
 * </pre>
 *
 * Absent fields are left out: no backup running, none ever succeeded, no schedule, nothing pruned.
 */
public record BackupStatus(
        String running,
        Summary lastSuccess,
        String schedule,
        String nextRun,
        String retention,
        List<Summary> recent,
        Map<String, Long> runsSinceStart,
        List<Skip> skipped,
        Prune lastPrune) {

    /**
     * One backup in brief.
     *
     * @param id its id
     * @param state its state
     * @param trigger {@code api} or {@code schedule}
     * @param started when it started (second precision: the archive name's time)
     * @param finished when it ended
     * @param durationSeconds how long it took
     * @param file the archive name on both nodes
     * @param pruned when its archives were removed under the retention
     */
    public record Summary(
            String id,
            String state,
            String trigger,
            String started,
            String finished,
            Long durationSeconds,
            String file,
            String pruned) {
        public static Summary of(BackupRun run) {
            return new Summary(
                    run.id(),
                    run.state().name(),
                    run.trigger(),
                    text(run.started()),
                    run.finished().map(BackupStatus::text).orElse(null),
                    BackupHealth.duration(run)
                            .map(d -> Math.max(0, d.toSeconds()))
                            .orElse(null),
                    run.file(),
                    run.pruned().map(BackupStatus::text).orElse(null));
        }
    }

    /** A scheduled run that did not start, and why. */
    public record Skip(String due, String reason) {}

    /** The last pruning of archives. */
    public record Prune(String date, List<String> removed, List<String> failures) {}

    /** The status from {@code health}, the running backup, the schedule and the recent history. */
    public static BackupStatus of(
            BackupHealth health,
            String running,
            String schedule,
            Instant nextRun,
            String retention,
            List<BackupRun> recent) {
        Map<String, Long> runs = new TreeMap<>();
        health.runs().forEach((state, count) -> runs.put(state.name(), count));
        return new BackupStatus(
                running,
                health.lastSuccess().map(Summary::of).orElse(null),
                schedule,
                nextRun == null ? null : text(nextRun),
                retention,
                recent.stream().map(Summary::of).toList(),
                runs,
                health.skips().stream()
                        .map(skip -> new Skip(text(skip.due()), skip.reason()))
                        .toList(),
                health.lastPrune()
                        .map(prune -> new Prune(text(prune.date()), prune.removed(), prune.failures()))
                        .orElse(null));
    }

    private static String text(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
