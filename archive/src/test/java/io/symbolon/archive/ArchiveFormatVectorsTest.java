package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.age.Identity;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.archive.recipient.ScryptIdentity;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.rekey.RekeyLog;
import io.symbolon.archive.signature.CertificatePem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives written by every version of the format (src/test/resources/archive-format/v1, v2, see their
 * READMEs) must be read by this and every later version: verified against the pinned node certificate
 * and decrypted to exactly the records they were written with.
 */
class ArchiveFormatVectorsTest {

    private static Path dir(int version) throws URISyntaxException {
        return Path.of(ArchiveFormatVectorsTest.class
                        .getResource("/archive-format/v" + version + "/expected.txt")
                        .toURI())
                .getParent();
    }

    private static Map<String, String> expected(int version) throws IOException, URISyntaxException {
        return Files.readAllLines(dir(version).resolve("expected.txt")).stream()
                .map(line -> line.split(": ", 2))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
    }

    private static Trust node(int version) throws IOException, URISyntaxException {
        return Trust.certificate(
                CertificatePem.decode(Files.readAllBytes(dir(version).resolve("node.crt")), "node.crt"));
    }

    private static X25519Identity identity(int version, String name) throws IOException, URISyntaxException {
        return (X25519Identity)
                AgeIdentityFile.read(dir(version).resolve(name + ".identity")).getFirst();
    }

    private static void assertRecords(int version, String archive, Identity identity) throws Exception {
        MessageDigest hash = MessageDigest.getInstance("SHA-256");
        int[] count = {0};
        Verification verification =
                ArchiveReader.read(dir(version).resolve(archive), node(version), List.of(identity), record -> {
                    hash.update(record);
                    count[0]++;
                });
        assertThat(count[0]).isEqualTo(Integer.parseInt(expected(version).get("records")));
        assertThat(HexFormat.of().formatHex(hash.digest()))
                .isEqualTo(expected(version).get("records-sha256"));
        assertThat(verification.metadata().formatVersion()).isEqualTo(version);
    }

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {1, 2})
    void readsAnArchiveEncryptedToX25519(int version) throws Exception {
        assertRecords(version, "x25519.tar.gz", identity(version, "alice"));
        assertThat(ArchiveReader.verify(dir(version).resolve("x25519.tar.gz"), node(version))
                        .signer())
                .isEqualTo(expected(version).get("node"));
    }

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {1, 2})
    void readsAnArchiveEncryptedToAPassphrase(int version) throws Exception {
        try (ScryptIdentity passphrase =
                new ScryptIdentity(expected(version).get("passphrase").toCharArray())) {
            assertRecords(version, "scrypt.tar.gz", passphrase);
        }
    }

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {1, 2})
    void readsAnArchiveReKeyedToAnotherRecipient(int version) throws Exception {
        assertRecords(version, "rekeyed.tar.gz", identity(version, "bob"));
        Verification verification = ArchiveReader.verify(dir(version).resolve("rekeyed.tar.gz"), node(version));
        assertThat(verification.rekeys())
                .extracting(RekeyLog.Entry::operation)
                .containsExactly(RekeyLog.Operation.REKEY);
        assertThat(verification.payloadSha256())
                .isEqualTo(ArchiveReader.verify(dir(version).resolve("x25519.tar.gz"), node(version))
                        .payloadSha256());
    }

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {1, 2})
    void readsAnArchiveWithARotatedDataKey(int version) throws Exception {
        assertRecords(version, "rotated.tar.gz", identity(version, "bob"));
        assertThat(ArchiveReader.verify(dir(version).resolve("rotated.tar.gz"), node(version))
                        .countersigner())
                .contains(expected(version).get("operator"));
    }

    @Test
    void aVersion2ArchiveStatesTheSharedHashOfTheDigestItCarries() throws Exception {
        Verification verification = ArchiveReader.verify(dir(2).resolve("x25519.tar.gz"), node(2));
        assertThat(verification.metadata().digestSharedSha256()).isPresent();
        assertThat(verification.metadata().digestSharedSha256())
                .isEqualTo(verification.digest().sharedSha256());
        assertThat(ArchiveReader.verify(dir(1).resolve("x25519.tar.gz"), node(1))
                        .metadata()
                        .digestSharedSha256())
                .isEmpty();
    }

    @Test
    void readsAVersion2ArchiveReKeyedToAPostQuantumRecipient() throws Exception {
        Identity carol =
                AgeIdentityFile.read(dir(2).resolve("carol.pq.identity")).getFirst();
        assertRecords(2, "pq-rekeyed.tar.gz", carol);
        Verification verification = ArchiveReader.verify(dir(2).resolve("pq-rekeyed.tar.gz"), node(2));
        assertThat(verification.signer()).isEqualTo(expected(2).get("node"));
        assertThat(verification.rekeys())
                .singleElement()
                .satisfies(entry -> assertThat(entry.added())
                        .extracting(RecipientDescriptor::kind)
                        .containsExactly("mlkem768x25519"));
        assertThat(verification.payloadSha256())
                .isEqualTo(ArchiveReader.verify(dir(2).resolve("x25519.tar.gz"), node(2))
                        .payloadSha256());
    }
}
