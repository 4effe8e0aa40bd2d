package io.symbolon.archive;

import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.archive.recipient.MlKem768X25519Identity;
import io.symbolon.archive.recipient.ScryptRecipient;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Writes the fixtures of the format version this Symbolon writes into {@code
 * src/test/resources/archive-format/v<N>/} (run once per format version, by hand: {@code java ...
 * ArchiveFixtureGenerator <dir>}; v1 was written before format 2 existed, v2 on 2026-11-23; {@code
 * ArchiveFixtureGenerator post-quantum <v2 dir>} added the post-quantum fixture to v2 on 2026-12-06). They are
 * checked in and must never be regenerated: {@code ArchiveFormatVectorsTest} proves that every later
 * version still reads what each one wrote.
 * The keys written beside them are test keys, worthless outside this test.
 */
public final class ArchiveFixtureGenerator {
    static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    static final int OBJECTS = 64;
    static final String PASSPHRASE = "correct horse battery staple";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("post-quantum")) {
            postQuantum(Path.of(args[1]));
            return;
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        X25519Identity alice = X25519Identity.generate();
        X25519Identity bob = X25519Identity.generate();
        NodeSigner node = TestSigners.ed25519("ep1");
        NodeSigner operator = TestSigners.ed25519("operator");
        Files.writeString(dir.resolve("alice.identity"), "# test key, worthless\n" + alice.encoded() + "\n");
        Files.writeString(dir.resolve("bob.identity"), "# test key, worthless\n" + bob.encoded() + "\n");
        Files.write(dir.resolve("node.crt"), CertificatePem.encode(node.certificate()));
        Files.write(dir.resolve("operator.crt"), CertificatePem.encode(operator.certificate()));

        Path plain = Files.createDirectories(dir.resolve("tmp-plain"));
        WrittenArchive written = SampleArchives.write(plain, "EP", CREATED, OBJECTS, List.of(alice.recipient()), node);
        Files.move(written.path(), dir.resolve("x25519.tar.gz"));

        Path scrypt = Files.createDirectories(dir.resolve("tmp-scrypt"));
        WrittenArchive passphrase = SampleArchives.write(
                scrypt, "PARTNER", CREATED, OBJECTS, List.of(new ScryptRecipient(PASSPHRASE.toCharArray(), 10)), node);
        Files.move(passphrase.path(), dir.resolve("scrypt.tar.gz"));

        ArchiveRekey.rekey(
                dir.resolve("x25519.tar.gz"),
                dir.resolve("rekeyed.tar.gz"),
                Trust.anySigner(),
                new ArchiveRekey.Request(
                        List.of(alice),
                        List.of(bob.recipient()),
                        List.of(alice.recipient().fingerprint()),
                        Optional.empty(),
                        CREATED.plusSeconds(86400)));
        ArchiveRekey.rekey(
                dir.resolve("rekeyed.tar.gz"),
                dir.resolve("rotated.tar.gz"),
                Trust.anySigner(),
                new ArchiveRekey.Request(
                        List.of(bob), List.of(), List.of(), Optional.of(operator), CREATED.plusSeconds(172800)));
        Files.delete(plain);
        Files.delete(scrypt);

        MessageDigest records = MessageDigest.getInstance("SHA-256");
        SampleArchives.records(OBJECTS).forEach(records::update);
        Files.writeString(
                dir.resolve("expected.txt"),
                "records: " + OBJECTS + "\nrecords-sha256: "
                        + HexFormat.of().formatHex(records.digest()) + "\nnode: " + node.fingerprint() + "\noperator: "
                        + operator.fingerprint() + "\npassphrase: " + PASSPHRASE + "\n",
                StandardCharsets.UTF_8);
    }

    /**
     * Adds to an existing fixture directory {@code pq-rekeyed.tar.gz}: its {@code x25519.tar.gz} re-keyed
     * (alice removed) to a new hybrid post-quantum recipient, whose identity goes to {@code
     * carol.pq.identity}. The node's signature carries over, so {@code node.crt} still pins it.
     */
    private static void postQuantum(Path dir) throws Exception {
        X25519Identity alice = (X25519Identity)
                AgeIdentityFile.read(dir.resolve("alice.identity")).getFirst();
        MlKem768X25519Identity carol = MlKem768X25519Identity.generate();
        Files.writeString(dir.resolve("carol.pq.identity"), "# test key, worthless\n" + carol.encoded() + "\n");
        ArchiveRekey.rekey(
                dir.resolve("x25519.tar.gz"),
                dir.resolve("pq-rekeyed.tar.gz"),
                Trust.anySigner(),
                new ArchiveRekey.Request(
                        List.of(alice),
                        List.of(carol.recipient()),
                        List.of(alice.recipient().fingerprint()),
                        Optional.empty(),
                        Instant.parse("2026-12-06T12:00:00Z")));
    }
}
