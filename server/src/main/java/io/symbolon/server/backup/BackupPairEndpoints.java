package io.symbolon.server.backup;

import io.javalin.http.Context;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.server.http.Route;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Partner's backup handlers on the pair channel ({@link BackupMessages}); only EP reaches them, as
 * the listener requires the client certificate approved at boot.
 */
public final class BackupPairEndpoints {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final int MAX_PRUNE = 10_000;
    private static final Pattern WAIT = Pattern.compile("0|[1-9][0-9]{0,5}");
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final PartnerBackups backups;

    public BackupPairEndpoints(PartnerBackups backups) {
        this.backups = backups;
    }

    public List<Route> routes() {
        String p = BackupMessages.PATH;
        return List.of(
                Route.post(p, this::start),
                Route.post(p + "/prune", this::prune),
                Route.get(p + "/{id}", ctx -> json(ctx, backups.status(id(ctx), waitOf(ctx)))),
                Route.get(p + "/{id}/digest", this::digest),
                Route.delete(p + "/{id}", ctx -> {
                    backups.finish(id(ctx), "true".equals(ctx.queryParam("discard")));
                    ctx.status(204);
                }));
    }

    private void start(Context ctx) {
        BackupMessages.Start start = Json.read(ctx.bodyInputStream(), BackupMessages.Start.class);
        if (start.id() == null
                || !ID.matcher(start.id()).matches()
                || start.created() == null
                || start.pairHostnames() == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a backup needs an id, a time and the pair's hostnames");
        }
        json(ctx, backups.start(start));
    }

    private void prune(Context ctx) {
        BackupMessages.Prune prune = Json.read(ctx.bodyInputStream(), BackupMessages.Prune.class);
        if (prune.files() == null || prune.files().size() > MAX_PRUNE) {
            throw new SymbolonException(ErrorCode.USAGE, "a prune names 0 to " + MAX_PRUNE + " archives");
        }
        json(ctx, new BackupMessages.Pruned(backups.prune(prune.files())));
    }

    private void digest(Context ctx) throws Exception {
        try (InputStream digest = backups.digest(id(ctx))) {
            ctx.status(200);
            ctx.contentType("text/plain; charset=utf-8");
            OutputStream out = ctx.outputStream();
            digest.transferTo(out);
            out.flush();
        }
    }

    /** How long a status request may be held while the write runs: {@code wait} milliseconds, at most 5 s. */
    private static Duration waitOf(Context ctx) {
        String wait = ctx.queryParam("wait");
        if (wait == null) {
            return Duration.ZERO;
        }
        if (!WAIT.matcher(wait).matches() || Long.parseLong(wait) > MAX_WAIT.toMillis()) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "wait is a number of milliseconds from 0 to " + MAX_WAIT.toMillis());
        }
        return Duration.ofMillis(Long.parseLong(wait));
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw new SymbolonException(ErrorCode.USAGE, "a backup id is 16 lowercase hex digits");
        }
        return id;
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
