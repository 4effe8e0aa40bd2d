package io.symbolon.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.client.ApiClient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.DigestSection;
import io.symbolon.vault.object.ObjectType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code symbolon quickstart}: seed 000 end to end on one machine, with real processes on loopback — a
 * pair booted, keys created, a coordinated backup (TEST_SUCCESS), a key deleted on one node only and a
 * second backup that finds it (TEST_FAILED), the first backup restored into a brand-new pair, and
 * {@code server test} on it. Each step says what it does and checks what it must; the exit code is 0
 * only when every check held.
 */
final class Quickstart {
    private static final int STEPS = 9;
    private static final String LOCALHOST = SandboxPairs.LOCALHOST;
    private static final String OBJECTS = "/api/v1/partitions/%s/objects";

    private final PrintWriter out;
    private final Terminal terminal;
    private final Sandbox sandbox;
    private final boolean keep;
    private final SecureRandom random = new SecureRandom();
    private final List<String> failures = new ArrayList<>();
    private final long started = System.nanoTime();
    private int step;
    private long stepStarted;
    private Path rootPassword;
    private Path keystorePassword;

    Quickstart(PrintWriter out, Terminal terminal, Sandbox sandbox, boolean keep) {
        this.out = out;
        this.terminal = terminal;
        this.sandbox = sandbox;
        this.keep = keep;
    }

