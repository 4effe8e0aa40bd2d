package io.symbolon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The client side of the backup benchmark (bench/scripts/backup-bench.sh), JDK only, run as a
 * single-file program: {@code java BackupBench.java backup --url … --cert EP.crt --password-file F}.
 *
 * <pre>
 * backup  --url U --cert EP.crt --password-file F [--load none|mixed] [--warmup-seconds 10]
 *         [--idle-seconds 15] [--filled N]
 * </pre>
 *
 * Starts a coordinated backup ({@code POST /api/v1/backup}) and polls it every 50 ms until it ends;
 * prints one JSON line with its wall time (from the POST to the first answer showing the end) and
 * result. With {@code --load mixed}, two client threads run closed loops, first unmeasured for {@code
 * --warmup-seconds}, then for {@code --idle-seconds} with no backup, then throughout the backup: one reads keys by uid (random ones among
 * the {@code --filled} keys of bench/scripts/BackupFill.java), one creates AES-256 keys (a joint
 * operation with the Partner). The latencies of each kind are reported idle and during the backup
 * (count, p50, p90, p99, max, in milliseconds).
 */
public final class BackupBench {
    private static final long FIRST_FILLED_UID = 0x10_0000_0000L;
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{16})\"");
    private static final Pattern FILE = Pattern.compile("\"file\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, String> options;
    private final HttpClient http;
    private final String url;
    private final String authorization;

    private BackupBench(Map<String, String> options) throws Exception {
        this.options = options;
        this.url = required("url");
        X509Certificate certificate;
        try (var in = Files.newInputStream(Path.of(required("cert")))) {
            certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        SSLContext context = PinnedTrust.context(certificate);
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
            System.err.println("usage: BackupBench backup --option value ...");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!args[0].equals("backup")) {
            System.err.println("unknown command " + args[0]);
            System.exit(2);
        }
        new BackupBench(options).backup();
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** Latencies of one kind of request in one phase, in nanoseconds. */
    private static final class Latencies {
        private long[] values = new long[1024];
        private int count;
        private int failures;

        synchronized void add(long nanos, boolean ok) {
            if (!ok) {
                failures++;
                return;
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }

        synchronized String json() {
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return String.format(
                    "{\"count\":%d,\"failures\":%d,\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"max\":%.1f}",
                    count,
                    failures,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.90),
                    percentile(sorted, 0.99),
                    count == 0 ? 0.0 : sorted[count - 1] / 1e6);
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0.0;
            }
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private void backup() throws Exception {
        boolean load = options.getOrDefault("load", "none").equals("mixed");
        long idleSeconds = Long.parseLong(options.getOrDefault("idle-seconds", "15"));
        long filled = Long.parseLong(options.getOrDefault("filled", "1000000"));
        // one login first, so that measured requests use the remembered login, as a busy client does
        get("/api/v1/partitions");
        long warmupSeconds = Long.parseLong(options.getOrDefault("warmup-seconds", "10"));
        AtomicReference<String> phase = new AtomicReference<>("warmup");
        Map<String, Latencies> latencies = new HashMap<>();
        for (String key : List.of(
                "warmup.read",
                "warmup.create",
                "idle.read",
                "idle.create",
                "backup.read",
                "backup.create",
                "done.read", // a request that began as the backup ended; not reported
                "done.create")) {
            latencies.put(key, new Latencies());
        }
        AtomicLong created = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        if (load) {
            SecureRandom random = new SecureRandom();
            workers.add(Thread.ofPlatform().name("reader").start(() -> {
                while (!phase.get().equals("done")) {
                    long uid = FIRST_FILLED_UID + 1 + Math.floorMod(random.nextLong(), filled);
                    String path = "/api/v1/partitions/root/objects/0x00"
                            + HexFormat.of().toHexDigits(uid);
                    String current = phase.get();
                    long start = System.nanoTime();
                    int status = status(request(path).GET());
                    latencies.get(current + ".read").add(System.nanoTime() - start, status == 200);
                }
            }));
            workers.add(Thread.ofPlatform().name("creator").start(() -> {
                String prefix = "during-" + Long.toHexString(System.nanoTime());
                while (!phase.get().equals("done")) {
                    String body =
                            "{\"name\":\"" + prefix + "-" + created.incrementAndGet() + "\",\"type\":\"AES-256\"}";
                    String current = phase.get();
                    long start = System.nanoTime();
                    int status = status(request("/api/v1/partitions/root/objects")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
                    latencies.get(current + ".create").add(System.nanoTime() - start, status == 201);
                }
            }));
            Thread.sleep(warmupSeconds * 1000); // the JIT compiles the request paths; not measured
            phase.set("idle");
            Thread.sleep(idleSeconds * 1000);
        }
        phase.set("backup");
        long start = System.nanoTime();
        HttpResponse<String> started = http.send(
                request("/api/v1/backup")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(started.body());
        if (started.statusCode() != 202 || !id.find()) {
            phase.set("done");
            throw new IllegalStateException("the backup did not start: " + started.statusCode() + " " + started.body());
        }
        String result;
        String state;
        while (true) {
            result = get("/api/v1/backup/" + id.group(1));
            Matcher matcher = STATE.matcher(result);
            state = matcher.find() ? matcher.group(1) : "?";
            if (!state.equals("IN_PROGRESS")) {
                break;
            }
            Thread.sleep(50); // polling the backup's state, as a client of the REST API does
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        phase.set("done");
        for (Thread worker : workers) {
            worker.join();
        }
        Matcher file = FILE.matcher(result);
        StringBuilder json = new StringBuilder();
        json.append(String.format(
                "{\"operation\":\"backup\",\"id\":\"%s\",\"state\":\"%s\",\"file\":\"%s\",\"seconds\":%.2f",
                id.group(1), state, file.find() ? file.group(1) : "", seconds));
        if (load) {
            json.append(",\"createdDuringRun\":").append(created.get());
            for (String key : List.of("idle.read", "idle.create", "backup.read", "backup.create")) {
                json.append(",\"")
                        .append(key)
                        .append("\":")
                        .append(latencies.get(key).json());
            }
        }
        if (!state.equals("TEST_SUCCESS")) {
            json.append(",\"result\":\"").append(result.replace("\"", "'")).append('"');
        }
        System.out.println(json.append('}'));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", authorization)
                .timeout(Duration.ofMinutes(2));
    }

    private String get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private int status(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
