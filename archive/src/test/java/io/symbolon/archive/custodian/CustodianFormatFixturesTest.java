package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.volume.VolumeJoin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custodian sets, sessions, contributions and volumes written by version 1 (src/test/resources/
 * custodian-format/v1, see its README): every later version must read them, and re-encode each file
 * to the same bytes.
 */
class CustodianFormatFixturesTest {
    @TempDir
    Path work;

    private Path fixture(String name) throws Exception {
        return Path.of(getClass().getResource("/custodian-format/v1/" + name).toURI());
    }

    @Test
    void theSetFileAndTheArchivesRecordOfItAgree() throws Exception {
        CustodianSet set = CustodianSetCodec.load(fixture("finance.custodians"));
        assertThat(CustodianSetCodec.encode(set)).isEqualTo(Files.readAllBytes(fixture("finance.custodians")));
        assertThat(set.threshold()).isEqualTo(2);
        assertThat(set.custodians()).extracting(Custodian::kind).containsExactly("X25519", "passphrase", "X25519");
        Verification verification =
                ArchiveReader.verify(fixture("custodians.tar.gz"), Trust.certificate(certificate()));
        assertThat(verification.recipients()).containsExactly(CustodianSetCodec.descriptor(set));
    }

    @Test
    void theFixtureContributionsOpenTheFixtureArchiveWithTheFixtureSession() throws Exception {
        List<Contribution> contributions = List.of(
                Contribution.load(fixture("alice.contribution")), Contribution.load(fixture("bob.contribution")));
        for (String name : List.of("alice.contribution", "bob.contribution")) {
            byte[] bytes = Files.readAllBytes(fixture(name));
            assertThat(Contribution.decode(bytes, name).encode()).isEqualTo(bytes);
        }
        try (Session session = Session.open(
                        fixture("ceremony.session"),
                        CustodianFixtureGenerator.SESSION.toCharArray(),
                        CustodianFixtureGenerator.CEREMONY.plusSeconds(60));
                CustodianIdentity identity = CustodianIdentity.open(session, contributions, List.of())) {
            Verification verification =
                    ArchiveReader.verify(fixture("custodians.tar.gz"), Trust.anySigner(), List.of(identity));
            assertThat(verification.contentVerified()).isTrue();
            assertThat(verification.metadata().records()).isEqualTo(CustodianFixtureGenerator.OBJECTS);
        }
    }

    @Test
    void carolCanStillContributeWithHerKeyAndAliceTogetherWithHer() throws Exception {
        X25519Identity carol =
                (X25519Identity) AgeIdentityFile.read(fixture("carol.identity")).getFirst();
        CustodianArchive archive =
                CustodianArchive.open(fixture("custodians.tar.gz"), Trust.anySigner(), Progress.none());
        try (Session session = Session.start(java.time.Instant.now(), java.time.Duration.ofHours(1))) {
            Contribution fresh = CustodianUnwrap.contribute(
                    archive,
                    new CustodianUnwrap.Request(
                            List.of(carol),
                            OptionalInt.empty(),
                            Optional.empty(),
                            session.recipient(),
                            java.time.Instant.now()),
                    "carol");
            X25519Identity alice = (X25519Identity)
                    AgeIdentityFile.read(fixture("alice.identity")).getFirst();
            Contribution aliceToo = CustodianUnwrap.contribute(
                    archive,
                    new CustodianUnwrap.Request(
                            List.of(alice),
                            OptionalInt.of(1),
                            Optional.empty(),
                            session.recipient(),
                            java.time.Instant.now()),
                    "alice");
            try (CustodianIdentity identity = CustodianIdentity.open(session, List.of(fresh, aliceToo), List.of())) {
                assertThat(ArchiveReader.verify(fixture("custodians.tar.gz"), Trust.anySigner(), List.of(identity))
                                .contentVerified())
                        .isTrue();
            }
        }
    }

    @Test
    void theFixtureVolumesJoinToTheFixtureArchive() throws Exception {
        Path joined = work.resolve("joined.tar.gz");
        VolumeJoin.Result result = VolumeJoin.join(
                List.of(fixture("custodians.tar.gz.vol002-of-002"), fixture("custodians.tar.gz.vol001-of-002")),
                joined);
        assertThat(Files.readAllBytes(joined)).isEqualTo(Files.readAllBytes(fixture("custodians.tar.gz")));
        assertThat(result.headers())
                .extracting(h -> h.custodian().orElseThrow().name())
                .containsExactly("alice", "bob");
        assertThat(result.headers().getFirst().wrappedKeys()).isTrue();
        String header = new String(
                Files.readAllBytes(fixture("custodians.tar.gz.vol001-of-002")), 0, 60, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("format: symbolon-volume/1\n");
    }

    private java.security.cert.X509Certificate certificate() throws Exception {
        try (var in = Files.newInputStream(fixture("node.crt"))) {
            return (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
