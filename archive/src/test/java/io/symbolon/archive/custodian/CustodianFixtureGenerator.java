package io.symbolon.archive.custodian;

import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.recipient.ScryptIdentity;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.archive.volume.VolumeSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes the version-1 custodian and volume fixtures in {@code src/test/resources/custodian-format/v1/}
 * (run once, by hand: {@code java ... CustodianFixtureGenerator <dir>}). They are checked in and never
 * regenerated: {@code CustodianFormatFixturesTest} proves that later versions still read them. Every
 * key and passphrase here is a test value, published on purpose and worthless.
 */
public final class CustodianFixtureGenerator {
    static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    static final Instant CEREMONY = Instant.parse("2026-11-24T10:00:00Z");
    static final String BOB = "bob's fixture passphrase";
    static final String SESSION = "fixture session passphrase";
    static final int OBJECTS = 12;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        X25519Identity alice = X25519Identity.generate();
        X25519Identity carol = X25519Identity.generate();
        NodeSigner node = TestSigners.ed25519("ep1");
        Files.writeString(dir.resolve("alice.identity"), "# test key, worthless\n" + alice.encoded() + "\n");
        Files.writeString(dir.resolve("carol.identity"), "# test key, worthless\n" + carol.encoded() + "\n");
        Files.write(dir.resolve("node.crt"), CertificatePem.encode(node.certificate()));

        CustodianSet set = new CustodianSet(
                "finance",
                2,
                CustodianSet.MIN_WORK_FACTOR,
                List.of(
                        Custodian.withKey(1, "alice", alice.recipient()),
                        Custodian.withPassphrase(2, "bob"),
                        Custodian.withKey(3, "carol", carol.recipient())));
        CustodianSetCodec.write(set, dir.resolve("finance.custodians"));

        Path work = Files.createDirectories(dir.resolve("tmp"));
        WrittenArchive written;
        try (CustodianSetRecipient recipient = CustodianSetRecipient.of(set, Map.of(2, BOB.toCharArray()))) {
            written = SampleArchives.write(work, "EP", CREATED, OBJECTS, List.of(recipient), node);
        }
        Path archive = dir.resolve("custodians.tar.gz");
        Files.move(written.path(), archive);
        Files.delete(work);

        try (Session session = Session.start(CEREMONY, Duration.ofDays(1))) {
            session.write(dir.resolve("ceremony.session"), SESSION.toCharArray(), 10);
            CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
            try (ScryptIdentity bob = new ScryptIdentity(BOB.toCharArray())) {
                contribution(opened, 1, alice, session).write(dir.resolve("alice.contribution"));
                contribution(opened, 2, bob, session).write(dir.resolve("bob.contribution"));
            }
        }
        VolumeSplit.split(archive, dir, new VolumeSplit.Request(4096, Optional.of(set), CEREMONY), Progress.none());
    }

    private static Contribution contribution(
            CustodianArchive archive, int number, io.symbolon.archive.age.Identity identity, Session session) {
        return CustodianUnwrap.contribute(
                archive,
                new CustodianUnwrap.Request(
                        List.of(identity), OptionalInt.of(number), Optional.empty(), session.recipient(), CEREMONY),
                "fixture");
    }
}
