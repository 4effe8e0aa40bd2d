package io.symbolon.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.server.Json;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.pair.PinnedTrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * EP's client API from a test: HTTPS trusting exactly EP's certificate, HTTP Basic as a given login.
 * Answers are returned whatever their status, so tests can check errors too.
 */
public final class ApiCaller {
    private final HttpClient http;
    private final String base;
    private final String authorization;

    /** One answer: status, headers and JSON body (an empty object when there is none, or it is not JSON). */
    public record Answer(int status, HttpHeaders headers, JsonNode body, String text) {
        /** The error code of an error answer. */
        public String errorCode() {
            return body.path("error").path("code").asText();
        }

        public String errorMessage() {
            return body.path("error").path("message").asText();
        }
    }

    ApiCaller(int port, Path certificate, String login, String password) {
        this(client(certificate), "https://127.0.0.1:" + port, basic(login, password));
    }

    private ApiCaller(HttpClient http, String base, String authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    private static HttpClient client(Path certificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(
                    null, new TrustManager[] {new PinnedTrustManager(NodeIdentity.readCertificate(certificate))}, null);
            return HttpClient.newBuilder()
                    .sslContext(context)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The same API as another login. */
    public ApiCaller as(String login, String password) {
        return new ApiCaller(http, base, basic(login, password));
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer post(String path, Object body) {
        return postRaw(path, new String(Json.write(body), StandardCharsets.UTF_8));
    }

    /** Posts {@code body} as it is, malformed or not. */
    public Answer postRaw(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json = response.headers()
                    .firstValue("Content-Type")
                    .map(type -> type.startsWith("application/json"))
                    .orElse(true);
            JsonNode body = text == null || text.isBlank() || !json // e.g. /metrics, in Prometheus's text format
                    ? Json.mapper().createObjectNode()
                    : Json.mapper().readTree(text);
            return new Answer(response.statusCode(), response.headers(), body, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