    int run() {
        out.println(
                "symbolon quickstart: a pair's coordinated backup and restore (seed 000), end to end, on this machine");
        out.println("  working in " + sandbox.root()
                + (keep ? " (kept afterwards: --keep)" : " (removed at the end; --keep keeps it)"));
        rootPassword = sandbox.secretFile("root-so-password", token());
        keystorePassword = sandbox.secretFile("keystore-password", token());
        SandboxPairs pairs = new SandboxPairs(sandbox, out, random, rootPassword, keystorePassword);

        begin("Boot EP and Partner on loopback, each its own \"machine\" (machine secret), SQLite");
        SandboxPairs.Pair original = pairs.boot("ep", "partner", Optional.empty(), Optional.empty());
        done("pair booted, EP API on port " + original.apiPort());

        begin(
                "Generate a backup key for each node (RSA 3072, JCEKS; different keys for EP and Partner, as seed 000 advises)");
        Map<String, Path> restoreKeystores = new LinkedHashMap<>();
        for (SandboxNode node : List.of(original.ep(), original.partner())) {
            restoreKeystores.put(node.name(), pairs.backupKey(node));
        }
        done("backup.conf written beside each node; the restore keystores stay in "
                + sandbox.root().resolve("keys"));

        begin("Start both servers (Partner first, then EP)");
        original.partner().start();
        original.ep().start();
        ApiClient api = client(original);
        done("both serve");

        begin(
                "Create keys through EP's REST API: AES-256 (imported, extractable), HMAC-SHA256, EC-P256, Ed25519, secret data");
        byte[] aes = new byte[32];
        random.nextBytes(aes);
        createKeys(api, aes);
        JsonNode before = listing(api);
        done(count(before) + " keys in partitions root and part4, each split between EP and Partner");

        begin("Automatic backup: POST /api/v1/backup, then GET /api/v1/backup/{id} until it ends");
        JsonNode first = backup(api);
        check(
                first.path("state").asText().equals("TEST_SUCCESS"),
                "the first backup ended " + first.path("state").asText() + ", not TEST_SUCCESS");
        String archive = first.path("file").asText();
        done(first.path("state").asText()
                + ": both archives written, the Partner's signature checked, the digests match");

        begin("Delete key 256AES on EP only (EP stopped; symbolon key delete UID --local; EP started): a partial key");
        String uid =
                api.get(String.format(OBJECTS, "part4") + "/256AES").path("uid").asText();
        original.ep().stop();
        localDelete(original.ep(), uid);
        original.ep().start();
        done("the Partner still holds its half of " + uid);

        begin("Second backup: it must find the partial key");
        JsonNode second = backup(api);
        JsonNode section = second.path("digestDiff").path("diffRecords").path(0);
        long keys = keySection(before);
        check(
                second.path("state").asText().equals("TEST_FAILED"),
                "the second backup ended " + second.path("state").asText() + ", not TEST_FAILED");
        check(
                section.path("sectionDiff")
                        .asText()
                        .equals("Mismatch in KEY count. EP digest count : " + (keys - 1) + ", Partner digest count : "
                                + keys),
                "the second backup's sectionDiff is '"
                        + section.path("sectionDiff").asText() + "'");
        JsonNode entry = section.path("entriesDiff").path(0);
        check(
                entry.path("uid").asText().equals(uid)
                        && entry.path("detail").asText().equals("exists only in Partner"),
                "the second backup does not name " + uid + " as existing only in the Partner");
        done(second.path("state").asText() + ": \"" + entry.path("name").asText() + "\" (" + uid + ") "
                + entry.path("detail").asText());

        begin("Restore the FIRST backup into a brand-new pair (new data directories, new machine secrets, new ports)");
        SandboxPairs.Pair restored = pairs.boot(
                "ep-restored",
                "partner-restored",
                Optional.of(pairs.restoration(original.ep(), Role.EP, archive, restoreKeystores.get("ep"))),
                Optional.of(
                        pairs.restoration(original.partner(), Role.PARTNER, archive, restoreKeystores.get("partner"))));
        restored.partner().start();
        restored.ep().start();
        done(
                "both halves verified (signatures pinned to the original nodes' certificates), imported and re-sealed; the new pair serves");

        begin("Check the restored pair: server test, every key as before the backup, the extractable key's bytes");
        ApiClient restoredApi = client(restored);
        JsonNode test = restoredApi.get("/api/v1/server/test");
        check(test.path("ok").asBoolean(false), "server test on the restored pair failed: " + test);
        check(listing(restoredApi).equals(before), "the restored pair's keys differ from those backed up");
        JsonNode exported = restoredApi.post(String.format(OBJECTS, "root") + "/payments-dek/export", Map.of());
        byte[] material = Base64.getDecoder().decode(exported.path("material").asText());
        check(
                java.util.Arrays.equals(material, aes),
                "the restored extractable key does not export the imported bytes");
        java.util.Arrays.fill(material, (byte) 0);
        done("server test OK: " + test.path("objectsChecked").asLong() + " objects on both nodes, "
                + test.path("publicKeysChecked").asLong() + " public keys checked against their two public shares");

        for (SandboxNode node : List.of(restored.ep(), restored.partner(), original.ep(), original.partner())) {
            node.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println();
        if (!failures.isEmpty()) {
            out.println("FAILED after " + String.format("%.1f", seconds) + " s:");
            failures.forEach(failure -> out.println("  - " + failure));
            out.flush();
            return Main.DIFFERENCE_FOUND;
        }
        out.println("What this proved, in " + String.format("%.1f", seconds) + " s:");
        out.println(
                "  - One POST made EP and the Partner each write its own encrypted, signed archive of one consistent");
        out.println(
                "    snapshot at the same epoch; EP checked the Partner's half without any private key: TEST_SUCCESS.");
        out.println(
                "  - A key present on one node only is caught by the next backup, in seed 000's words: TEST_FAILED.");
        out.println(
                "  - The first backup restored onto new \"machines\" (new system keys, shares re-sealed) is the same");
        out.println(
                "    vault: same uids, names, versions and public keys, the same secret bytes, and server test passes.");
        out.flush();
        return 0;
    }

    private void begin(String what) {
        step++;
        stepStarted = System.nanoTime();
        out.println();
        out.println("[" + step + "/" + STEPS + "] " + what);
        out.flush();
    }

    private void done(String result) {
        out.println(String.format("      ok (%.1f s): %s", (System.nanoTime() - stepStarted) / 1e9, result));
        out.flush();
    }

    private void check(boolean holds, String failure) {
        if (!holds) {
            failures.add(failure);
            out.println("      FAILED: " + failure);
            out.flush();
        }
    }

    private ApiClient client(SandboxPairs.Pair pair) {
        String pin = KeyFingerprint.of(
                NodeIdentity.readCertificate(pair.ep().certificate()).getPublicKey());
        return ApiClient.connect(
                URI.create("https://" + LOCALHOST + ":" + pair.apiPort()),
                "so@root",
                SandboxPairs.read(rootPassword),
                pin);
    }

    private void createKeys(ApiClient api, byte[] aes) {
        String root = String.format(OBJECTS, "root");
        Map<String, Object> imported = new LinkedHashMap<>();
        imported.put("name", "payments-dek");
        imported.put("type", "AES-256");
        imported.put("extractable", true);
        imported.put("material", Base64.getEncoder().encodeToString(aes));
        show(api.post(root + "/import", imported));
        show(api.post(root, Map.of("name", "api-mac", "type", "HMAC-SHA256", "usages", List.of("MAC"))));
        show(api.post(root, Map.of("name", "tls-ec", "type", "EC-P256", "usages", List.of("SIGN", "VERIFY"))));
        show(api.post(root, Map.of("name", "release-signing", "type", "Ed25519", "usages", List.of("SIGN"))));
        show(api.post(root, Map.of("name", "vault-token", "type", "secret-data", "length", 48)));
        api.post("/api/v1/partitions", Map.of("name", "part4", "soPassword", token()));
        show(api.post(String.format(OBJECTS, "part4"), Map.of("name", "256AES", "type", "AES-256")));
    }

    private void show(JsonNode object) {
        out.println("      " + object.path("uid").asText() + "  "
                + object.path("type").asText() + "  " + object.path("partition").asText() + "/"
                + object.path("name").asText());
    }

    private static JsonNode listing(ApiClient api) {
        var listing = io.symbolon.server.Json.mapper().createObjectNode();
        for (String partition : List.of("root", "part4")) {
            listing.set(partition, api.get(String.format(OBJECTS, partition)).path("objects"));
        }
        return listing;
    }

    private static long count(JsonNode listing) {
        return listing.path("root").size() + listing.path("part4").size();
    }

    /** How many objects of the listing count in the digest's KEY section. */
    private static long keySection(JsonNode listing) {
        long keys = 0;
        for (String partition : List.of("root", "part4")) {
            for (JsonNode object : listing.path(partition)) {
                if (ObjectType.parse(object.path("type").asText()).section() == DigestSection.KEY) {
                    keys++;
                }
            }
        }
        return keys;
    }

    private JsonNode backup(ApiClient api) {
        JsonNode startedBackup = api.post("/api/v1/backup", Map.of());
        out.println(
                "      POST /api/v1/backup → " + JsonOutput.text(startedBackup).replaceAll("\\s+", " "));
        String id = startedBackup.path("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode result = api.get("/api/v1/backup/" + id);
        while (result.path("state").asText().equals("IN_PROGRESS")) {
            if (Instant.now().isAfter(deadline)) {
                throw new SymbolonException(ErrorCode.INTERNAL, "backup " + id + " did not end within 3 minutes");
            }
            try {
                Thread.sleep(250); // polling the REST API, as an operator's script would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SymbolonException(ErrorCode.INTERNAL, "interrupted");
            }
            result = api.get("/api/v1/backup/" + id);
        }
        out.println("      GET /api/v1/backup/" + id + " →");
        for (String line : JsonOutput.text(result).split("\n")) {
            out.println("        " + line);
        }
        out.flush();
        return result;
    }

    private void localDelete(SandboxNode node, String uid) {
        StringWriter text = new StringWriter();
        StringWriter errors = new StringWriter();
        int exit = Main.run(
                terminal,
                new PrintWriter(text),
                new PrintWriter(errors),
                "key",
                "delete",
                uid,
                "--local",
                "--data-dir",
                node.dataDir().toString());
        if (exit != 0) {
            throw new SymbolonException(ErrorCode.INTERNAL, "key delete --local failed: " + errors);
        }
        out.print("      " + text);
    }

    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
