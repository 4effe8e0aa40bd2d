package io.symbolon.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.archive.ArchiveDescription;
import io.symbolon.archive.ArchiveWriter;
import io.symbolon.archive.WriteOptions;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup verify}: the seed's ekm_verify_backup over two archives, offline and keyless. */
class PairVerifyCommandTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    private static final NodeSigner EP = TestSigners.ed25519("ep1");
    private static final NodeSigner PARTNER = TestSigners.ed25519("partner1");
    private static final Recipient EP_KEY = X25519Identity.generate().recipient();
    private static final Recipient PARTNER_KEY = X25519Identity.generate().recipient();

    @TempDir
    Path directory;

    /** Writes one node's archive of objects 0..count-1 except {@code skip}. */
    private Path write(String role, NodeSigner signer, Recipient key, int count, int skip, long epoch)
            throws Exception {
        Path folder = Files.createDirectories(directory.resolve(role.toLowerCase() + "-" + epoch + "-" + skip));
        try (ArchiveWriter writer = ArchiveWriter.create(
                folder,
                new ArchiveDescription(
                        "symbolon test",
                        role,
                        "pair-0001",
                        "node-" + role.toLowerCase(),
                        List.of("EP : ep1", "Partner : partner1"),
                        epoch,
                        CREATED),
                List.of(key),
                signer,
                WriteOptions.defaults())) {
            for (int i = 0; i < count; i++) {
                if (i != skip) {
                    writer.add(SampleArchives.entry(i), SampleArchives.record(i));
                }
            }
            return writer.finish().path();
        }
    }

    private static String fingerprint(NodeSigner signer) {
        return KeyFingerprint.of(signer.certificate().getPublicKey());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void matchingHalvesExitZeroWithTestSuccess() throws Exception {
        Path ep = write("EP", EP, EP_KEY, 40, -1, 7);
        Path partner = write("PARTNER", PARTNER, PARTNER_KEY, 40, -1, 7);

        Result result = Cli.run(
                "backup",
                "verify",
                ep.toString(),
                partner.toString(),
                "--ep-signer",
                fingerprint(EP),
                "--partner-signer",
                fingerprint(PARTNER));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("TEST_SUCCESS")
                .contains("digests   identical: 40 objects")
                .contains("problems  none")
                .contains("warnings  none");
    }

    @Test
    void jsonOfAMatchIsTheApiStructureWithoutADigestDiff() throws Exception {
        Path ep = write("EP", EP, EP_KEY, 40, -1, 7);
        Path partner = write("PARTNER", PARTNER, PARTNER_KEY, 40, -1, 7);

        Result result = Cli.run("backup", "verify", "--json", ep.toString(), partner.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(fieldNames(json)).containsExactly("state", "files", "pairHostnames", "problems", "warnings");
        assertThat(json.get("state").asText()).isEqualTo("TEST_SUCCESS");
        assertThat(json.get("files").get(0).asText()).isEqualTo(ep.toString());
        assertThat(json.get("pairHostnames").toString()).isEqualTo("[\"EP : ep1\",\"Partner : partner1\"]");
        assertThat(json.get("warnings").get(0).asText()).contains("signers not pinned");
    }

    @Test
    void differingHalvesExitOneWithTheSeedsDigestDiff() throws Exception {
        Path ep = write("EP", EP, EP_KEY, 100, 3, 7);
        Path partner = write("PARTNER", PARTNER, PARTNER_KEY, 100, -1, 7);

        Result text = Cli.run("backup", "verify", ep.toString(), partner.toString());
        Result json = Cli.run("backup", "verify", "--json", ep.toString(), partner.toString());

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
        assertThat(text.out())
                .contains("Mismatch in KEY count. EP digest count : 76, Partner digest count : 77")
                .contains(SampleArchives.entry(3).uid())
                .contains("exists only in Partner")
                .contains("TEST_FAILED");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(fieldNames(result))
                .containsExactly("state", "files", "pairHostnames", "problems", "warnings", "digestDiff");
        assertThat(result.get("state").asText()).isEqualTo("TEST_FAILED");
        assertThat(fieldNames(result.get("digestDiff"))).containsExactly("diffRecords");
        JsonNode record = result.at("/digestDiff/diffRecords/0");
        assertThat(fieldNames(record)).containsExactly("sectionDiff", "entriesDiff");
        assertThat(record.get("sectionDiff").asText())
                .isEqualTo("Mismatch in KEY count. EP digest count : 76, Partner digest count : 77");
        JsonNode entry = record.at("/entriesDiff/0");
        assertThat(fieldNames(entry))
                .containsExactly("objectType", "digestSource", "uid", "name", "partitionName", "version", "detail");
        assertThat(entry.get("objectType").asText()).isEqualTo("KEY");
        assertThat(entry.get("digestSource").asText()).isEqualTo("Partner");
        assertThat(entry.get("uid").asText()).isEqualTo(SampleArchives.entry(3).uid());
        assertThat(entry.get("name").asText()).isEqualTo("object 3");
        assertThat(entry.get("partitionName").asText()).isEqualTo("part3");
        assertThat(entry.get("version").asText())
                .isEqualTo(String.valueOf(SampleArchives.entry(3).version()));
        assertThat(entry.get("detail").asText()).isEqualTo("exists only in Partner");
    }

    @Test
    void twoArchivesOfTheSameRoleAreAProblem() throws Exception {
        Path one = write("EP", EP, EP_KEY, 20, -1, 7);
        Path two = write("EP", EP, EP_KEY, 20, 5, 7);

        Result result = Cli.run("backup", "verify", one.toString(), two.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("both archives come from a EP node").contains("TEST_FAILED");
    }

    @Test
    void archivesFromDifferentEpochsSayWhatToDo() throws Exception {
        Path ep = write("EP", EP, EP_KEY, 20, -1, 7);
        Path partner = write("PARTNER", PARTNER, PARTNER_KEY, 20, -1, 8);

        Result result = Cli.run("backup", "verify", "--json", ep.toString(), partner.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("state").asText()).isEqualTo("TEST_FAILED");
        assertThat(json.get("problems").get(0).asText())
                .contains("taken across a key refresh")
                .contains("take both again within the refresh interval");
        assertThat(json.has("digestDiff")).isFalse();
    }

    @Test
    void bothHalvesEncryptedToTheSameRecipientIsAWarning() throws Exception {
        Path ep = write("EP", EP, EP_KEY, 20, -1, 7);
        Path partner = write("PARTNER", PARTNER, EP_KEY, 20, -1, 7);

        Result result = Cli.run(
                "backup",
                "verify",
                ep.toString(),
                partner.toString(),
                "--ep-signer",
                fingerprint(EP),
                "--partner-signer",
                fingerprint(PARTNER));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("both halves are encrypted to the same recipient " + EP_KEY.fingerprint());
    }

    @Test
    void anArchiveSignedByAnotherNodeThanPinnedIsRefused() throws Exception {
        Path ep = write("EP", EP, EP_KEY, 20, -1, 7);
        Path partner = write("PARTNER", PARTNER, PARTNER_KEY, 20, -1, 7);

        Result result =
                Cli.run("backup", "verify", ep.toString(), partner.toString(), "--partner-signer", fingerprint(EP));

        assertThat(result.exitCode()).isEqualTo(ErrorCode.UNTRUSTED_SIGNER.exitCode());
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("[untrusted-signer]");
    }

    @Test
    void aMissingArchiveIsReported() throws Exception {
        Path ep = write("EP", EP, EP_KEY, 20, -1, 7);

        Result result = Cli.run(
                "backup",
                "verify",
                ep.toString(),
                directory.resolve("gone.tar.gz").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
    }
}
