package io.symbolon.cli.archive;

import static io.symbolon.cli.archive.SampleBackup.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.cli.Cli.Result;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive keygen}: age identity files, X25519 and post-quantum, and an archive moved to one. */
class KeygenCommandTest {
    @TempDir
    Path work;

    @Test
    void writesAPostQuantumIdentityFileOwnerOnlyAndPrintsItsRecipient() throws Exception {
        Path file = work.resolve("pq.txt");

        Result keygen = symbolon("archive", "keygen", "--pq", "-o", file.toString(), "--json");

        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(keygen.out());
        assertThat(json.get("kind").asText()).isEqualTo("mlkem768x25519");
        String recipient = json.get("recipient").asText();
        assertThat(recipient).startsWith("age1pq1");
        assertThat(json.get("fingerprint").asText()).startsWith("SHA256:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("# created: ");
        assertThat(lines.get(1)).isEqualTo("# public key: " + recipient);
        assertThat(lines.get(2)).startsWith("AGE-SECRET-KEY-PQ-1");
        assertThat(keygen.out()).doesNotContain(lines.get(2));
        try (var listing = Files.list(work)) {
            assertThat(listing).containsExactly(file);
        }

        Result y = symbolon("archive", "keygen", "-y", file.toString());
        assertThat(y.exitCode()).as(y.toString()).isZero();
        assertThat(y.out().strip()).isEqualTo(recipient);
    }

    @Test
    void anX25519IdentityByDefaultAndAnExistingFileIsNeverOverwritten() throws Exception {
        Path file = work.resolve("x25519.txt");
        Result keygen = symbolon("archive", "keygen", "-o", file.toString());
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        assertThat(keygen.out()).contains("X25519").contains("recipient      age1");
        String before = Files.readString(file);
        assertThat(before).contains("AGE-SECRET-KEY-1");

        Result again = symbolon("archive", "keygen", "--pq", "-o", file.toString());

        assertThat(again.exitCode()).isEqualTo(ErrorCode.ALREADY_EXISTS.exitCode());
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void needsEitherAnOutputOrAnIdentityFile() {
        assertThat(symbolon("archive", "keygen").exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(symbolon("archive", "keygen", "-o", "a", "-y", "b").exitCode())
                .isEqualTo(ErrorCode.USAGE.exitCode());
    }

    @Test
    void aClassicArchiveMovesToAPostQuantumRecipientAndDecryptsWithItsIdentity() throws Exception {
        Path identity = work.resolve("pq.txt");
        Result keygen = symbolon("archive", "keygen", "--pq", "-o", identity.toString(), "--json");
        String recipient =
                new ObjectMapper().readTree(keygen.out()).get("recipient").asText();
        Path mixed = work.resolve("mixed.tar.gz");
        Path moved = work.resolve("moved.tar.gz");

        Result mix = symbolon(withRestoreKey(
                "archive", "rekey", ARCHIVE.toString(), "--add-recipient", recipient, "-o", mixed.toString()));
        assertThat(mix.exitCode()).isEqualTo(ErrorCode.BAD_RECIPIENT.exitCode());
        assertThat(mix.err()).contains("post-quantum").contains("classic");
        assertThat(mixed).doesNotExist();

        Result move = symbolon(withRestoreKey(
                "archive",
                "rekey",
                ARCHIVE.toString(),
                "--add-recipient",
                recipient,
                "--remove-recipient",
                BACKUP_KEY_FINGERPRINT,
                "-o",
                moved.toString()));
        assertThat(move.exitCode()).as(move.toString()).isZero();
        Result decrypt = symbolon(
                "archive",
                "decrypt",
                moved.toString(),
                "--identity",
                identity.toString(),
                "-o",
                work.resolve("out").toString(),
                "--signer",
                NODE_CERTIFICATE.toString());
        assertThat(decrypt.exitCode()).as(decrypt.toString()).isZero();
        Result inspect = symbolon("archive", "inspect", moved.toString());
        assertThat(inspect.out()).contains("mlkem768x25519");
    }
}
