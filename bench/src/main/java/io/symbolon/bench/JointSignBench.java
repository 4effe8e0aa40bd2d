package io.symbolon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The joint-signature benchmark of docs/BENCHMARKS.md: Ed25519 signatures per second made jointly by a
 * real pair (EP's REST API, EP and Partner over the loopback pair channel), next to the JDK signing
 * locally with a whole key, in interleaved rounds so that both see the same machine load. The ratio is
 * the cost of the split. JDK only, so it also runs as a single source file.
 *
 * <pre>
 * JointSignBench --url U --cert EP.crt --password-file F [--key bench-signer] [--seconds 10] [--rounds 3]
 *                [--threads 1,4] [--message-bytes 32] [--warmup-seconds 40]
 * </pre>
 *
 * Prints one JSON line per measurement, then a Markdown table of the medians.
 */
public final class JointSignBench {
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Map<String, String> options;
    private final HttpClient http;
    private final String url;
    private final String authorization;

    private JointSignBench(Map<String, String> options) throws Exception {
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
        new JointSignBench(options).run();
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** One measurement: what, how many threads, signatures per second, latencies in ms. */
    private record Result(String kind, int threads, long signatures, double seconds, double[] latenciesMs) {
        double perSecond() {
            return signatures / seconds;
        }

        double percentile(double p) {
            if (latenciesMs.length == 0) {
                return 0;
            }
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    private void run() throws Exception {
        String key = options.getOrDefault("key", "bench-signer");
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int[] threadCounts = Arrays.stream(
                        options.getOrDefault("threads", "1,4").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        byte[] message = new byte[Integer.parseInt(options.getOrDefault("message-bytes", "32"))];
        Arrays.fill(message, (byte) 'm');
        PublicKey publicKey = ensureKey(key);
        checkOneSignature(key, message, publicKey);
        KeyPair whole = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        double warmup = Double.parseDouble(options.getOrDefault("warmup-seconds", "40"));
        measure("warmup", threadCounts[threadCounts.length - 1], warmup / 2, localSigner(whole.getPrivate(), message));
        measure("warmup", threadCounts[threadCounts.length - 1], warmup / 2, () -> signJointly(key, message));

        Map<String, List<Result>> all = new java.util.LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int threads : threadCounts) {
                for (String kind : List.of("jdk-local", "joint")) {
                    Result result = kind.equals("joint")
                            ? measure(kind, threads, seconds, () -> signJointly(key, message))
                            : measure(kind, threads, seconds, localSigner(whole.getPrivate(), message));
                    all.computeIfAbsent(kind + "/" + threads, k -> new ArrayList<>())
                            .add(result);
                    System.out.printf(
                            "{\"round\":%d,\"kind\":\"%s\",\"threads\":%d,\"signatures\":%d,\"seconds\":%.2f,"
                                    + "\"perSecond\":%.1f,\"p50ms\":%.3f,\"p99ms\":%.3f}%n",
                            round,
                            kind,
                            threads,
                            result.signatures(),
                            result.seconds(),
                            result.perSecond(),
                            result.percentile(0.50),
                            result.percentile(0.99));
                }
            }
        }
        System.out.println();
        System.out.println(
                "| threads | JDK, whole key: signatures/s | joint (REST + pair channel): signatures/s | ratio"
                        + " | joint p50 ms | joint p99 ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (int threads : threadCounts) {
            double local = median(all.get("jdk-local/" + threads).stream()
                    .mapToDouble(Result::perSecond)
                    .toArray());
            List<Result> joint = all.get("joint/" + threads);
            double jointRate =
                    median(joint.stream().mapToDouble(Result::perSecond).toArray());
            System.out.printf(
                    "| %d | %.0f | %.1f | %.0f× | %.2f | %.2f |%n",
                    threads,
                    local,
                    jointRate,
                    local / jointRate,
                    median(joint.stream().mapToDouble(r -> r.percentile(0.50)).toArray()),
                    median(joint.stream().mapToDouble(r -> r.percentile(0.99)).toArray()));
        }
    }

    private interface Operation {
        void run() throws Exception;
    }

    private Result measure(String kind, int threads, double seconds, Operation operation) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Double>>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                List<Double> latencies = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    long before = System.nanoTime();
                    operation.run();
                    latencies.add((System.nanoTime() - before) / 1e6);
                }
                return latencies;
            }));
        }
        List<Double> latencies = new ArrayList<>();
        for (Future<List<Double>> worker : workers) {
            latencies.addAll(worker.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(
                kind,
                threads,
                latencies.size(),
                elapsed,
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Operation localSigner(PrivateKey key, byte[] message) {
        ThreadLocal<Signature> signers = ThreadLocal.withInitial(() -> {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(key);
                return signer;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return () -> {
            Signature signer = signers.get();
            signer.update(message);
            signer.sign();
        };
    }

    private byte[] signJointly(String key, byte[] message) throws Exception {
        String body = "{\"message\":\"" + Base64.getEncoder().encodeToString(message) + "\"}";
        HttpResponse<String> response = http.send(
                request("/api/v1/partitions/root/objects/" + key + "/sign")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign answered " + response.statusCode() + ": " + response.body());
        }
        return Base64.getDecoder().decode(field(response.body(), "signature"));
    }

    private void checkOneSignature(String key, byte[] message, PublicKey publicKey) throws Exception {
        byte[] signature = signJointly(key, message);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("a joint signature did not verify with the JDK");
        }
    }

    /** The Ed25519 key {@code name}, created (SIGN) if the partition lacks it; its public key. */
    private PublicKey ensureKey(String name) throws Exception {
        HttpResponse<String> shown = http.send(
                request("/api/v1/partitions/root/objects/" + name).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (shown.statusCode() == 404) {
            shown = http.send(
                    request("/api/v1/partitions/root/objects")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"" + name + "\",\"type\":\"Ed25519\",\"usages\":[\"SIGN\"]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        if (shown.statusCode() >= 300) {
            throw new IllegalStateException("cannot find or create " + name + ": " + shown.body());
        }
        byte[] raw = Base64.getDecoder().decode(field(shown.body(), "publicData"));
        byte[] spki = new byte[ED25519_SPKI.length + 32];
        System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization);
    }

    static String field(String json, String name) {
        Matcher matcher =
                Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no field " + name + " in " + json);
        }
        return matcher.group(1);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
