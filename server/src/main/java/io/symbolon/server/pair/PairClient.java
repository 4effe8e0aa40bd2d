package io.symbolon.server.pair;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.Json;
import io.symbolon.server.objects.NodeHello;
import io.symbolon.server.objects.ObjectDescription;
import io.symbolon.server.objects.Partner;
import io.symbolon.server.objects.PartnerShare;
import io.symbolon.server.objects.RowState;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EP's end of the pair channel: {@link Partner} over HTTPS with mutual TLS 1.3 (the JDK's HttpClient,
 * holding the node's key and trusting only the Partner's pinned certificate). An unreachable Partner is
 * {@code PEER_UNAVAILABLE}, a Partner whose certificate is not the approved one {@code PEER_REJECTED},
 * and a Partner's refusal keeps the Partner's own error code with its message.
 */
public final class PairClient implements Partner {
    private static final Logger LOG = LoggerFactory.getLogger(PairClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final SSLContext context;
    private volatile HttpClient http;
    private final URI base;
    private final String where;

    public PairClient(SSLContext context, String host, int port) {
        this.context = context;
        this.http = newClient(context);
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        this.base = URI.create("https://" + authority + ":" + port + PairMessages.PREFIX);
        this.where = host + ":" + port;
    }

    private static HttpClient newClient(SSLContext context) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {PairTls.PROTOCOL});
        return HttpClient.newBuilder()
                .sslContext(context)
                .sslParameters(parameters)
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * The HTTP client, rebuilt if it has stopped: the JDK's client ends for good when its selector
     * thread dies (e.g. on an OutOfMemoryError elsewhere), and the channel must outlive that.
     */
    private HttpClient http() {
        HttpClient current = http;
        if (current.isTerminated()) {
            synchronized (this) {
                if (http.isTerminated()) {
                    LOG.warn("pair channel client had stopped; starting a new one partner={}", where);
                    http = newClient(context);
                }
                current = http;
            }
        }
        return current;
    }

    @Override
    public NodeHello hello() {
        PairMessages.Hello hello = get("/hello", PairMessages.Hello.class);
        return new NodeHello(hello.role(), hello.pairId(), hello.nodeId(), hello.hostname(), hello.epoch());
    }

    @Override
    public void ensurePartition(String name) {
        post("/partitions", new PairMessages.Partition(name), Void.class);
    }

    @Override
    public byte[] drawShare(ObjectUid uid, ObjectType type) {
        PairMessages.PublicShare answer =
                post("/draws", new PairMessages.Draw(uid.toString(), type.label()), PairMessages.PublicShare.class);
        return Base64.getDecoder().decode(answer.publicShare());
    }

    @Override
    public void prepareCreate(VaultObject object, PartnerShare share) {
        String encoded = share.share() == null
                ? null
                : Base64.getEncoder().encodeToString(share.share().reveal());
        post(
                "/objects",
                new PairMessages.Prepare(
                        ObjectDescription.of(object), share.source().name(), encoded, share.length()),
                Void.class);
    }

    @Override
    public void commitCreate(ObjectUid uid) {
        post("/objects/" + uid + "/commit", null, Void.class);
    }

    @Override
    public void abortCreate(ObjectUid uid) {
        post("/objects/" + uid + "/abort", null, Void.class);
    }

    @Override
    public void prepareDelete(ObjectUid uid) {
        post("/objects/" + uid + "/delete/prepare", null, Void.class);
    }

    @Override
    public void commitDelete(ObjectUid uid) {
        post("/objects/" + uid + "/delete/commit", null, Void.class);
    }

    @Override
    public void abortDelete(ObjectUid uid) {
        post("/objects/" + uid + "/delete/abort", null, Void.class);
    }

    @Override
    public boolean forceDelete(ObjectUid uid) {
        return send(request("/objects/" + uid).DELETE(), PairMessages.Deleted.class)
                .deleted();
    }

    @Override
    public Optional<RowState> state(ObjectUid uid) {
        try {
            return Optional.of(toRow(get("/objects/" + uid, PairMessages.Row.class)));
        } catch (SymbolonException e) {
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public SecretBytes share(ObjectUid uid, long version, long epoch) {
        PairMessages.Share answer = post(
                "/objects/" + uid + "/share", new PairMessages.ShareRequest(version, epoch), PairMessages.Share.class);
        return SecretBytes.adopt(Base64.getDecoder().decode(answer.share()));
    }

    @Override
    public EntryPage entries(Optional<ObjectUid> after, int limit) {
        String query =
                "/objects?limit=" + limit + after.map(uid -> "&after=" + uid).orElse("");
        PairMessages.Entries answer = get(query, PairMessages.Entries.class);
        return new EntryPage(
                answer.entries().stream().map(PairMessages.Entry::toEntry).toList(),
                Optional.ofNullable(answer.next()).map(ObjectUid::parse));
    }

    @Override
    public List<RowState> unsettled(Duration age, int limit) {
        PairMessages.Rows rows =
                get("/unsettled?ageSeconds=" + age.toSeconds() + "&limit=" + limit, PairMessages.Rows.class);
        return rows.rows().stream().map(PairClient::toRow).toList();
    }

    private static RowState toRow(PairMessages.Row row) {
        return new RowState(row.object().toObject(), ObjectState.valueOf(row.state()), row.since());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
    }

    private <T> T get(String path, Class<T> type) {
        return send(request(path).GET(), type);
    }

    private <T> T post(String path, Object body, Class<T> type) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(Json.write(body));
        return send(request(path).header("Content-Type", "application/json").POST(publisher), type);
    }

    private <T> T send(HttpRequest.Builder builder, Class<T> type) {
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unavailable("it does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (HttpTimeoutException e) {
            throw unavailable("it did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            if (PartnerRefusals.isHandshakeRefusal(e)) {
                LOG.warn("pair channel handshake failed partner={} reason=\"{}\"", where, e.getMessage());
                throw PartnerRefusals.handshakeRefused(where);
            }
            throw unavailable("the connection failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (type == Void.class || response.body().length == 0) {
                return null;
            }
            try {
                return Json.mapper().readValue(response.body(), type);
            } catch (IOException e) {
                throw new SymbolonException(
                        ErrorCode.PEER_REJECTED, "the Partner answered unreadable JSON: " + e.getMessage());
            }
        }
        throw PartnerRefusals.refusal(status, response.body());
    }

    private SymbolonException unavailable(String why) {
        return new SymbolonException(
                ErrorCode.PEER_UNAVAILABLE,
                "the Partner at " + where + " is unavailable: " + why + ". Nothing was changed; start the Partner"
                        + " ('symbolon server start' there) and retry");
    }
}
