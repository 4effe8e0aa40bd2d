package io.symbolon.server.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.server.pair.PairTls;
import io.symbolon.server.pair.PartnerRefusals;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * {@link BackupPeer} over the pair channel: HTTPS with mutual TLS 1.3, holding the node's key and
 * trusting only the Partner's pinned certificate (the same context as the object operations'). Errors
 * map as in {@code pair.PairClient}: unreachable is {@code PEER_UNAVAILABLE}, a wrong certificate
 * {@code PEER_REJECTED}, a refusal keeps the Partner's own code.
 */
public final class BackupPeerClient implements BackupPeer {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;
    private final String where;

    public BackupPeerClient(SSLContext context, String host, int port) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {PairTls.PROTOCOL});
        this.http = HttpClient.newBuilder()
                .sslContext(context)
                .sslParameters(parameters)
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        this.base = "https://" + authority + ":" + port + BackupMessages.PATH;
        this.where = host + ":" + port;
    }

    @Override
    public BackupMessages.Started start(BackupMessages.Start start) {
        HttpRequest request = request("")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(start)))
                .build();
        return json(send(request, HttpResponse.BodyHandlers.ofByteArray()), BackupMessages.Started.class);
    }

    @Override
    public BackupMessages.Status status(String id, Duration wait) {
        return json(
                send(
                        request("/" + id + "?wait=" + wait.toMillis()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()),
                BackupMessages.Status.class);
    }

    @Override
    public InputStream digest(String id) {
        HttpResponse<InputStream> response =
                send(request("/" + id + "/digest").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw PartnerRefusals.refusal(response.statusCode(), body.readAllBytes());
            } catch (IOException e) {
                throw PartnerRefusals.refusal(response.statusCode(), new byte[0]);
            }
        }
        return response.body();
    }

    @Override
    public void finish(String id, boolean discard) {
        HttpResponse<byte[]> response = send(
                request("/" + id + "?discard=" + discard).DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw PartnerRefusals.refusal(response.statusCode(), response.body());
        }
    }

    @Override
    public List<BackupFolder.Removal> prune(List<String> files) {
        HttpRequest request = request("/prune")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(new BackupMessages.Prune(files))))
                .build();
        return json(send(request, HttpResponse.BodyHandlers.ofByteArray()), BackupMessages.Pruned.class)
                .files();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unavailable("it does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (HttpTimeoutException e) {
            throw unavailable("it did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            if (PartnerRefusals.isHandshakeRefusal(e)) {
                throw PartnerRefusals.handshakeRefused(where);
            }
            throw unavailable("the connection failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private <T> T json(HttpResponse<byte[]> response, Class<T> type) {
        if (response.statusCode() >= 300) {
            throw PartnerRefusals.refusal(response.statusCode(), response.body());
        }
        try {
            return Json.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.PEER_REJECTED, "the Partner answered unreadable JSON: " + e.getMessage());
        }
    }

    private SymbolonException unavailable(String why) {
        return new SymbolonException(ErrorCode.PEER_UNAVAILABLE, "the Partner at " + where + " is unavailable: " + why);
    }
}
