package io.symbolon.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.Json;
import io.symbolon.server.access.Accounts;
import io.symbolon.server.access.Caller;
import io.symbolon.server.http.Route;
import io.symbolon.server.objects.ObjectDescription;
import io.symbolon.server.objects.ObjectService;
import io.symbolon.server.objects.PairCheck;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.storage.ObjectPage;
import io.symbolon.vault.storage.ObjectQuery;
import io.symbolon.vault.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The client REST API on EP: JSON over HTTPS, HTTP Basic authentication as {@code user@partition}.
 * Handlers are thin: they authenticate, decode, call {@link Accounts}, {@link ObjectService} or {@link
 * PairCheck}, and encode. {@code openapi.json} (in this package's resources) describes every route, and
 * a test keeps the two in step.
 */
public final class ClientApi {
    public static final String PREFIX = "/api/v1";
    private static final int STREAM_PAGE = 1000;

    private final Accounts accounts;
    private final ObjectService objects;
    private final PairCheck pairCheck;

    public ClientApi(Accounts accounts, ObjectService objects, PairCheck pairCheck) {
        this.accounts = accounts;
        this.objects = objects;
        this.pairCheck = pairCheck;
    }

    public List<Route> routes() {
        String p = PREFIX;
        String objects = p + "/partitions/{partition}/objects";
        return List.of(
                Route.get(p + "/openapi.json", ClientApi::openApi),
                Route.get(p + "/partitions", this::listPartitions),
                Route.post(p + "/partitions", this::createPartition),
                Route.get(p + "/partitions/{partition}/users", this::listUsers),
                Route.post(p + "/partitions/{partition}/users", this::putUser),
                Route.get(objects, this::listObjects),
                Route.post(objects, this::generate),
                Route.post(objects + "/import", this::importObject),
                Route.get(objects + "/{object}", this::show),
                Route.delete(objects + "/{object}", this::delete),
                Route.post(objects + "/{object}/export", this::export),
                Route.get(p + "/server/test", this::serverTest));
    }

    private static void openApi(Context ctx) throws IOException {
        try (InputStream description = ClientApi.class.getResourceAsStream("openapi.json")) {
            if (description == null) {
                throw new SymbolonException(ErrorCode.INTERNAL, "openapi.json is missing from the build");
            }
            ctx.contentType("application/json");
            ctx.result(description.readAllBytes());
        }
    }

    private Caller caller(Context ctx) {
        BasicCredentials credentials = BasicCredentials.parse(ctx.header("Authorization"));
        return accounts.authenticate(credentials.login(), credentials.password(), ctx.ip());
    }

    private void listPartitions(Context ctx) {
        Caller caller = caller(ctx);
        json(
                ctx,
                200,
                new ApiMessages.Partitions(accounts.partitions(caller).stream()
                        .map(p -> new ApiMessages.PartitionView(p.name(), p.created()))
                        .toList()));
    }

    private void createPartition(Context ctx) {
        Caller caller = caller(ctx);
        ApiMessages.NewPartition body = Json.read(ctx.bodyInputStream(), ApiMessages.NewPartition.class);
        if (body.name() == null || body.soPassword() == null || body.soPassword().length == 0) {
            throw new SymbolonException(ErrorCode.USAGE, "fields 'name' and 'soPassword' are required");
        }
        var partition = accounts.createPartition(caller, body.name(), body.soPassword());
        json(ctx, 201, new ApiMessages.PartitionView(partition.name(), partition.created()));
    }

    private void listUsers(Context ctx) {
        Caller caller = caller(ctx);
        json(
                ctx,
                200,
                new ApiMessages.Users(accounts.users(caller, ctx.pathParam("partition")).stream()
                        .map(u -> new ApiMessages.UserView(u.login(), u.securityOfficer(), u.created()))
                        .toList()));
    }

    private void putUser(Context ctx) {
        Caller caller = caller(ctx);
        ApiMessages.NewUser body = Json.read(ctx.bodyInputStream(), ApiMessages.NewUser.class);
        if (body.name() == null || body.password() == null || body.password().length == 0) {
            throw new SymbolonException(ErrorCode.USAGE, "fields 'name' and 'password' are required");
        }
        var user = accounts.putUser(caller, ctx.pathParam("partition"), body.name(), body.password());
        json(ctx, 201, new ApiMessages.UserView(user.login(), user.securityOfficer(), user.created()));
    }

    /**
     * Without {@code limit}, streams every object of the partition as one JSON document, page after page
     * from the database, so memory does not grow with the partition; with {@code limit} (and {@code
     * after}), one page and the cursor of the next.
     */
    private void listObjects(Context ctx) throws IOException {
        Caller caller = caller(ctx);
        String partition = ctx.pathParam("partition");
        caller.requirePartition(partition);
        Optional<ObjectUid> after = Optional.ofNullable(ctx.queryParam("after")).map(ObjectUid::parse);
        String limitText = ctx.queryParam("limit");
        Optional<Integer> limit = Optional.ofNullable(limitText).map(ClientApi::parseLimit);
        ObjectPage first = objects.list(partition, after, limit.orElse(STREAM_PAGE));
        ctx.status(200);
        ctx.contentType("application/json");
        OutputStream out = ctx.outputStream();
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("objects");
            ObjectPage page = first;
            while (true) {
                for (StoredObject row : page.objects()) {
                    json.writeObject(ObjectDescription.of(row.object()));
                }
                if (limit.isPresent() || page.next().isEmpty()) {
                    break;
                }
                json.flush();
                page = objects.list(partition, page.next(), STREAM_PAGE);
            }
            json.writeEndArray();
            json.writeStringField(
                    "next",
                    limit.isPresent() ? page.next().map(ObjectUid::toString).orElse(null) : null);
            json.writeEndObject();
        }
    }

    private static int parseLimit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > ObjectQuery.MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "query parameter 'limit' must be 1 to " + ObjectQuery.MAX_LIMIT);
        }
    }

    private void generate(Context ctx) {
        Caller caller = caller(ctx);
        String partition = ctx.pathParam("partition");
        caller.requirePartition(partition);
        ApiMessages.NewObject body = Json.read(ctx.bodyInputStream(), ApiMessages.NewObject.class);
        if (body.material() != null) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "field 'material' belongs to an import: POST …/objects/import instead");
        }
        VaultObject created = objects.generate(body.toRequest(partition));
        json(ctx, 201, ObjectDescription.of(created));
    }

    private void importObject(Context ctx) {
        Caller caller = caller(ctx);
        String partition = ctx.pathParam("partition");
        caller.requirePartition(partition);
        ApiMessages.NewObject body = Json.read(ctx.bodyInputStream(), ApiMessages.NewObject.class);
        if (body.material() == null) {
            throw new SymbolonException(ErrorCode.USAGE, "field 'material' (base64) is required for an import");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(body.material());
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "field 'material' is not base64");
        }
        try (SecretBytes secret = SecretBytes.adopt(material)) {
            VaultObject created = objects.importObject(body.toRequest(partition), secret);
            json(ctx, 201, ObjectDescription.of(created));
        }
    }

    private void show(Context ctx) {
        Caller caller = caller(ctx);
        String partition = ctx.pathParam("partition");
        caller.requirePartition(partition);
        json(ctx, 200, ObjectDescription.of(objects.find(partition, ctx.pathParam("object"))));
    }

    private void delete(Context ctx) {
        Caller caller = caller(ctx);
        String partition = ctx.pathParam("partition");
        caller.requirePartition(partition);
        String object = ctx.pathParam("object");
        ObjectUid uid = object.startsWith("0x")
                ? ObjectUid.parse(object)
                : objects.find(partition, object).uid();
        ObjectService.Deletion deletion = objects.delete(partition, uid);
        String where = switch (deletion) {
            case BOTH -> "EP and Partner";
            case EP_ONLY -> "EP only (it was missing on the Partner)";
            case PARTNER_ONLY -> "Partner only (it was missing on EP)";
        };
        json(ctx, 200, new ApiMessages.Deleted(uid.toString(), where));
    }

    private void export(Context ctx) {
        Caller caller = caller(ctx);
        String partition = ctx.pathParam("partition");
        caller.requirePartition(partition);
        VaultObject object = objects.find(partition, ctx.pathParam("object"));
        try (SecretBytes whole = objects.export(partition, object.uid())) {
            ctx.header("Cache-Control", "no-store");
            json(
                    ctx,
                    200,
                    new ApiMessages.Exported(
                            object.uid().toString(),
                            object.type().label(),
                            Base64.getEncoder().encodeToString(whole.reveal())));
        }
    }

    private void serverTest(Context ctx) {
        caller(ctx).requireRootSecurityOfficer();
        json(ctx, 200, pairCheck.run());
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
