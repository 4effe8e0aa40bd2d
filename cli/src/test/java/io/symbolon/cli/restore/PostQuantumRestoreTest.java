package io.symbolon.cli.restore;

import static io.symbolon.cli.backup.PairBackups.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.cli.backup.PairBackups;
import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.CommandResult;
import io.symbolon.server.testing.NodeProcess;
import io.symbolon.server.testing.PairHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A pair whose automatic backups are encrypted to hybrid post-quantum recipients only (a recipient file of
 * {@code age1pq1…} lines, a different key for each node), backed up through the API and restored onto new
 * machines with the {@code AGE-SECRET-KEY-PQ-1…} identity files, on real processes.
 */
@Tag("integration")
class PostQuantumRestoreTest {
    private static final String ROOT = "/api/v1/partitions/root/objects";

    @Test
    void aPairBackedUpToPostQuantumRecipientsRestoresWithTheirIdentities() {
        String file;
        JsonNode before;
        Path epIdentity;
        Path partnerIdentity;
        try (PairHarness original = PairHarness.boot(PairHarness.Options.sqlite())) {
            epIdentity = PairBackups.configurePostQuantum(original, original.ep());
            partnerIdentity = PairBackups.configurePostQuantum(original, original.partner());
            original.start();
            for (String name : List.of("aes", "hmac")) {
                Answer created = original.api().post(ROOT, spec(name, name.equals("aes") ? "AES-256" : "HMAC-SHA256"));
                assertThat(created.status()).as(created.text()).isEqualTo(201);
            }
            before = original.api().get(ROOT).body().path("objects");

            JsonNode backup = PairBackups.run(original);

            assertThat(backup.path("state").asText()).as(backup.toString()).isEqualTo("TEST_SUCCESS");
            file = backup.path("file").asText();
            for (NodeProcess node : List.of(original.ep(), original.partner())) {
                assertThat(ArchiveReader.verify(PairBackups.archive(node, file), Trust.anySigner())
                                .recipients())
                        .extracting(RecipientDescriptor::kind)
                        .containsExactly("mlkem768x25519");
            }

            PairHarness.Booting booting = PairHarness.bootWith(
                    PairHarness.Options.sqlite(),
                    restore(original.ep(), epIdentity, file),
                    restore(original.partner(), partnerIdentity, file),
                    120);
            try (PairHarness restored = booting.pair()) {
                assertThat(booting.succeeded())
                        .as(booting.ep() + "\n" + booting.partner())
                        .isTrue();
                restored.start();
                CommandResult test = restored.run(
                        restored.ep().environment(),
                        "server",
                        "test",
                        "--url",
                        "https://127.0.0.1:" + restored.apiPort(),
                        "--data-dir",
                        restored.ep().dataDir().toString(),
                        "--password-file",
                        restored.root().resolve("root-password").toString());
                assertThat(test.exitCode()).as(test.output()).isZero();
                assertThat(restored.api().get(ROOT).body().path("objects")).isEqualTo(before);
            }
        }
    }

    private static List<String> restore(NodeProcess node, Path identity, String archive) {
        return List.of(
                "-restore",
                PairBackups.archive(node, archive).toString(),
                "--identity",
                identity.toString(),
                "--signer",
                node.dataDir().resolve("node.crt").toString());
    }
}
