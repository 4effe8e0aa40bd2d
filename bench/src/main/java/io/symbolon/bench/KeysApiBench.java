package io.symbolon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The keys API benchmark of docs/BENCHMARKS.md: a client of a real pair's REST API (the pair itself is
 * booted and started by {@code bench/scripts/keys-api-bench.sh} with the {@code symbolon} command).
 * JDK only, so it also runs as a single source file ({@code java KeysApiBench.java …}). Each command
 * prints one JSON line.
 *
 * <pre>
 * create --url U --cert EP.crt --password-file F --keys N [--threads 8] [--type AES-256] [--prefix k]
 *        keys created per second through POST /api/v1/partitions/root/objects (joint generation)
 * list   --url U --cert EP.crt --password-file F
 *        one streamed GET of every object; counts them without keeping the body
 * </pre>
 */
public final class KeysApiBench {
    private final Map<String, String> options;
    private final HttpClient http;
    private final String authorization;
    private final String url;
    private final ThreadLocal<String> lastError = ThreadLocal.withInitial(() -> "");

    private KeysApiBench(Map<String, String> options) throws Exception {
        this.options = options;
        this.url = required("url");
        X509Certificate pinned = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(Path.of(required("cert"))));
        SSLContext context = PinnedTrust.context(pinned);
        this.http = HttpClient.newBuilder()
                .sslContext(context)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String password = Files.readString(Path.of(required("password-file"))).strip();
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString(("so@root:" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 == 0) {
            System.err.println("usage: KeysApiBench create|list --option value ...");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        KeysApiBench bench = new KeysApiBench(options);
        switch (args[0]) {
            case "create" -> bench.create();
            case "list" -> bench.list();
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private void create() throws Exception {
        int keys = Integer.parseInt(required("keys"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "8"));
        String type = options.getOrDefault("type", "AES-256");
        String prefix = options.getOrDefault("prefix", "bench");
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Map<String, AtomicLong> kinds = new java.util.concurrent.ConcurrentHashMap<>();
        // one login first, so that the measured requests use the remembered login, as a busy client does
        send(HttpRequest.newBuilder(URI.create(url + "/api/v1/partitions")).GET());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < keys; i = next.getAndIncrement()) {
                    String body = "{\"name\":\"" + prefix + "-" + i + "\",\"type\":\"" + type + "\"}";
                    int status = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/partitions/root/objects"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
                    if (status != 201) {
                        failures.incrementAndGet();
                        kinds.computeIfAbsent(status < 0 ? lastError.get() : "HTTP " + status, kind -> new AtomicLong())
                                .incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "{\"operation\":\"create\",\"type\":\"%s\",\"keys\":%d,\"threads\":%d,\"failures\":%d,\"failureKinds\":\"%s\",\"seconds\":%.2f,\"keysPerSecond\":%.1f}%n",
                type,
                keys,
                threads,
                failures.get(),
                kinds.toString().replace("\"", "'"),
                seconds,
                (keys - failures.get()) / seconds);
    }

    private void list() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/partitions/root/objects"))
                .header("Authorization", authorization)
                .timeout(Duration.ofHours(1))
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long objects = 0;
        long bytes = 0;
        byte[] pattern = "\"uid\"".getBytes(StandardCharsets.US_ASCII);
        int matched = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    matched = buffer[i] == pattern[matched] ? matched + 1 : (buffer[i] == pattern[0] ? 1 : 0);
                    if (matched == pattern.length) {
                        objects++;
                        matched = 0;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "{\"operation\":\"list\",\"status\":%d,\"objects\":%d,\"bytes\":%d,\"seconds\":%.2f,\"objectsPerSecond\":%.0f}%n",
                response.statusCode(), objects, bytes, seconds, objects / seconds);
    }

    private int send(HttpRequest.Builder request) {
        try {
            return http.send(
                            request.header("Authorization", authorization)
                                    .timeout(Duration.ofMinutes(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
