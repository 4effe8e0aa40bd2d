package io.symbolon.server.api;

import io.javalin.http.Context;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.server.access.Accounts;
import io.symbolon.server.backup.BackupService;
import io.symbolon.server.backup.Intervals;
import io.symbolon.server.backup.json.BackupResult;
import io.symbolon.server.backup.json.BackupStatus;
import io.symbolon.server.http.Route;
import io.symbolon.vault.backup.BackupRun;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The coordinated backup's REST API on EP (seed 000, exactly), for {@code so@root} only:
 *
 * <pre>
 * POST /api/v1/backup        → 202 {"id": "7271a7e8ea24b369", "state": "IN_PROGRESS"}; 409 while one runs
 * GET  /api/v1/backup/{id}   → the backup's result ({@link BackupResult}); with ?wait=30s (at most 60s)
 *                              a running backup's answer is held until it ends or the wait is over
 * GET  /api/v1/backup        → {"backups": [...]}, newest first (?limit=, default 100)
 * GET  /api/v1/backup/status → the health of the backups ({@link BackupStatus}): last success, schedule,
 *                              retention, recent backups and their durations, skipped runs, last pruning
 * </pre>
 */
public final class BackupApi {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /** The longest a {@code GET /api/v1/backup/{id}?wait=} may hold its answer. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final Accounts accounts;
    private final BackupService backups;

    public BackupApi(Accounts accounts, BackupService backups) {
        this.accounts = accounts;
        this.backups = backups;
    }

    /** {@code POST /api/v1/backup}'s answer. */
    public record Started(String id, String state) {}

    /** {@code GET /api/v1/backup}'s answer. */
    public record History(List<BackupResult> backups) {}

    public List<Route> routes() {
        String p = ClientApi.PREFIX + "/backup";
        return List.of(
                Route.post(p, this::start),
                Route.get(p, this::history),
                Route.get(p + "/status", this::status), // before {id}, which it would match
                Route.get(p + "/{id}", this::show));
    }

    private void rootSecurityOfficer(Context ctx) {
        BasicCredentials credentials = BasicCredentials.parse(ctx.header("Authorization"));
        accounts.authenticate(credentials.login(), credentials.password(), ctx.ip())
                .requireRootSecurityOfficer();
    }

    private void start(Context ctx) {
        rootSecurityOfficer(ctx);
        BackupRun run = backups.runNow(BackupService.TRIGGER_API);
        json(ctx, 202, new Started(run.id(), run.state().name()));
    }

    private void status(Context ctx) {
        rootSecurityOfficer(ctx);
        json(ctx, 200, backups.status());
    }

    private void show(Context ctx) {
        rootSecurityOfficer(ctx);
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "no backup '" + id + "': ids are 16 lowercase hex digits");
        }
        Duration wait = waitOf(ctx);
        json(
                ctx,
                200,
                backups.result(id, wait)
                        .orElseThrow(() -> new SymbolonException(ErrorCode.NOT_FOUND, "no backup " + id)));
    }

    /** The {@code wait} query parameter: an interval as {@code 30s} or {@code 1m}, at most {@link #MAX_WAIT}. */
    private static Duration waitOf(Context ctx) {
        String text = ctx.queryParam("wait");
        if (text == null) {
            return Duration.ZERO;
        }
        return Intervals.parse(text)
                .filter(wait -> wait.compareTo(MAX_WAIT) <= 0)
                .orElseThrow(() -> new SymbolonException(
                        ErrorCode.USAGE,
                        "query parameter 'wait' must be an interval of at most " + MAX_WAIT.toSeconds()
                                + "s, such as 30s or 1m"));
    }

    private void history(Context ctx) {
        rootSecurityOfficer(ctx);
        int limit = DEFAULT_LIMIT;
        String text = ctx.queryParam("limit");
        if (text != null) {
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new SymbolonException(ErrorCode.USAGE, "query parameter 'limit' must be 1 to " + MAX_LIMIT);
            }
        }
        json(ctx, 200, new History(backups.recent(limit)));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
