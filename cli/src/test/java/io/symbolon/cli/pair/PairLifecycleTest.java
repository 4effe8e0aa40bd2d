package io.symbolon.cli.pair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.CommandResult;
import io.symbolon.server.testing.PairHarness;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.share.ScalarScheme;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real EP and Partner (separate processes, SQLite): boot, every object type, server test, stop. */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairLifecycleTest {
    private static final String OBJECTS = "/api/v1/partitions/root/objects";
    private static PairHarness pair;
    private static NodeDatabase partnerDatabase;

    @BeforeAll
    static void bootAndStart() {
        pair = PairHarness.boot(PairHarness.Options.sqlite()).start();
        partnerDatabase = new NodeDatabase(pair.partner().database());
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Map<String, Object> spec(String name, String type) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("name", name);
        spec.put("type", type);
        return spec;
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES-128", "AES-256", "HMAC-SHA256", "EC-P256", "Ed25519", "secret-data"})
    @Order(1)
    void generatesEveryTypeJointlyOnBothNodes(String type) {
        Map<String, Object> spec = spec("generated " + type, type);
        spec.put("usages", List.of("ENCRYPT", "DECRYPT"));
        spec.put("label", "made by a test");
        if (type.equals("secret-data")) {
            spec.put("length", 48);
        }
        Answer created = pair.api().post(OBJECTS, spec);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode object = created.body();
        assertThat(object.path("type").asText()).isEqualTo(type);
        assertThat(object.path("version").asLong()).isEqualTo(1);
        long uid = ObjectUid.parse(object.path("uid").asText()).value();
        assertThat(partnerDatabase.count("uid = ? AND state = 'ACTIVE'", uid)).isEqualTo(1);
        Answer shown = pair.api().get(OBJECTS + "/" + object.path("uid").asText());
        assertThat(shown.body()).isEqualTo(object);
        if (type.equals("EC-P256") || type.equals("Ed25519")) {
            byte[] publicKey =
                    Base64.getDecoder().decode(object.path("publicData").asText());
            assertThat(publicKey).hasSize(type.equals("EC-P256") ? 65 : 32);
        }
    }

    @Test
    @Order(2)
    void importsKeysSplitOnEpAndExportsTheSameBytes() {
        SecureRandom random = new SecureRandom();
        byte[] aes = new byte[32];
        random.nextBytes(aes);
        Map<String, Object> spec = spec("imported AES", "AES-256");
        spec.put("extractable", true);
        spec.put("material", Base64.getEncoder().encodeToString(aes));
        Answer imported = pair.api().post(OBJECTS + "/import", spec);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);

        Answer exported = pair.api().post(OBJECTS + "/imported AES".replace(" ", "%20") + "/export", Map.of());
        assertThat(exported.status()).as(exported.text()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(exported.body().path("material").asText()))
                .isEqualTo(aes);
    }

    @Test
    @Order(2)
    void importedEd25519KeyHasTheStandardPublicKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        Map<String, Object> spec = spec("imported Ed25519", "Ed25519");
        spec.put("material", Base64.getEncoder().encodeToString(seed));
        Answer imported = pair.api().post(OBJECTS + "/import", spec);

        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        byte[] expected =
                new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded();
        assertThat(Base64.getDecoder().decode(imported.body().path("publicData").asText()))
                .isEqualTo(expected);
    }

    @Test
    @Order(2)
    void importedP256KeyExportsItsScalarAndKeepsItsPublicKey() {
        SecureRandom random = new SecureRandom();
        byte[] scalar = new byte[32];
        do {
            random.nextBytes(scalar);
            scalar[0] &= 0x7f;
        } while (scalar[0] == 0);
        Map<String, Object> spec = spec("imported P-256", "EC-P256");
        spec.put("extractable", true);
        spec.put("material", Base64.getEncoder().encodeToString(scalar));
        Answer imported = pair.api().post(OBJECTS + "/import", spec);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        try (SecretBytes whole = SecretBytes.copyOf(scalar)) {
            assertThat(Base64.getDecoder()
                            .decode(imported.body().path("publicData").asText()))
                    .isEqualTo(ScalarScheme.P256.publicKey(whole));
        }

        Answer exported =
                pair.api().post(OBJECTS + "/" + imported.body().path("uid").asText() + "/export", Map.of());
        assertThat(Base64.getDecoder().decode(exported.body().path("material").asText()))
                .isEqualTo(scalar);
    }

    @Test
    @Order(2)
    void importsACertificateAndRefusesToExportANonExtractableKey() throws Exception {
        byte[] der = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(pair.ep().dataDir().resolve("node.crt")))
                .getEncoded();
        Map<String, Object> spec = spec("EP certificate", "certificate");
        spec.put("material", Base64.getEncoder().encodeToString(der));
        Answer imported = pair.api().post(OBJECTS + "/import", spec);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(Base64.getDecoder().decode(imported.body().path("publicData").asText()))
                .isEqualTo(der);

        Answer secret = pair.api().post(OBJECTS, spec("not extractable", "AES-128"));
        Answer refused =
                pair.api().post(OBJECTS + "/" + secret.body().path("uid").asText() + "/export", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden");
        assertThat(refused.errorMessage()).contains("not extractable");
    }

    @Test
    @Order(3)
    void listsPageByPageAndStreamsEverything() {
        List<String> paged = new ArrayList<>();
        String after = null;
        do {
            Answer page = pair.api().get(OBJECTS + "?limit=2" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).isEqualTo(200);
            page.body()
                    .path("objects")
                    .forEach(object -> paged.add(object.path("uid").asText()));
            after = page.body().path("next").isNull()
                    ? null
                    : page.body().path("next").asText(null);
        } while (after != null);

        Answer all = pair.api().get(OBJECTS);
        List<String> streamed = new ArrayList<>();
        all.body()
                .path("objects")
                .forEach(object -> streamed.add(object.path("uid").asText()));
        assertThat(paged).isEqualTo(streamed).hasSizeGreaterThanOrEqualTo(10).isSorted();
    }

    @Test
    @Order(4)
    void serverTestPassesOnAConsistentPair() {
        CommandResult passing = serverTest();
        assertThat(passing.exitCode()).as(passing.output()).isZero();
        assertThat(passing.output())
                .contains("OK: the pair is up and consistent.")
                .contains("public keys checked");
    }

    @Test
    @Order(5)
    void serverTestFailsWhenAKeyIsMissingOnOneSideAndKeyDeleteRemovesThePartialKey() {
        Answer created = pair.api().post(OBJECTS, spec("partial", "AES-256"));
        String uid = created.body().path("uid").asText();
        assertThat(partnerDatabase.update(
                        "DELETE FROM objects WHERE uid = ?",
                        ObjectUid.parse(uid).value()))
                .isEqualTo(1);

        CommandResult failing = serverTest();
        assertThat(failing.exitCode()).as(failing.output()).isEqualTo(1);
        assertThat(failing.output()).contains(uid).contains("exists only in EP");

        CommandResult deleted = pair.ep().run(withPassword("key", "delete", uid));
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.output()).contains("EP only");
        assertThat(serverTest().exitCode()).isZero();
    }

    @Test
    @Order(6)
    void deletesFromBothNodes() {
        Answer created = pair.api().post(OBJECTS, spec("short-lived", "HMAC-SHA256"));
        String uid = created.body().path("uid").asText();

        Answer deleted = pair.api().delete(OBJECTS + "/" + uid);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.body().path("removedFrom").asText()).isEqualTo("EP and Partner");
        assertThat(pair.api().get(OBJECTS + "/" + uid).status()).isEqualTo(404);
        assertThat(partnerDatabase.count("uid = ?", ObjectUid.parse(uid).value()))
                .isZero();
    }

    @Test
    @Order(7)
    void cliCreatesListsAndExportsKeys() throws Exception {
        CommandResult created =
                pair.ep().run(withPassword("key", "create", "-n", "from the cli", "-t", "AES-128", "--extractable"));
        assertThat(created.exitCode()).as(created.output()).isZero();
        CommandResult listed = pair.ep().run(withPassword("key", "list"));
        assertThat(listed.output()).contains("from the cli");
        var out = pair.root().resolve("exported.bin");
        CommandResult exported = pair.ep().run(withPassword("key", "export", "from the cli", "--out", out.toString()));
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        assertThat(Files.size(out)).isEqualTo(16);
    }

    @Test
    @Order(8)
    void stopsGracefullyOnSigtermAndServesAgainAfterARestart() {
        CommandResult stopped = pair.ep()
                .run("server", "stop", "--data-dir", pair.ep().dataDir().toString());
        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(pair.ep().log()).contains("node stopped role=EP");
        assertThat(Files.exists(pair.ep().dataDir().resolve("symbolon.pid"))).isFalse();
        pair.ep().stop();

        pair.ep().start();
        assertThat(serverTest().exitCode()).isZero();
    }

    private static CommandResult serverTest() {
        return pair.ep().run(withPassword("server", "test"));
    }

    static String[] withPassword(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(
                "--data-dir", pair.ep().dataDir().toString(),
                "--password-file", pair.root().resolve("root-password").toString()));
        return all.toArray(String[]::new);
    }
}
