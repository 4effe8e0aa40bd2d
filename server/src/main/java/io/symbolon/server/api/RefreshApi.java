package io.symbolon.server.api;

import io.javalin.http.Context;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.server.access.Accounts;
import io.symbolon.server.http.Route;
import io.symbolon.server.refresh.RefreshCoordinator;
import io.symbolon.server.refresh.RefreshMessages;
import io.symbolon.server.refresh.RefreshPeer;
import io.symbolon.server.refresh.RefreshRun;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.NodeSettings;
import java.time.Instant;
import java.util.List;

/**
 * The share refresh on EP's client API, for {@code so@root} only:
 *
 * <pre>
 * POST /api/v1/server/refresh  → 202 the run started ({@link RefreshRun}); 409 while one runs or a backup holds the epoch
 * GET  /api/v1/server/refresh  → where EP and the Partner stand ({@link Status})
 * </pre>
 */
public final class RefreshApi {
    private final Accounts accounts;
    private final RefreshCoordinator refresh;
    private final RefreshPeer partner;
    private final Vault vault;

    public RefreshApi(Accounts accounts, RefreshCoordinator refresh, RefreshPeer partner, Vault vault) {
        this.accounts = accounts;
        this.refresh = refresh;
        this.partner = partner;
        this.vault = vault;
    }

    /**
     * One node's position.
     *
     * @param epoch its current epoch
     * @param phase IDLE or REWRITING
     * @param targetEpoch the epoch it moves to while rewriting
     * @param resealed rows re-sealed by its rewrite under way (or last)
     * @param reachable false when the Partner did not answer (the other fields are then empty)
     * @param problem why it did not answer
     */
    public record NodeStatus(
            long epoch, String phase, Long targetEpoch, long resealed, boolean reachable, String problem) {}

    /**
     * {@code GET /api/v1/server/refresh}.
     *
     * @param ep EP's position
     * @param partner the Partner's
     * @param converged whether both are IDLE at the same epoch
     * @param intervalSeconds the schedule's interval (0: on demand only)
     * @param nextScheduled when the schedule refreshes next
     * @param current the run under way
     * @param last the last run that ended since EP started
     */
    public record Status(
            NodeStatus ep,
            NodeStatus partner,
            boolean converged,
            long intervalSeconds,
            Instant nextScheduled,
            RefreshRun current,
            RefreshRun last) {}

    public List<Route> routes() {
        String p = ClientApi.PREFIX + "/server/refresh";
        return List.of(Route.post(p, this::start), Route.get(p, this::status));
    }

    private void rootSecurityOfficer(Context ctx) {
        BasicCredentials credentials = BasicCredentials.parse(ctx.header("Authorization"));
        accounts.authenticate(credentials.login(), credentials.password(), ctx.ip())
                .requireRootSecurityOfficer();
    }

    private void start(Context ctx) {
        rootSecurityOfficer(ctx);
        json(ctx, 202, refresh.requestNow());
    }

    private void status(Context ctx) {
        rootSecurityOfficer(ctx);
        NodeSettings node = vault.node();
        NodeStatus ep = new NodeStatus(
                node.currentEpoch(),
                node.refresh().phase().name(),
                node.refresh().targetEpoch() == 0 ? null : node.refresh().targetEpoch(),
                refresh.resealed(),
                true,
                null);
        NodeStatus theirs;
        try {
            RefreshMessages.Status status = partner.status();
            theirs = new NodeStatus(
                    status.epoch(),
                    status.phase(),
                    status.targetEpoch() == 0 ? null : status.targetEpoch(),
                    status.resealed(),
                    true,
                    null);
        } catch (SymbolonException e) {
            theirs = new NodeStatus(0, null, null, 0, false, e.getMessage());
        }
        boolean converged = theirs.reachable()
                && "IDLE".equals(ep.phase())
                && "IDLE".equals(theirs.phase())
                && ep.epoch() == theirs.epoch();
        json(
                ctx,
                200,
                new Status(
                        ep,
                        theirs,
                        converged,
                        refresh.settings().interval().toSeconds(),
                        refresh.nextScheduled().orElse(null),
                        refresh.current().orElse(null),
                        refresh.last().orElse(null)));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
