package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Header;
import io.symbolon.archive.age.Stanza;
import io.symbolon.archive.recipient.ScryptIdentity;
import io.symbolon.archive.recipient.SshRsaIdentity;
import io.symbolon.archive.recipient.TestKeys;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custodian's step: unwrap their own component with an X25519 key, an RSA key or a passphrase. */
class CustodianUnwrapTest {
    private static final char[] CAROL = "carol's long passphrase".toCharArray();

    @TempDir
    Path directory;

    private final NodeSigner node = TestSigners.ed25519("ep1");
    private final X25519Identity alice = X25519Identity.generate();
    private final SshRsaIdentity bob = TestKeys.identity(TestKeys.rsa3072());

    private CustodianSet mixed() {
        return new CustodianSet(
                "mixed",
                2,
                CustodianSet.MIN_WORK_FACTOR,
                List.of(
                        Custodian.withKey(1, "alice", alice.recipient()),
                        Custodian.withKey(2, "bob", TestKeys.recipient(TestKeys.rsa3072())),
                        Custodian.withPassphrase(3, "carol")));
    }

    private Path archive(CustodianSet set) {
        try (CustodianSetRecipient recipient = CustodianSetRecipient.of(set, Map.of(3, CAROL))) {
            return SampleArchives.write(
                            directory, "EP", Instant.parse("2026-11-23T03:27:16Z"), 10, List.of(recipient), node)
                    .path();
        }
    }

    @Test
    void custodiansWithX25519RsaAndPassphraseComponentsEachContributeAndAnyTwoOpen() {
        Path archive = archive(mixed());
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        assertThat(opened.sets()).containsExactly(mixed());
        try (Session session = Session.start(Instant.now(), Duration.ofHours(1));
                ScryptIdentity carol = new ScryptIdentity(CAROL)) {
            List<Contribution> contributions = List.of(
                    Team.contribution(opened, 1, List.of(alice), session),
                    Team.contribution(opened, 2, List.of(bob), session),
                    Team.contribution(opened, 3, List.of(carol), session));
            assertThat(contributions).extracting(c -> c.custodianOf().name()).containsExactly("alice", "bob", "carol");
            assertThat(contributions.get(0).archiveId())
                    .isEqualTo(opened.verification().metadata().archiveId());
            for (List<Contribution> pair : SecretSharingTest.subsets(contributions, 2)) {
                try (CustodianIdentity identity = CustodianIdentity.open(session, pair, List.of())) {
                    assertThat(ArchiveReader.verify(archive, Trust.anySigner(), List.of(identity))
                                    .contentVerified())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void aCustodianWithoutTheNumberFindsTheirComponentByTrying() {
        Path archive = archive(mixed());
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        try (Session session = Session.start(Instant.now(), Duration.ofHours(1))) {
            Contribution contribution = CustodianUnwrap.contribute(
                    opened,
                    new CustodianUnwrap.Request(
                            List.of(bob),
                            java.util.OptionalInt.empty(),
                            java.util.Optional.empty(),
                            session.recipient(),
                            Instant.now()),
                    "bob.contribution");
            assertThat(contribution.custodian()).isEqualTo(2);
        }
    }

    @Test
    void aStrangerIsToldWhoTheCustodiansAre() {
        Path archive = archive(mixed());
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        X25519Identity stranger = X25519Identity.generate();
        try (Session session = Session.start(Instant.now(), Duration.ofHours(1))) {
            assertThatThrownBy(() -> Team.contribution(opened, 1, List.of(stranger), session))
                    .isInstanceOf(SymbolonException.class)
                    .hasMessageContaining("none of your identities (X25519 ")
                    .hasMessageContaining("opens the component of mixed alice (1)")
                    .hasMessageContaining("its custodians are: mixed: alice (1) X25519 "
                            + alice.recipient().fingerprint())
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.NO_MATCHING_IDENTITY);
        }
    }

    @Test
    void aComponentWhoseCommitmentWasAlteredIsNotReleased() {
        Path archive = archive(mixed());
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        List<Stanza> stanzas = new ArrayList<>();
        for (Stanza stanza : opened.header().stanzas()) {
            List<String> arguments = new ArrayList<>(stanza.arguments());
            if (arguments.get(3).equals("1")) {
                byte[] commitment = io.symbolon.archive.age.Base64Raw.decode(arguments.get(7), "commitment");
                commitment[0] ^= 1;
                arguments.set(7, io.symbolon.archive.age.Base64Raw.encode(commitment));
            }
            stanzas.add(new Stanza(arguments, stanza.body()));
        }
        CustodianArchive altered;
        try (FileKey unrelated = FileKey.generate()) {
            altered = new CustodianArchive(opened.verification(), Header.create(stanzas, unrelated), opened.sets());
        }
        try (Session session = Session.start(Instant.now(), Duration.ofHours(1))) {
            assertThatThrownBy(() -> Team.contribution(altered, 1, List.of(alice), session))
                    .hasMessageContaining("does not match its commitment: the archive's header was altered; nothing was"
                            + " released")
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.CUSTODIAN_INVALID);
        }
    }

    @Test
    void noShareAppearsInAnyMessageOrToString() {
        Path archive = archive(mixed());
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        Stanza aliceComponent = opened.header().stanzas().getFirst();
        ComponentStanza component = ComponentStanza.parse(aliceComponent).orElseThrow();
        byte[] share;
        try (FileKey key = alice.unwrap(List.of(component.inner())).orElseThrow()) {
            share = key.secret().copy();
        }
        List<String> forms = List.of(
                HexFormat.of().formatHex(share),
                Base64.getEncoder().encodeToString(share),
                io.symbolon.archive.age.Base64Raw.encode(share));
        List<String> texts = new ArrayList<>();
        try (Session session = Session.start(Instant.now(), Duration.ofHours(1))) {
            Contribution contribution = Team.contribution(opened, 1, List.of(alice), session);
            texts.add(contribution.toString());
            texts.add(new String(contribution.encode(), java.nio.charset.StandardCharsets.US_ASCII));
            texts.add(session.toString());
            try (CustodianIdentity identity = CustodianIdentity.open(session, List.of(contribution), List.of())) {
                texts.add(identity.toString());
                texts.add(identity.describe());
                texts.add(identity.status(opened.header().stanzas()).describe());
                try {
                    identity.unwrap(opened.header().stanzas());
                } catch (SymbolonException e) {
                    texts.add(e.getMessage());
                }
            }
            try (CustodianSetRecipient recipient = CustodianSetRecipient.of(mixed(), Map.of(3, CAROL))) {
                texts.add(recipient.toString());
            }
            texts.add(new Share(1, SecretBytes.copyOf(share)).toString());
        }
        for (String text : texts) {
            for (String form : forms) {
                assertThat(text).doesNotContain(form);
            }
            assertThat(text).doesNotContain(new String(CAROL));
        }
    }

    @Test
    void aSetWithPassphrasesNeedsThemToWrap() {
        assertThatThrownBy(() -> CustodianSetRecipient.of(mixed()))
                .hasMessageContaining("custodian carol (3) of set mixed protects their component with a passphrase")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.BAD_RECIPIENT);
    }
}
