package io.symbolon.server.replay;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.server.pair.PairMessages;
import io.symbolon.server.pair.PairTls;
import io.symbolon.server.pair.PartnerRefusals;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * EP's end of the pair channel for the messages of joint operations and refreshes: JSON over HTTPS with
 * mutual TLS 1.3 (the node's key, the Partner's pinned certificate), as the object operations' client
 * does. Errors map the same way: unreachable is {@code PEER_UNAVAILABLE}, a wrong certificate {@code
 * PEER_REJECTED}, a refusal keeps the Partner's own code and message. Thread-safe.
 */
public final class PairChannel {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final String base;
    private final String where;

    public PairChannel(SSLContext context, String host, int port) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {PairTls.PROTOCOL});
        this.http = HttpClient.newBuilder()
                .sslContext(context)
                .sslParameters(parameters)
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        this.base = "https://" + authority + ":" + port + PairMessages.PREFIX;
        this.where = host + ":" + port;
    }

    /** POSTs {@code body} as JSON to {@code path} (under {@code /pair/v1}) and reads the answer. */
    public <T> T post(String path, Object body, Class<T> answer, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .build();
        return read(send(request, timeout), answer);
    }

    /** GETs {@code path} and reads the answer. */
    public <T> T get(String path, Class<T> answer, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return read(send(request, timeout), answer);
    }

    /**
     * Sends {@code body} exactly as given to {@code path}, and answers the status and body whatever they
     * are: for tests that replay or alter a captured message.
     */
    public HttpResponse<byte[]> postRaw(String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request, Duration.ofSeconds(30));
    }

    private HttpResponse<byte[]> send(HttpRequest request, Duration timeout) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unavailable("it does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (HttpTimeoutException e) {
            throw unavailable("it did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            if (PartnerRefusals.isHandshakeRefusal(e)) {
                throw PartnerRefusals.handshakeRefused(where);
            }
            throw unavailable("the connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static <T> T read(HttpResponse<byte[]> response, Class<T> answer) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw PartnerRefusals.refusal(status, response.body());
        }
        if (answer == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), answer);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.PEER_REJECTED, "the Partner answered unreadable JSON");
        }
    }

    private SymbolonException unavailable(String why) {
        return new SymbolonException(
                ErrorCode.PEER_UNAVAILABLE,
                "the Partner at " + where + " is unavailable: " + why + ". Start it ('symbolon server start' there)"
                        + " and retry");
    }
}
