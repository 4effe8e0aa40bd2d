package io.symbolon.server.joint;

import io.javalin.http.Context;
import io.symbolon.server.Json;
import io.symbolon.server.http.Route;
import io.symbolon.server.pair.PairMessages;
import java.util.List;

/**
 * The Partner's joint-operation handlers on the pair channel ({@link JointMessages}); only EP reaches
 * them, as the listener requires the client certificate approved at boot.
 */
public final class JointPairEndpoints {
    private final PartnerJoint joint;

    public JointPairEndpoints(PartnerJoint joint) {
        this.joint = joint;
    }

    public List<Route> routes() {
        String p = PairMessages.PREFIX + JointMessages.PATH;
        return List.of(
                Route.post(
                        p + "/sign/commit",
                        ctx -> json(
                                ctx, joint.commit(Json.read(ctx.bodyInputStream(), JointMessages.SignCommit.class)))),
                Route.post(
                        p + "/sign/reveal",
                        ctx -> json(
                                ctx, joint.reveal(Json.read(ctx.bodyInputStream(), JointMessages.SignReveal.class)))),
                Route.post(
                        p + "/derive",
                        ctx -> json(ctx, joint.derive(Json.read(ctx.bodyInputStream(), JointMessages.Derive.class)))));
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
