package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.digest.DigestDiff;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivePairTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");

    @TempDir
    Path directory;

    private final NodeSigner ep = TestSigners.ed25519("ep1");
    private final NodeSigner partner = TestSigners.ed25519("partner1");
    private final X25519Identity epKey = X25519Identity.generate();
    private final X25519Identity partnerKey = X25519Identity.generate();

    private Path write(
            String folder, String role, NodeSigner signer, X25519Identity key, int count, int skip, long epoch)
            throws Exception {
        Path dir = Files.createDirectories(directory.resolve(folder));
        try (ArchiveWriter writer = ArchiveWriter.create(
                dir,
                new ArchiveDescription(
                        "symbolon test",
                        role,
                        "pair-0001",
                        "node-" + role,
                        List.of("EP : ep1", "Partner : partner1"),
                        epoch,
                        CREATED),
                List.of(key.recipient()),
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

    @Test
    void matchingHalvesOfAPairVerifyTogether() throws Exception {
        Path a = write("ep", "EP", ep, epKey, 500, -1, 7);
        Path b = write("partner", "PARTNER", partner, partnerKey, 500, -1, 7);

        ArchivePair.Result result = ArchivePair.compare(
                a, Trust.certificate(ep.certificate()), b, Trust.certificate(partner.certificate()));

        assertThat(result.matches()).isTrue();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void reportsAnObjectMissingOnEpInTheSeedsWords() throws Exception {
        Path a = write("ep", "EP", ep, epKey, 100, 3, 7);
        Path b = write("partner", "PARTNER", partner, partnerKey, 100, -1, 7);

        ArchivePair.Result result = ArchivePair.compare(a, Trust.anySigner(), b, Trust.anySigner());

        assertThat(result.matches()).isFalse();
        DigestDiff.SectionDiff section = result.digestDiff().diffRecords().getFirst();
        assertThat(section.sectionDiff())
                .isEqualTo("Mismatch in KEY count. EP digest count : 76, Partner digest count : 77");
        assertThat(section.entriesDiff()).singleElement().satisfies(entry -> {
            assertThat(entry.digestSource()).isEqualTo("Partner");
            assertThat(entry.detail()).isEqualTo("exists only in Partner");
            assertThat(entry.uid()).isEqualTo(SampleArchives.entry(3).uid());
            assertThat(entry.partitionName()).isEqualTo("part3");
        });
    }

    @Test
    void halvesTakenAcrossARefreshCannotBeRestoredTogether() throws Exception {
        Path a = write("ep", "EP", ep, epKey, 10, -1, 7);
        Path b = write("partner", "PARTNER", partner, partnerKey, 10, -1, 8);

        ArchivePair.Result result = ArchivePair.compare(a, Trust.anySigner(), b, Trust.anySigner());

        assertThat(result.problems())
                .singleElement()
                .asString()
                .contains(
                        "taken across a key refresh (epochs 7 and 8) and cannot be restored together; take both again within the refresh interval");
    }

    @Test
    void warnsWhenBothHalvesShareARecipient() throws Exception {
        Path a = write("ep", "EP", ep, epKey, 10, -1, 7);
        Path b = write("partner", "PARTNER", partner, epKey, 10, -1, 7);

        ArchivePair.Result result = ArchivePair.compare(
                a, Trust.certificate(ep.certificate()), b, Trust.certificate(partner.certificate()));

        assertThat(result.warnings()).singleElement().asString().contains("one stolen private key would open both");
    }

    @Test
    void nodeLocalSectionsAreNotCompared() throws Exception {
        Path a;
        try (ArchiveWriter writer = ArchiveWriter.create(
                Files.createDirectories(directory.resolve("ep")),
                new ArchiveDescription("symbolon test", "EP", "pair-0001", "node-EP", List.of(), 7, CREATED),
                List.of(epKey.recipient()),
                ep,
                WriteOptions.defaults())) {
            for (int i = 0; i < 10; i++) {
                writer.add(SampleArchives.entry(i), SampleArchives.record(i));
            }
            writer.add(
                    new io.symbolon.archive.digest.DigestEntry(
                            "LOCAL_USER", "user", "u-0001", 1, 0, "ab".repeat(32), "part0", "alice"),
                    new byte[] {1});
            a = writer.finish().path();
        }
        Path b = write("partner", "PARTNER", partner, partnerKey, 10, -1, 7);

        ArchivePair.Result result = ArchivePair.compare(a, Trust.anySigner(), b, Trust.anySigner());

        assertThat(result.digestDiff().isEmpty()).isTrue();
        assertThat(result.first().digest().counts()).containsEntry("LOCAL_USER", 1L);
    }

    @Test
    void twoArchivesOfTheSameRoleAreNotAPair() throws Exception {
        Path a = write("ep", "EP", ep, epKey, 10, -1, 7);
        Path b = write("ep2", "EP", ep, epKey, 10, -1, 7);

        assertThat(ArchivePair.compare(a, Trust.anySigner(), b, Trust.anySigner())
                        .problems())
                .anySatisfy(p -> assertThat(p).contains("both archives come from a EP node"));
    }
}
