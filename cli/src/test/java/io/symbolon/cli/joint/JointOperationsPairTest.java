package io.symbolon.cli.joint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symbolon.server.Json;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.joint.JointMessages;
import io.symbolon.server.pair.PairTls;
import io.symbolon.server.refresh.KillPoint;
import io.symbolon.server.replay.MessageStamp;
import io.symbolon.server.replay.PairChannel;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.CommandResult;
import io.symbolon.server.testing.PairHarness;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.MachineSealer;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.seal.SystemKeyFile;
import io.symbolon.vault.share.JointEd25519;
import io.symbolon.vault.share.NonceShare;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Joint Ed25519 signatures and P-256 ECDH by a real pair: REST, CLI, usage rules, faults, replays. */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JointOperationsPairTest {
    private static final String OBJECTS = "/api/v1/partitions/root/objects";
    private static final byte[] MESSAGE = "transfer 10 to bob".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    private static PairHarness pair;

    @BeforeAll
    static void bootAndStart() {
        pair = PairHarness.boot(PairHarness.Options.sqlite()).start();
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static Answer create(String name, String type, List<String> usages) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("name", name);
        spec.put("type", type);
        spec.put("usages", usages);
        Answer created = pair.api().post(OBJECTS, spec);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created;
    }

    private static Answer sign(String key, byte[] message) {
        return pair.api()
                .post(
                        OBJECTS + "/" + key + "/sign",
                        Map.of("message", Base64.getEncoder().encodeToString(message)));
    }

    private static boolean verifies(String publicData, byte[] message, byte[] signature) throws Exception {
        byte[] raw = Base64.getDecoder().decode(publicData);
        byte[] spki = new byte[ED25519_SPKI.length + 32];
        System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI.length, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static String[] withPassword(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(
                "--data-dir", pair.ep().dataDir().toString(),
                "--password-file", pair.root().resolve("root-password").toString()));
        return all.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void aJointSignatureVerifiesWithTheJdkAgainstTheKeysPublicKeyThroughRestAndCli() throws Exception {
        String publicData = create("signer", "Ed25519", List.of("SIGN"))
                .body()
                .path("publicData")
                .asText();
        Answer signed = sign("signer", MESSAGE);
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        assertThat(signed.body().path("algorithm").asText()).isEqualTo("Ed25519");
        byte[] signature =
                Base64.getDecoder().decode(signed.body().path("signature").asText());
        assertThat(verifies(publicData, MESSAGE, signature)).isTrue();

        CommandResult cli = pair.ep().run(withPassword("key", "sign", "signer", "--message", "from the cli"));
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        byte[] cliSignature =
                Base64.getDecoder().decode(cli.output().strip().lines().toList().getLast());
        assertThat(verifies(publicData, "from the cli".getBytes(StandardCharsets.UTF_8), cliSignature))
                .isTrue();
    }

    @Test
    @Order(2)
    void aJointEcdhEqualsAnEcdhWithTheWholeKeyThroughRestAndCli() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ours = generator.generateKeyPair();
        KeyPair peer = generator.generateKeyPair();
        Map<String, Object> spec = new HashMap<>();
        spec.put("name", "agreer");
        spec.put("type", "EC-P256");
        spec.put("usages", List.of("DERIVE"));
        spec.put("material", Base64.getEncoder().encodeToString(fixed(((ECPrivateKey) ours.getPrivate()).getS())));
        Answer imported = pair.api().post(OBJECTS + "/import", spec);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        KeyAgreement local = KeyAgreement.getInstance("ECDH");
        local.init(ours.getPrivate());
        local.doPhase(peer.getPublic(), true);
        byte[] expected = local.generateSecret();

        Answer derived = pair.api()
                .post(
                        OBJECTS + "/agreer/derive",
                        Map.of(
                                "publicKey",
                                Base64.getEncoder()
                                        .encodeToString(peer.getPublic().getEncoded())));
        assertThat(derived.status()).as(derived.text()).isEqualTo(200);
        assertThat(derived.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(Base64.getDecoder().decode(derived.body().path("secret").asText()))
                .isEqualTo(expected);

        Path pem = pair.root().resolve("peer.pem");
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(peer.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        Path out = pair.root().resolve("shared.bin");
        CommandResult cli = pair.ep()
                .run(withPassword("key", "derive", "agreer", "--peer-key", pem.toString(), "--out", out.toString()));
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void aKeyWithoutTheUsageOfAnotherTypeOrDeletedIsRefusedWithAClearError() {
        create("verify-only", "Ed25519", List.of("VERIFY"));
        Answer noUsage = sign("verify-only", MESSAGE);
        assertThat(noUsage.status()).isEqualTo(403);
        assertThat(noUsage.errorCode()).isEqualTo("forbidden");
        assertThat(noUsage.errorMessage()).contains("may not sign").contains("--usage SIGN");

        create("aes", "AES-256", List.of("SIGN", "DERIVE"));
        Answer wrongType = sign("aes", MESSAGE);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorMessage()).contains("is AES-256: only Ed25519 keys sign");
        Answer wrongDerive = pair.api()
                .post(
                        OBJECTS + "/signer/derive",
                        Map.of("publicKey", Base64.getEncoder().encodeToString(new byte[65])));
        assertThat(wrongDerive.status()).isEqualTo(400);
        assertThat(wrongDerive.errorMessage()).contains("only EC-P256 keys derive");

        String uid = create("short-lived", "Ed25519", List.of("SIGN"))
                .body()
                .path("uid")
                .asText();
        assertThat(pair.api().delete(OBJECTS + "/" + uid).status()).isEqualTo(200);
        Answer deleted = sign(uid, MESSAGE);
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.errorCode()).isEqualTo("not-found");

        CommandResult cli = pair.ep().run(withPassword("key", "sign", "verify-only", "--message", "x"));
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.output()).contains("may not sign");
    }

    @Test
    @Order(4)
    void aPartnerDyingInTheMiddleOfASignatureGives503AndTheRetrySignsWithFreshNonces() throws Exception {
        String publicData =
                pair.api().get(OBJECTS + "/signer").body().path("publicData").asText();
        pair.partner().stop();
        pair.partner().start(Map.of(KillPoint.VARIABLE, "partner.sign-reveal"));

        Answer interrupted = sign("signer", MESSAGE);
        assertThat(interrupted.status()).as(interrupted.text()).isEqualTo(503);
        assertThat(interrupted.errorCode()).isEqualTo("peer-unavailable");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !pair.partner().process().isAlive());
        assertThat(pair.partner().log()).contains("kill point reached point=partner.sign-reveal");
        pair.partner().kill();
        pair.partner().start();

        Answer first = sign("signer", MESSAGE);
        Answer second = sign("signer", MESSAGE);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        byte[] a = Base64.getDecoder().decode(first.body().path("signature").asText());
        byte[] b = Base64.getDecoder().decode(second.body().path("signature").asText());
        assertThat(verifies(publicData, MESSAGE, a)).isTrue();
        assertThat(verifies(publicData, MESSAGE, b)).isTrue();
        // The same message signed twice: different R, so different nonces (RFC 8032's would be equal).
        assertThat(HexFormat.of().formatHex(a, 0, 32))
                .isNotEqualTo(HexFormat.of().formatHex(b, 0, 32));
    }

    @Test
    @Order(5)
    void thePartnerRefusesAReplayedCommitOrRevealAndAnAlteredReveal() throws Exception {
        Answer key = pair.api().get(OBJECTS + "/signer");
        String uid = key.body().path("uid").asText();
        long epoch = key.body().path("epoch").asLong();
        SecureRandom random = new SecureRandom();
        try (SystemKey systemKey = SystemKeyFile.open(
                pair.ep().dataDir(), new MachineSealer(pair.ep().machineSecret(), random), random)) {
            // What EP would send, sent by the test with EP's own identity (root on EP's machine could).
            DataDirectory epDirectory = new DataDirectory(pair.ep().dataDir());
            PairChannel channel = new PairChannel(
                    PairTls.pairContext(
                            NodeIdentity.load(epDirectory, systemKey),
                            NodeIdentity.readCertificate(epDirectory.peerCertificate()),
                            random),
                    "127.0.0.1",
                    pair.pairPort());
            byte[] session = new byte[16];
            random.nextBytes(session);
            try (NonceShare nonce = NonceShare.draw(random);
                    NonceShare other = NonceShare.draw(random)) {
                byte[] commit = Json.write(new JointMessages.SignCommit(
                        MessageStamp.fresh(random, java.time.Clock.systemUTC()),
                        HexFormat.of().formatHex(session),
                        uid,
                        epoch,
                        Base64.getEncoder().encodeToString(MESSAGE),
                        Base64.getEncoder()
                                .encodeToString(JointEd25519.commitment(session, Role.EP, nonce.publicNonce()))));
                HttpResponse<byte[]> committed = channel.postRaw("/joint/sign/commit", commit);
                assertThat(committed.statusCode())
                        .as(new String(committed.body()))
                        .isEqualTo(200);
                HttpResponse<byte[]> replayedCommit = channel.postRaw("/joint/sign/commit", commit);
                assertThat(replayedCommit.statusCode()).isEqualTo(403);
                assertThat(new String(replayedCommit.body(), StandardCharsets.UTF_8))
                        .contains("a replay");

                byte[] altered = reveal(random, session, other.publicNonce());
                HttpResponse<byte[]> refused = channel.postRaw("/joint/sign/reveal", altered);
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(new String(refused.body(), StandardCharsets.UTF_8))
                        .contains("does not match its commitment");

                random.nextBytes(session);
                byte[] secondCommit = Json.write(new JointMessages.SignCommit(
                        MessageStamp.fresh(random, java.time.Clock.systemUTC()),
                        HexFormat.of().formatHex(session),
                        uid,
                        epoch,
                        Base64.getEncoder().encodeToString(MESSAGE),
                        Base64.getEncoder()
                                .encodeToString(JointEd25519.commitment(session, Role.EP, nonce.publicNonce()))));
                assertThat(channel.postRaw("/joint/sign/commit", secondCommit).statusCode())
                        .isEqualTo(200);
                byte[] genuine = reveal(random, session, nonce.publicNonce());
                HttpResponse<byte[]> revealed = channel.postRaw("/joint/sign/reveal", genuine);
                assertThat(revealed.statusCode())
                        .as(new String(revealed.body()))
                        .isEqualTo(200);
                HttpResponse<byte[]> replayedReveal = channel.postRaw("/joint/sign/reveal", genuine);
                assertThat(replayedReveal.statusCode()).isEqualTo(403);
                assertThat(new String(replayedReveal.body(), StandardCharsets.UTF_8))
                        .contains("a replay");
            }
        }
        assertThat(pair.partner().log()).contains("pair message refused as a replay kind=sign reveal");
    }

    private static byte[] reveal(SecureRandom random, byte[] session, byte[] nonce) {
        return Json.write(new JointMessages.SignReveal(
                MessageStamp.fresh(random, java.time.Clock.systemUTC()),
                HexFormat.of().formatHex(session),
                Base64.getEncoder().encodeToString(nonce),
                Base64.getEncoder().encodeToString(MESSAGE)));
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }
}
