package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.age.Identity;
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

/**
 * Archives written by version 1 of the format (src/test/resources/archive-format/v1, see its README)
 * must be read by this and every later version: verified against the pinned node certificate and
 * decrypted to exactly the records they were written with.
 */
class ArchiveFormatVectorsTest {
    private final Path dir;
    private final Map<String, String> expected;

    ArchiveFormatVectorsTest() throws IOException, URISyntaxException {
        dir = Path.of(getClass().getResource("/archive-format/v1/expected.txt").toURI())
                .getParent();
        expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .map(line -> line.split(": ", 2))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
    }

    private Trust node() throws IOException {
        return Trust.certificate(CertificatePem.decode(Files.readAllBytes(dir.resolve("node.crt")), "node.crt"));
    }

    private X25519Identity identity(String name) throws IOException {
        return X25519Identity.readIdentityFile(dir.resolve(name + ".identity")).getFirst();
    }

    private void assertRecords(String archive, Identity identity) throws Exception {
        MessageDigest hash = MessageDigest.getInstance("SHA-256");
        int[] count = {0};
        ArchiveReader.read(dir.resolve(archive), node(), List.of(identity), record -> {
            hash.update(record);
            count[0]++;
        });
        assertThat(count[0]).isEqualTo(Integer.parseInt(expected.get("records")));
        assertThat(HexFormat.of().formatHex(hash.digest())).isEqualTo(expected.get("records-sha256"));
    }

    @Test
    void readsAVersion1ArchiveEncryptedToX25519() throws Exception {
        assertRecords("x25519.tar.gz", identity("alice"));
        assertThat(ArchiveReader.verify(dir.resolve("x25519.tar.gz"), node()).signer())
                .isEqualTo(expected.get("node"));
    }

    @Test
    void readsAVersion1ArchiveEncryptedToAPassphrase() throws Exception {
        try (ScryptIdentity passphrase =
                new ScryptIdentity(expected.get("passphrase").toCharArray())) {
            assertRecords("scrypt.tar.gz", passphrase);
        }
    }

    @Test
    void readsAVersion1ArchiveReKeyedToAnotherRecipient() throws Exception {
        assertRecords("rekeyed.tar.gz", identity("bob"));
        Verification verification = ArchiveReader.verify(dir.resolve("rekeyed.tar.gz"), node());
        assertThat(verification.rekeys())
                .extracting(RekeyLog.Entry::operation)
                .containsExactly(RekeyLog.Operation.REKEY);
        assertThat(verification.payloadSha256())
                .isEqualTo(ArchiveReader.verify(dir.resolve("x25519.tar.gz"), node())
                        .payloadSha256());
    }

    @Test
    void readsAVersion1ArchiveWithARotatedDataKey() throws Exception {
        assertRecords("rotated.tar.gz", identity("bob"));
        assertThat(ArchiveReader.verify(dir.resolve("rotated.tar.gz"), node()).countersigner())
                .contains(expected.get("operator"));
    }
}
