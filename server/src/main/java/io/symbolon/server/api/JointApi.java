package io.symbolon.server.api;

import io.javalin.http.Context;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.Json;
import io.symbolon.server.access.Accounts;
import io.symbolon.server.access.Caller;
import io.symbolon.server.http.Route;
import io.symbolon.server.joint.JointService;
import io.symbolon.vault.object.VaultObject;
import java.util.Base64;
import java.util.List;

/**
 * The joint operations of the client API on EP, for a partition's users (HTTP Basic as {@code
 * user@partition}, or {@code so@root}):
 *
 * <pre>
 * POST …/partitions/{partition}/objects/{object}/sign    {"message": base64}   → Signature
 * POST …/partitions/{partition}/objects/{object}/derive  {"publicKey": base64} → Derived
 * </pre>
 *
 * A key without the SIGN (DERIVE) usage is refused with {@code 403 forbidden}, a key of another type with
 * {@code 400 usage}, a deleted or unknown one with {@code 404 not-found}, and an unavailable Partner with
 * {@code 503 peer-unavailable}.
 */
public final class JointApi {
    private final Accounts accounts;
    private final JointService joint;

    public JointApi(Accounts accounts, JointService joint) {
        this.accounts = accounts;
        this.joint = joint;
    }

    /** A sign request: the message, base64. */
    public record SignRequest(String message) {}

    /** A joint signature. */
    public record Signature(String uid, String name, String algorithm, String signature) {}

    /** A derive request: the peer's public key, base64 of SEC1 (65 or 33 bytes) or X.509 DER. */
    public record DeriveRequest(String publicKey) {}

    /** A joint ECDH's shared secret (the x-coordinate, 32 bytes), base64. */
    public record Derived(String uid, String name, String algorithm, String secret) {
        @Override
        public String toString() {
            return "Derived[" + uid + ", secret redacted]";
        }
    }

    public List<Route> routes() {
        String objects = ClientApi.PREFIX + "/partitions/{partition}/objects/{object}";
        return List.of(Route.post(objects + "/sign", this::sign), Route.post(objects + "/derive", this::derive));
    }

    private String partition(Context ctx) {
        BasicCredentials credentials = BasicCredentials.parse(ctx.header("Authorization"));
        Caller caller = accounts.authenticate(credentials.login(), credentials.password(), ctx.ip());
        String partition = ctx.pathParam("partition");
        caller.requirePartition(partition);
        return partition;
    }

    private void sign(Context ctx) {
        String partition = partition(ctx);
        SignRequest body = Json.read(ctx.bodyInputStream(), SignRequest.class);
        byte[] message = base64(body.message(), "message");
        JointService.Signed signed = joint.sign(partition, ctx.pathParam("object"), message);
        VaultObject object = signed.object();
        json(
                ctx,
                new Signature(
                        object.uid().toString(),
                        object.name(),
                        "Ed25519",
                        Base64.getEncoder().encodeToString(signed.signature())));
    }

    private void derive(Context ctx) {
        String partition = partition(ctx);
        DeriveRequest body = Json.read(ctx.bodyInputStream(), DeriveRequest.class);
        byte[] publicKey = base64(body.publicKey(), "publicKey");
        try (JointService.Agreement agreement = joint.derive(partition, ctx.pathParam("object"), publicKey)) {
            VaultObject key = agreement.object();
            SecretBytes secret = agreement.secret();
            ctx.header("Cache-Control", "no-store");
            json(
                    ctx,
                    new Derived(
                            key.uid().toString(),
                            key.name(),
                            "ECDH-P256",
                            Base64.getEncoder().encodeToString(secret.reveal())));
        }
    }

    private static byte[] base64(String value, String field) {
        if (value == null) {
            throw new SymbolonException(ErrorCode.USAGE, "field '" + field + "' (base64) is required");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "field '" + field + "' is not base64");
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.status(200);
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }
}
