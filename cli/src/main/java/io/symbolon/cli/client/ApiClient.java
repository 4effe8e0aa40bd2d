package io.symbolon.cli.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client of EP's REST API for the {@code partition}, {@code key} and {@code server test} commands:
 * JSON over HTTPS with HTTP Basic authentication. Errors from the API come back as the {@link
 * SymbolonException} of their code, so the command exits with that code's exit status.
 */
public final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    ApiClient(URI base, String login, char[] password, Optional<String> pinnedFingerprint) {
        this.base = base;
        this.authorization = basic(login, password);
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new FingerprintTrust(pinnedFingerprint)}, null);
            this.http = HttpClient.newBuilder()
                    .sslContext(context)
                    .connectTimeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks TLS 1.3", e);
        }
    }

    /**
     * A client of the API at {@code base} (https://HOST:PORT) as {@code login}, trusting only the
     * certificate whose key has {@code pinnedFingerprint}; the password is wiped.
     */
    public static ApiClient connect(URI base, String login, char[] password, String pinnedFingerprint) {
        return new ApiClient(base, login, password, Optional.of(pinnedFingerprint));
    }

    private static String basic(String login, char[] password) {
        CharBuffer chars = CharBuffer.allocate(login.length() + 1 + password.length);
        chars.put(login).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
            Arrays.fill(password, '\0');
        }
    }

    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(body))));
    }

    public JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    /**
     * Streams the {@code objects} array of a listing, calling {@code each} per object as it arrives;
     * memory does not grow with the listing.
     */
    public void stream(String path, Consumer<JsonNode> each) {
        HttpResponse<InputStream> response = exchange(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                throw refusal(response.statusCode(), body.readAllBytes());
            }
            try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
                while (parser.nextToken() != null) {
                    if (parser.currentToken() == JsonToken.FIELD_NAME && "objects".equals(parser.currentName())) {
                        parser.nextToken();
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            each.accept(MAPPER.readTree(parser));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "the listing from " + base + " broke off: " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(10))
                .header("Accept", "application/json")
                .header("Authorization", authorization);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        try {
            return response.body().length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, base + " answered something other than JSON");
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException e) {
            throw new SymbolonException(
                    ErrorCode.PEER_UNAVAILABLE,
                    "EP at " + base + " does not answer; is it running? (symbolon server status)");
        } catch (SSLException e) {
            throw new SymbolonException(
                    ErrorCode.PEER_REJECTED,
                    "EP's certificate at " + base + " is not the pinned one: " + e.getMessage());
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException ssl) {
                throw new SymbolonException(
                        ErrorCode.PEER_REJECTED,
                        "EP's certificate at " + base + " is not the pinned one: " + ssl.getMessage());
            }
            throw new SymbolonException(ErrorCode.IO, "the request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SymbolonException(ErrorCode.INTERNAL, "interrupted");
        }
    }

    private static SymbolonException refusal(int status, byte[] body) {
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            String code = error.path("code").asText("");
            for (ErrorCode known : ErrorCode.values()) {
                if (known.code().equals(code)) {
                    return new SymbolonException(known, error.path("message").asText("HTTP " + status));
                }
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        return new SymbolonException(ErrorCode.INTERNAL, "EP answered HTTP " + status);
    }

    private static byte[] json(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts the API certificate whose key has the pinned fingerprint, or (with -k) any. */
    private static final class FingerprintTrust extends X509ExtendedTrustManager {
        private final Optional<String> pinned;

        FingerprintTrust(Optional<String> pinned) {
            this.pinned = pinned;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (pinned.isEmpty()) {
                return;
            }
            String presented = KeyFingerprint.of(chain[0].getPublicKey());
            if (!presented.equals(pinned.get())) {
                throw new CertificateException(
                        "the server presented " + presented + ", not the pinned " + pinned.get());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
