package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Stanza;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ceremony on archives: every k of N contributions open them, fewer do not, foreign ones are named. */
class CustodianCeremonyTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");

    @TempDir
    Path directory;

    private final NodeSigner node = TestSigners.ed25519("ep1");
    private final X25519Identity admin = X25519Identity.generate();
    private final Session session = Session.start(Instant.now(), Duration.ofHours(1));

    @AfterEach
    void endSession() {
        session.close();
    }

    private Path archive(Path in, Instant created, Team team) {
        try {
            Files.createDirectories(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        WrittenArchive written =
                SampleArchives.write(in, "EP", created, 20, List.of(admin.recipient(), team.recipient()), node);
        return written.path();
    }

    static Stream<Arguments> sets() {
        List<Arguments> sets = new ArrayList<>();
        for (int total = 2; total <= 5; total++) {
            for (int threshold = 2; threshold <= total; threshold++) {
                sets.add(Arguments.of(total, threshold));
            }
        }
        return sets.stream();
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("sets")
    void everyThresholdSubsetOpensTheArchiveAndEverySmallerOneAsksForMore(int total, int threshold) {
        Team team = Team.of("finance", total, threshold);
        Path archive = archive(directory, CREATED, team);
        List<Contribution> all = team.contributions(archive, session);

        for (List<Contribution> subset : SecretSharingTest.subsets(all, threshold)) {
            try (CustodianIdentity identity = CustodianIdentity.open(session, subset, List.of())) {
                Verification verification = ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity));
                assertThat(verification.contentVerified()).as(numbers(subset)).isTrue();
            }
        }
        for (List<Contribution> subset : SecretSharingTest.subsets(all, threshold - 1)) {
            try (CustodianIdentity identity = CustodianIdentity.open(session, subset, List.of())) {
                assertThatThrownBy(() -> ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity)))
                        .as(numbers(subset))
                        .isInstanceOf(SymbolonException.class)
                        .hasMessageContaining("not enough custodians")
                        .hasMessageContaining((threshold - subset.size()) + " more needed")
                        .hasMessageContaining(missingNames(team, subset))
                        .extracting(e -> ((SymbolonException) e).errorCode())
                        .isEqualTo(ErrorCode.CUSTODIAN_SHORT);
            }
        }
    }

    @Test
    void theMessageSaysHowManyMoreAndFromWhom() {
        Team team = Team.of("finance", 5, 3);
        Path archive = archive(directory, CREATED, team);
        List<Contribution> all = team.contributions(archive, session);
        try (CustodianIdentity identity = CustodianIdentity.open(session, List.of(all.get(1)), List.of())) {
            assertThatThrownBy(() -> ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity)))
                    .hasMessageContaining("custodian set finance (" + team.set().fingerprint() + ") needs 3 of its 5"
                            + " custodians; 1 valid contribution (bob (2)); 2 more needed, from any of: alice (1),"
                            + " carol (3), dave (4), eve (5)");
        }
    }

    @Test
    void anAllOfNSetWithOneMissingContributionFailsCleanly() {
        Team team = Team.of("vault", 3, 3);
        Path archive = archive(directory, CREATED, team);
        List<Contribution> all = team.contributions(archive, session);
        try (CustodianIdentity identity = CustodianIdentity.open(session, all.subList(0, 2), List.of())) {
            assertThatThrownBy(() -> ArchiveReader.decrypt(
                            archive, Trust.anySigner(), List.of(identity), directory.resolve("out")))
                    .isInstanceOf(SymbolonException.class)
                    .hasMessageContaining("needs all 3 of its custodians; 2 valid contributions (alice (1), bob (2));"
                            + " 1 more needed, from carol (3)");
        }
        assertThat(directory.resolve("out")).doesNotExist();
    }

    @Test
    void anAllOfNHeaderWithOneComponentRemovedIsRefusedAsMalformed() {
        Team team = Team.of("vault", 3, 3);
        Path archive = archive(directory, CREATED, team);
        List<Contribution> all = team.contributions(archive, session);
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        List<Stanza> stanzas = new ArrayList<>(opened.header().stanzas());
        stanzas.removeIf(s ->
                s.type().equals(ComponentStanza.TYPE) && s.arguments().get(3).equals("2"));
        try (CustodianIdentity identity = CustodianIdentity.open(session, all, List.of())) {
            assertThatThrownBy(() -> identity.unwrap(stanzas))
                    .isInstanceOf(AgeException.class)
                    .hasMessageContaining("lacks the component of custodian 2 of 3");
        }
    }

    @Test
    void aContributionFromAnotherBackupIsNamedAndRefused() {
        Team team = Team.of("finance", 3, 2);
        Path mine = archive(directory.resolve("a"), CREATED, team);
        Path other = archive(directory.resolve("b"), CREATED.plusSeconds(86_400), team);
        Contribution foreign = team.contributions(other, session).getFirst();
        List<Contribution> ours = team.contributions(mine, session);

        try (CustodianIdentity identity =
                CustodianIdentity.open(session, List.of(foreign, ours.get(1), ours.get(2)), List.of())) {
            assertThatThrownBy(() -> ArchiveReader.verify(mine, Trust.anySigner(), List.of(identity)))
                    .isInstanceOf(SymbolonException.class)
                    .hasMessageContaining("contribution c1.contribution (alice (1) of set finance) belongs to another"
                            + " backup: it was made for database_2026-11-24-03-27-16.tar.gz")
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.CUSTODIAN_INVALID);
            assertThat(identity.status(CustodianArchive.open(mine, Trust.anySigner(), Progress.none())
                                    .header()
                                    .stanzas())
                            .splits()
                            .getFirst()
                            .contributed())
                    .containsExactly(2, 3);
        }
    }

    @Test
    void aContributionForASetTheArchiveIsNotEncryptedToIsNamed() {
        Team team = Team.of("finance", 3, 2);
        Team strangers = Team.of("strangers", 2, 2);
        Path mine = archive(directory.resolve("a"), CREATED, team);
        Path theirs = archive(directory.resolve("b"), CREATED.plusSeconds(60), strangers);
        Contribution stranger = strangers.contributions(theirs, session).getFirst();
        List<Contribution> ours = team.contributions(mine, session);
        try (CustodianIdentity identity =
                CustodianIdentity.open(session, List.of(ours.get(0), ours.get(1), stranger), List.of())) {
            assertThatThrownBy(() -> ArchiveReader.verify(mine, Trust.anySigner(), List.of(identity)))
                    .hasMessageContaining("(alice (1) of set strangers) belongs to another backup")
                    .hasMessageContaining("this archive is not encrypted to set "
                            + strangers.set().fingerprint());
        }
    }

    @Test
    void aRepeatedContributionIsNamed() {
        Team team = Team.of("finance", 3, 2);
        Path archive = archive(directory, CREATED, team);
        List<Contribution> all = team.contributions(archive, session);
        Contribution again = Contribution.decode(all.get(0).encode(), "copy-of-c1");
        try (CustodianIdentity identity =
                CustodianIdentity.open(session, List.of(all.get(0), again, all.get(2)), List.of())) {
            assertThatThrownBy(() -> ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity)))
                    .hasMessageContaining("copy-of-c1 (alice (1) of set finance) repeats the contribution of alice (1)"
                            + " (also given as c1.contribution)");
        }
    }

    @Test
    void aContributionSealedToAnotherSessionIsNamed() {
        Team team = Team.of("finance", 3, 2);
        Path archive = archive(directory, CREATED, team);
        List<Contribution> all = team.contributions(archive, session);
        try (Session other = Session.start(Instant.now(), Duration.ofHours(1))) {
            Contribution elsewhere =
                    team.contribution(CustodianArchive.open(archive, Trust.anySigner(), Progress.none()), 3, other);
            try (CustodianIdentity identity =
                    CustodianIdentity.open(session, List.of(all.get(0), elsewhere), List.of())) {
                assertThatThrownBy(() -> ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity)))
                        .hasMessageContaining("c3.contribution (carol (3) of set finance) is sealed to session "
                                + other.recipient().encoded() + ", not to this session");
            }
        }
    }

    @Test
    void anArchiveWithPlainRecipientsStillOpensWithThem() {
        Team team = Team.of("finance", 3, 2);
        Path archive = archive(directory, CREATED, team);
        assertThat(ArchiveReader.verify(archive, Trust.anySigner(), List.of(admin))
                        .contentVerified())
                .isTrue();
        Verification keyless = ArchiveReader.verify(archive, Trust.anySigner());
        assertThat(keyless.recipients())
                .extracting(r -> r.kind() + " " + r.fingerprint())
                .containsExactly(
                        "X25519 " + admin.recipient().fingerprint(),
                        "symbolon.io/custodian " + team.set().fingerprint());
        assertThat(CustodianSetCodec.fromDescriptor(keyless.recipients().get(1)))
                .isEqualTo(team.set());
    }

    private static String numbers(List<Contribution> subset) {
        return subset.stream()
                .map(c -> Integer.toString(c.custodian()))
                .toList()
                .toString();
    }

    private static String missingNames(Team team, List<Contribution> given) {
        List<String> missing = new ArrayList<>();
        for (Custodian custodian : team.set().custodians()) {
            if (given.stream().noneMatch(c -> c.custodian() == custodian.number())) {
                missing.add(custodian.label());
            }
        }
        return String.join(", ", missing);
    }
}
