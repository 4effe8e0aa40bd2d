package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contribution files: they round-trip, and any change to any line is refused, naming the file. */
class ContributionTest {
    @TempDir
    Path directory;

    private final Team team = Team.of("finance", 3, 2);
    private final Session session = Session.start(Instant.now(), Duration.ofHours(1));
    private Path archive;
    private List<Contribution> contributions;

    @BeforeEach
    void ceremony() {
        archive = SampleArchives.write(
                        directory,
                        "EP",
                        Instant.parse("2026-11-23T03:27:16Z"),
                        10,
                        List.of(X25519Identity.generate().recipient(), team.recipient()),
                        TestSigners.ed25519("ep1"))
                .path();
        contributions = team.contributions(archive, session);
    }

    @AfterEach
    void end() {
        session.close();
    }

    @Test
    void aContributionFileRoundTrips() {
        Path file = directory.resolve("c1.contribution");
        contributions.getFirst().write(file);
        Contribution loaded = Contribution.load(file);
        assertThat(loaded.encode()).isEqualTo(contributions.getFirst().encode());
        assertThat(loaded.source()).isEqualTo(file.toString());
        assertThat(loaded.archiveName()).isEqualTo("database_2026-11-23-03-27-16.tar.gz");
        assertThat(new String(loaded.encode(), StandardCharsets.US_ASCII))
                .startsWith("format: symbolon-custodian-contribution/1\nset: "
                        + team.set().fingerprint() + "\n");
        assertThatThrownBy(() -> contributions.getFirst().write(file))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    /**
     * Every line's value changed by one character: the file is refused as malformed, or opens but is
     * refused by the identity, naming the file — never used.
     */
    @Test
    void aChangeToAnyLineIsRefusedNamingTheContribution() throws Exception {
        byte[] original = contributions.getFirst().encode();
        String text = new String(original, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int position = line.length() - 2;
            char replacement = line.charAt(position) == 'A' ? 'B' : 'A';
            String[] changed = lines.clone();
            changed[i] = line.substring(0, position) + replacement + line.substring(position + 1);
            Path file = directory.resolve("changed-line-" + (i + 1));
            Files.writeString(file, String.join("\n", changed) + "\n", StandardCharsets.US_ASCII);
            SymbolonException refused = refusal(file);
            assertThat(refused)
                    .as("line %d: %s", i + 1, line.substring(0, Math.min(line.length(), 30)))
                    .isNotNull();
            assertThat(refused.getMessage()).as("line %d", i + 1).contains(file.toString());
            assertThat(refused.errorCode())
                    .as("line %d", i + 1)
                    .isIn(ErrorCode.CUSTODIAN_INVALID, ErrorCode.UNSUPPORTED_VERSION);
        }
    }

    @Test
    void aTruncatedOrForeignFileIsRefused() throws Exception {
        byte[] original = contributions.getFirst().encode();
        Path truncated = directory.resolve("truncated");
        Files.write(truncated, java.util.Arrays.copyOf(original, original.length / 2));
        assertThat(refusal(truncated)).hasMessageContaining("contribution " + truncated);
        Path foreign = directory.resolve("foreign");
        Files.writeString(foreign, "hello\n");
        assertThat(refusal(foreign)).hasMessageContaining("contribution " + foreign);
    }

    /** The refusal a contribution file meets between loading and opening the archive, or null. */
    private SymbolonException refusal(Path file) {
        try {
            Contribution loaded = Contribution.load(file);
            try (CustodianIdentity identity =
                    CustodianIdentity.open(session, List.of(loaded, contributions.get(1)), List.of())) {
                ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity));
                return null;
            }
        } catch (SymbolonException e) {
            return e;
        }
    }

    @Test
    void theStatusOfACeremonyListsWhoContributed() {
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        try (CustodianIdentity identity =
                CustodianIdentity.open(session, List.of(contributions.get(2)), opened.sets())) {
            CustodianStatus status = identity.status(opened.header().stanzas());
            assertThat(status.ready()).isFalse();
            assertThat(status.describe())
                    .isEqualTo("custodian set finance (" + team.set().fingerprint() + ") needs 2 of its 3 custodians;"
                            + " 1 valid contribution (carol (3)); 1 more needed, from any of: alice (1), bob (2)");
        }
        try (CustodianIdentity identity = CustodianIdentity.open(session, List.of(), opened.sets())) {
            assertThat(identity.status(opened.header().stanzas()).describe())
                    .contains("0 valid contributions; 2 more needed, from any of: alice (1), bob (2), carol (3)");
        }
        List<Contribution> two = new ArrayList<>(contributions.subList(0, 2));
        try (CustodianIdentity identity = CustodianIdentity.open(session, two, List.of())) {
            assertThat(identity.status(opened.header().stanzas()).ready()).isTrue();
        }
    }
}
