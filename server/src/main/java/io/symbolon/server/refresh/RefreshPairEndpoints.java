package io.symbolon.server.refresh;

import io.javalin.http.Context;
import io.symbolon.server.Json;
import io.symbolon.server.http.Route;
import io.symbolon.server.pair.PairMessages;
import java.util.List;

/** The Partner's refresh handlers on the pair channel ({@link RefreshMessages}); only EP reaches them. */
public final class RefreshPairEndpoints {
    private final PartnerRefresh refresh;

    public RefreshPairEndpoints(PartnerRefresh refresh) {
        this.refresh = refresh;
    }

    public List<Route> routes() {
        String p = PairMessages.PREFIX + RefreshMessages.PATH;
        return List.of(
                Route.get(p, ctx -> json(ctx, refresh.status())),
                Route.post(
                        p,
                        ctx -> json(
                                ctx, refresh.begin(Json.read(ctx.bodyInputStream(), RefreshMessages.Begin.class)))));
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
