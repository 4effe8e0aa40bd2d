package io.symbolon.cli.archive;

import static io.symbolon.cli.archive.SampleBackup.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.archive.testing.ArchiveSurgeon;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive inspect}: what an archive says about itself, read without any key. */
class InspectCommandTest {
    @TempDir
    Path work;

    @Test
    void inspectShowsMetadataRecipientsDigestSignerAndStatus() {
        Result result = symbolon("archive", "inspect", ARCHIVE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("intact, signer not pinned")
                .contains("EP node node-ep of pair pair-0001, epoch 7, taken 2026-11-23T03:27:16Z")
                .contains("ssh-rsa " + BACKUP_KEY_FINGERPRINT)
                .contains(OBJECTS + " objects")
                .contains(KeyFingerprint.of(NODE.certificate().getPublicKey()) + " (CN=node-ep)")
                .contains("none (never re-keyed)");
    }

    @Test
    void inspectJsonCarriesTheSameFacts() throws Exception {
        Result result = symbolon("archive", "inspect", "--json", ARCHIVE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("status").asText()).isEqualTo("intact, signer not pinned");
        assertThat(json.has("problem")).isFalse();
        assertThat(json.at("/metadata/role").asText()).isEqualTo("EP");
        assertThat(json.at("/metadata/epoch").asLong()).isEqualTo(7);
        assertThat(json.at("/recipients/0/kind").asText()).isEqualTo("ssh-rsa");
        assertThat(json.at("/recipients/0/fingerprint").asText()).isEqualTo(BACKUP_KEY_FINGERPRINT);
        assertThat(json.at("/stanzas/0").asText()).isEqualTo("ssh-rsa");
        assertThat(json.at("/digest/total").asLong()).isEqualTo(OBJECTS);
        assertThat(json.at("/digest/root").asText()).startsWith("sha256:");
        assertThat(json.get("signer").asText())
                .isEqualTo(KeyFingerprint.of(NODE.certificate().getPublicKey()));
        assertThat(json.get("rekeys")).isEmpty();
    }

    @Test
    void inspectReportsDamageButStillShowsTheArchive() throws Exception {
        Path other = SampleArchives.write(
                        Files.createDirectories(work.resolve("other")),
                        "EP",
                        CREATED,
                        OBJECTS + 1,
                        List.of(X25519Identity.generate().recipient()),
                        NODE)
                .path();
        Path damaged = ArchiveSurgeon.write(
                work.resolve("mixed.tar.gz"),
                ArchiveSurgeon.replace(
                        ArchiveSurgeon.open(ARCHIVE),
                        ArchiveSurgeon.part(ArchiveSurgeon.open(other), "signature.txt")));

        Result result = symbolon("archive", "inspect", damaged.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("DAMAGED: ").contains("EP node node-ep");
    }
}
