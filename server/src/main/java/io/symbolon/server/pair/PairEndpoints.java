package io.symbolon.server.pair;

import io.javalin.http.Context;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.Json;
import io.symbolon.server.http.Route;
import io.symbolon.server.objects.NodeHello;
import io.symbolon.server.objects.Partner;
import io.symbolon.server.objects.PartnerService;
import io.symbolon.server.objects.PartnerShare;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Partner's side of the pair channel: thin handlers that decode {@link PairMessages}, call {@link
 * PartnerService} and encode its answer. Only EP reaches them: the listener requires the client
 * certificate approved at boot.
 */
public final class PairEndpoints {
    private final PartnerService service;

    public PairEndpoints(PartnerService service) {
        this.service = service;
    }

    public List<Route> routes() {
        String p = PairMessages.PREFIX;
        return List.of(
                Route.get(p + "/hello", this::hello),
                Route.post(p + "/partitions", ctx -> {
                    service.ensurePartition(Json.read(ctx.bodyInputStream(), PairMessages.Partition.class)
                            .name());
                    ctx.status(204);
                }),
                Route.post(p + "/draws", this::draw),
                Route.post(p + "/objects", this::prepare),
                Route.post(p + "/objects/{uid}/commit", ctx -> done(ctx, () -> service.commitCreate(uid(ctx)))),
                Route.post(p + "/objects/{uid}/abort", ctx -> done(ctx, () -> service.abortCreate(uid(ctx)))),
                Route.post(
                        p + "/objects/{uid}/delete/prepare", ctx -> done(ctx, () -> service.prepareDelete(uid(ctx)))),
                Route.post(p + "/objects/{uid}/delete/commit", ctx -> done(ctx, () -> service.commitDelete(uid(ctx)))),
                Route.post(p + "/objects/{uid}/delete/abort", ctx -> done(ctx, () -> service.abortDelete(uid(ctx)))),
                Route.delete(
                        p + "/objects/{uid}",
                        ctx -> json(ctx, new PairMessages.Deleted(service.forceDelete(uid(ctx))))),
                Route.get(p + "/objects/{uid}", this::state),
                Route.post(p + "/objects/{uid}/share", this::share),
                Route.get(p + "/objects", this::entries),
                Route.get(p + "/unsettled", this::unsettled));
    }

    private void hello(Context ctx) {
        NodeHello hello = service.hello();
        json(
                ctx,
                new PairMessages.Hello(hello.role(), hello.pairId(), hello.nodeId(), hello.hostname(), hello.epoch()));
    }

    private void draw(Context ctx) {
        PairMessages.Draw draw = Json.read(ctx.bodyInputStream(), PairMessages.Draw.class);
        byte[] publicShare = service.drawShare(ObjectUid.parse(draw.uid()), ObjectType.parse(draw.type()));
        json(ctx, new PairMessages.PublicShare(Base64.getEncoder().encodeToString(publicShare)));
    }

    private void prepare(Context ctx) {
        PairMessages.Prepare prepare = Json.read(ctx.bodyInputStream(), PairMessages.Prepare.class);
        PartnerShare.Source source;
        try {
            source = PartnerShare.Source.valueOf(String.valueOf(prepare.source()));
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "field 'source' must be GENERATE, DRAWN or GIVEN");
        }
        var object = prepare.object().toObject();
        switch (source) {
            case GENERATE -> service.prepareCreate(object, PartnerShare.generate(prepare.length()));
            case DRAWN -> service.prepareCreate(object, PartnerShare.drawn());
            case GIVEN -> {
                if (prepare.share() == null) {
                    throw new SymbolonException(ErrorCode.USAGE, "a GIVEN share needs field 'share'");
                }
                try (SecretBytes share = SecretBytes.adopt(Base64.getDecoder().decode(prepare.share()))) {
                    service.prepareCreate(object, PartnerShare.given(share));
                }
            }
        }
        ctx.status(204);
    }

    private void state(Context ctx) {
        var row = service.state(uid(ctx))
                .orElseThrow(() -> new SymbolonException(ErrorCode.NOT_FOUND, "the Partner has no object " + uid(ctx)));
        json(ctx, PairMessages.Row.of(row));
    }

    private void share(Context ctx) {
        PairMessages.ShareRequest request = Json.read(ctx.bodyInputStream(), PairMessages.ShareRequest.class);
        try (SecretBytes share = service.share(uid(ctx), request.version(), request.epoch())) {
            json(ctx, new PairMessages.Share(Base64.getEncoder().encodeToString(share.reveal())));
        }
    }

    private void entries(Context ctx) {
        Optional<ObjectUid> after = Optional.ofNullable(ctx.queryParam("after")).map(ObjectUid::parse);
        int limit = intParam(ctx, "limit", 500);
        Partner.EntryPage page = service.entries(after, limit);
        List<PairMessages.Entry> entries =
                page.entries().stream().map(PairMessages.Entry::of).toList();
        json(
                ctx,
                new PairMessages.Entries(
                        entries, page.next().map(ObjectUid::toString).orElse(null)));
    }

    private void unsettled(Context ctx) {
        Duration age = Duration.ofSeconds(intParam(ctx, "ageSeconds", 60));
        int limit = intParam(ctx, "limit", 100);
        json(
                ctx,
                new PairMessages.Rows(service.unsettled(age, limit).stream()
                        .map(PairMessages.Row::of)
                        .toList()));
    }

    private static ObjectUid uid(Context ctx) {
        return ObjectUid.parse(ctx.pathParam("uid"));
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SymbolonException(ErrorCode.USAGE, "query parameter '" + name + "' is not a number");
        }
    }

    private static void done(Context ctx, Runnable action) {
        action.run();
        ctx.status(204);
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
