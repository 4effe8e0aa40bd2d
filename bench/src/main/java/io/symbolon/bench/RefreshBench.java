package io.symbolon.bench;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The refresh benchmark of docs/BENCHMARKS.md: a share refresh of a real pair (started with {@code POST
 * /api/v1/server/refresh}, timed until both nodes report one epoch), and the latency clients see during it
 * next to the latency they see before and after it (interleaved windows on the same machine). Client
 * threads loop over three requests: a joint signature, a show, and a key creation (two-phase on both
 * nodes). JDK only, so it also runs as a single source file.
 *
 * <pre>
 * RefreshBench --url U --cert EP.crt --password-file F [--key bench-signer] [--threads 2] [--window-seconds 20]
 *              [--warmup-seconds 15]
 * </pre>
 */
public final class RefreshBench {
    private static final List<String> PROBES = List.of("sign", "show", "create");

    private final Map<String, String> options;
    private final HttpClient http;
    private final String url;
    private final String authorization;
    private final AtomicLong created = new AtomicLong();

    private RefreshBench(Map<String, String> options) throws Exception {
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
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new RefreshBench(options).run();
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** What the client threads saw in one window: latencies (ms) and failures per probe. */
    private static final class Window {
        final Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        double seconds;

        void record(String probe, double ms) {
            latencies
                    .computeIfAbsent(probe, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(ms);
        }

        void fail(String what) {
            failures.computeIfAbsent(what, w -> new AtomicLong()).incrementAndGet();
        }

        String describe(String probe) {
            double[] values = latencies.getOrDefault(probe, List.of()).stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            if (values.length == 0) {
                return "\"" + probe + "\":{\"n\":0}";
            }
            return String.format(
                    "\"%s\":{\"n\":%d,\"perSecond\":%.1f,\"p50ms\":%.1f,\"p95ms\":%.1f,\"p99ms\":%.1f,\"maxms\":%.1f}",
                    probe,
                    values.length,
                    values.length / seconds,
                    at(values, 0.50),
                    at(values, 0.95),
                    at(values, 0.99),
                    values[values.length - 1]);
        }

        private static double at(double[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    private void run() throws Exception {
        String key = options.getOrDefault("key", "bench-signer");
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        double windowSeconds = Double.parseDouble(options.getOrDefault("window-seconds", "20"));
        double warmupSeconds = Double.parseDouble(options.getOrDefault("warmup-seconds", "15"));
        ensureSigner(key);
        probe(key, threads, stopAfter(warmupSeconds)); // the JIT and the connection pools, unreported

        Window before = probe(key, threads, stopAfter(windowSeconds));
        print("before", before, null);

        Instant started = Instant.now();
        HttpResponse<String> start = send(request("/api/v1/server/refresh").POST(HttpRequest.BodyPublishers.noBody()));
        if (start.statusCode() != 202) {
            throw new IllegalStateException("refresh answered " + start.statusCode() + ": " + start.body());
        }
        String id = field(start.body(), "id");
        AtomicBoolean done = new AtomicBoolean();
        String[] last = {""};
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                try {
                    String status =
                            send(request("/api/v1/server/refresh").GET()).body();
                    last[0] = status;
                    if (status.contains("\"converged\":true")
                            && !status.contains("\"current\":{")
                            && status.contains("\"id\":\"" + id + "\"")) {
                        done.set(true);
                    }
                    Thread.sleep(250);
                } catch (Exception e) {
                    // keep watching
                }
            }
        });
        Window during = probe(key, threads, done::get);
        watcher.join();
        double refreshSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        print(
                "during",
                during,
                String.format(
                        "\"refreshSeconds\":%.1f,\"epRows\":%s,\"state\":\"%s\"",
                        refreshSeconds,
                        number(last[0], "epRows"),
                        field(last[0].substring(last[0].indexOf("\"last\"")), "state")));

        Window after = probe(key, threads, stopAfter(windowSeconds));
        print("after", after, null);
    }

    private interface Stop {
        boolean now();
    }

    private static Stop stopAfter(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        return () -> System.nanoTime() >= deadline;
    }

    private Window probe(String key, int threads, Stop stop) throws InterruptedException {
        Window window = new Window();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; !stop.now(); i++) {
                    String probe = PROBES.get(i % PROBES.size());
                    long before = System.nanoTime();
                    try {
                        int status = switch (probe) {
                            case "sign" ->
                                send(request("/api/v1/partitions/root/objects/" + key + "/sign")
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"AAAA\"}")))
                                        .statusCode();
                            case "show" ->
                                send(request("/api/v1/partitions/root/objects/" + key)
                                                .GET())
                                        .statusCode();
                            default ->
                                send(request("/api/v1/partitions/root/objects")
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"refresh-bench-"
                                                        + System.nanoTime() + "-" + created.incrementAndGet()
                                                        + "\",\"type\":\"AES-256\"}")))
                                        .statusCode();
                        };
                        if (status >= 300) {
                            window.fail(probe + " HTTP " + status);
                            continue;
                        }
                        window.record(probe, (System.nanoTime() - before) / 1e6);
                    } catch (Exception e) {
                        window.fail(probe + " " + e.getClass().getSimpleName());
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        window.seconds = (System.nanoTime() - start) / 1e9;
        return window;
    }

    private static void print(String when, Window window, String extra) {
        StringBuilder line =
                new StringBuilder("{\"window\":\"" + when + "\",\"seconds\":" + String.format("%.1f", window.seconds));
        if (extra != null) {
            line.append(',').append(extra);
        }
        for (String probe : PROBES) {
            line.append(',').append(window.describe(probe));
        }
        line.append(",\"failures\":\"")
                .append(window.failures.toString().replace("\"", "'"))
                .append("\"}");
        System.out.println(line);
    }

    private void ensureSigner(String name) throws Exception {
        HttpResponse<String> shown =
                send(request("/api/v1/partitions/root/objects/" + name).GET());
        if (shown.statusCode() == 404) {
            shown = send(request("/api/v1/partitions/root/objects")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"" + name + "\",\"type\":\"Ed25519\",\"usages\":[\"SIGN\"]}")));
        }
        if (shown.statusCode() >= 300) {
            throw new IllegalStateException("cannot find or create " + name + ": " + shown.body());
        }
    }

    private static String field(String json, String name) {
        Matcher matcher =
                Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no field " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static String number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        return matcher.find() ? matcher.group(1) : "null";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
