package io.symbolon.server.backup.json;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.vault.backup.BackupRun;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A coordinated backup as {@code GET /api/v1/backup/{id}} shows it, in seed 000's words and field
 * names:
 *
 * <pre>
 * {"id": "7271a7e8ea24b369", "state": "TEST_SUCCESS", "date": "2020-08-20T12:11:38Z",
 *  "file": "database_2020-08-20-12-11-37.tar.gz", "pairHostnames": ["EP : ep1", "Partner : partner1"],
 *  "version": "0.1.0"}
 * </pre>
 *
 * plus {@code progress} while IN_PROGRESS (records done and total on each node), {@code digestDiff} when
 * TEST_FAILED and {@code reason} when FAILED; beside the seed's fields, {@code warnings} when the operator
 * should know something about a backup that worked (both halves encrypted to the same recipient) and
 * {@code pruned} when its archives were removed under the retention. Absent fields are left out. {@code date} is when the
 * backup ended (when it started, while it runs); {@code file} is named after when it started.
 */
public record BackupResult(
        String id,
        String state,
        String date,
        String file,
        List<String> pairHostnames,
        String version,
        Map<String, NodeProgress> progress,
        DigestDiffJson digestDiff,
        String reason,
        List<String> warnings,
        String pruned) {

    /**
     * One node's progress.
     *
     * @param recordsDone records written into its archive so far
     * @param recordsTotal records its snapshot holds (0 until its snapshot is open)
     */
    public record NodeProgress(long recordsDone, long recordsTotal) {}

    /** The result of {@code run}; {@code progress} by role label ({@code EP}, {@code Partner}) while it runs. */
    public static BackupResult of(BackupRun run, Map<String, NodeProgress> progress) {
        Instant date = run.finished().orElse(run.started()).truncatedTo(ChronoUnit.SECONDS);
        return new BackupResult(
                run.id(),
                run.state().name(),
                date.toString(),
                run.file(),
                run.pairHostnames(),
                run.version(),
                run.state().finished() || progress.isEmpty() ? null : new LinkedHashMap<>(progress),
                run.digestDiff().map(BackupResult::diff).orElse(null),
                run.reason().orElse(null),
                run.warnings().isEmpty() ? null : run.warnings(),
                run.pruned()
                        .map(when -> when.truncatedTo(ChronoUnit.SECONDS).toString())
                        .orElse(null));
    }

    /** The JSON text a TEST_FAILED run keeps in the history. */
    public static String text(DigestDiffJson diff) {
        return new String(Json.write(diff), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static DigestDiffJson diff(String text) {
        try {
            return Json.mapper().readValue(text, DigestDiffJson.class);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.MALFORMED, "a backup's stored digest difference is damaged");
        }
    }
}
