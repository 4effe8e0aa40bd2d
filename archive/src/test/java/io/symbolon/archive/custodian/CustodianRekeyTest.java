package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.ArchiveRekey;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.recipient.ScryptIdentity;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-keying adds and removes custodian sets like any recipient (ARCHIVE-FORMAT.md §12.7). */
class CustodianRekeyTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    private static final Instant LATER = Instant.parse("2027-01-02T10:00:00Z");

    @TempDir
    Path directory;

    private final NodeSigner node = TestSigners.ed25519("ep1");
    private final X25519Identity admin = X25519Identity.generate();
    private final X25519Identity newcomer = X25519Identity.generate();
    private final Session session = Session.start(Instant.now(), Duration.ofHours(1));

    @AfterEach
    void end() {
        session.close();
    }

    private Path archive(List<? extends Recipient> recipients) {
        return SampleArchives.write(directory, "EP", CREATED, 15, recipients, node)
                .path();
    }

    private Path rekey(
            Path input,
            String output,
            List<? extends Identity> identities,
            List<? extends Recipient> add,
            List<String> remove) {
        Path out = directory.resolve(output);
        ArchiveRekey.rekey(
                input,
                out,
                Trust.anySigner(),
                new ArchiveRekey.Request(identities, add, remove, Optional.empty(), LATER));
        return out;
    }

    private boolean opens(Path archive, Identity identity) {
        try {
            return ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity))
                    .contentVerified();
        } catch (SymbolonException e) {
            if (e.errorCode() == ErrorCode.NO_MATCHING_IDENTITY) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void aSetCanBeAddedByAnAdministratorAndRemovedByTheCustodians() {
        Team team = Team.of("finance", 3, 2);
        Path original = archive(List.of(admin.recipient()));
        Path withSet = rekey(original, "with-set.tar.gz", List.of(admin), List.of(team.recipient()), List.of());

        List<Contribution> contributions = team.contributions(withSet, session);
        try (CustodianIdentity custodians = CustodianIdentity.open(session, contributions.subList(1, 3), List.of())) {
            assertThat(opens(withSet, custodians)).isTrue();
            Path withoutAdmin = rekey(
                    withSet,
                    "custodians-only.tar.gz",
                    List.of(custodians),
                    List.of(),
                    List.of(admin.recipient().fingerprint()));
            assertThat(opens(withoutAdmin, admin)).isFalse();
            // The set was split afresh: the custodians contribute again for the new archive.
            try (CustodianIdentity again = CustodianIdentity.open(
                    session, team.contributions(withoutAdmin, session).subList(0, 2), List.of())) {
                assertThat(opens(withoutAdmin, again)).isTrue();
            }

            Path withoutSet = rekey(
                    withSet,
                    "without-set.tar.gz",
                    List.of(custodians),
                    List.of(),
                    List.of(team.set().fingerprint()));
            assertThat(opens(withoutSet, admin)).isTrue();
            assertThat(opens(withoutSet, custodians)).isFalse();
            Verification verification = ArchiveReader.verify(withoutSet, Trust.anySigner());
            assertThat(verification.recipients()).extracting(r -> r.kind()).containsExactly("X25519");
            assertThat(verification.rekeys().getLast().removed())
                    .containsExactly(team.set().fingerprint());
        }
    }

    @Test
    void aSetOfPublicKeysIsSplitAfreshByAReKeySoOldContributionsNoLongerFit() {
        Team team = Team.of("finance", 3, 2);
        Path original = archive(List.of(admin.recipient(), team.recipient()));
        List<Contribution> before = team.contributions(original, session);
        Path rekeyed = rekey(original, "rekeyed.tar.gz", List.of(admin), List.of(newcomer.recipient()), List.of());

        try (CustodianIdentity old = CustodianIdentity.open(session, before.subList(0, 2), List.of())) {
            assertThatThrownBy(() -> ArchiveReader.verify(rekeyed, Trust.anySigner(), List.of(old)))
                    .hasMessageContaining("belongs to another backup")
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.CUSTODIAN_INVALID);
        }
        List<Contribution> after = team.contributions(rekeyed, session);
        assertThat(after.getFirst().split()).isNotEqualTo(before.getFirst().split());
        try (CustodianIdentity fresh = CustodianIdentity.open(session, after.subList(1, 3), List.of())) {
            assertThat(opens(rekeyed, fresh)).isTrue();
            assertThat(opens(rekeyed, newcomer)).isTrue();
        }
    }

    @Test
    void aSetWithAPassphraseIsKeptAsItIsByAReKeyAndRefusedByARotation() {
        char[] passphrase = "dave's passphrase".toCharArray();
        X25519Identity carol = X25519Identity.generate();
        CustodianSet set = new CustodianSet(
                "mixed",
                2,
                CustodianSet.MIN_WORK_FACTOR,
                List.of(Custodian.withKey(1, "carol", carol.recipient()), Custodian.withPassphrase(2, "dave")));
        Path original;
        try (CustodianSetRecipient recipient = CustodianSetRecipient.of(set, Map.of(2, passphrase))) {
            original = archive(List.of(admin.recipient(), recipient));
        }
        Path rekeyed = rekey(original, "rekeyed.tar.gz", List.of(admin), List.of(newcomer.recipient()), List.of());

        CustodianArchive opened = CustodianArchive.open(rekeyed, Trust.anySigner(), Progress.none());
        try (ScryptIdentity dave = new ScryptIdentity(passphrase)) {
            List<Contribution> contributions = List.of(
                    Team.contribution(opened, 1, List.of(carol), session),
                    Team.contribution(opened, 2, List.of(dave), session));
            CustodianArchive before = CustodianArchive.open(original, Trust.anySigner(), Progress.none());
            assertThat(contributions.getFirst().split())
                    .as("the components were kept verbatim")
                    .isEqualTo(Team.contribution(before, 1, List.of(carol), session)
                            .split());
            try (CustodianIdentity custodians = CustodianIdentity.open(session, contributions, List.of())) {
                assertThat(opens(rekeyed, custodians)).isTrue();
            }
        }
        assertThatThrownBy(() -> ArchiveRekey.rekey(
                        original,
                        directory.resolve("rotated.tar.gz"),
                        Trust.anySigner(),
                        new ArchiveRekey.Request(
                                List.of(admin),
                                List.of(),
                                List.of(),
                                Optional.of(TestSigners.ed25519("operator")),
                                LATER)))
                .hasMessageContaining("cannot rotate the data key while keeping " + set.fingerprint())
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.BAD_RECIPIENT);
        assertThat(directory.resolve("rotated.tar.gz")).doesNotExist();
    }

    @Test
    void aRotationReSplitsASetOfPublicKeys() {
        Team team = Team.of("finance", 2, 2);
        Path original = archive(List.of(admin.recipient(), team.recipient()));
        Path rotated = directory.resolve("rotated.tar.gz");
        ArchiveRekey.rekey(
                original,
                rotated,
                Trust.anySigner(),
                new ArchiveRekey.Request(
                        List.of(admin), List.of(), List.of(), Optional.of(TestSigners.ed25519("operator")), LATER));
        try (CustodianIdentity custodians =
                CustodianIdentity.open(session, team.contributions(rotated, session), List.of())) {
            assertThat(opens(rotated, custodians)).isTrue();
        }
    }
}
