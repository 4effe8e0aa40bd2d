package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.testing.ArchiveSurgeon;
import io.symbolon.archive.testing.ExternalProgram;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The break-glass promise holds with custodian sets beside plain recipients: the reference {@code age}
 * program skips the {@code symbolon.io/custodian} stanzas and decrypts with a plain recipient's key.
 */
@Tag("integration")
class CustodianAgeInteropTest {
    @TempDir
    Path directory;

    @Test
    void ageDecryptsAnArchiveThatAlsoHasCustodianStanzasWithAPlainRecipientsKey() throws Exception {
        ExternalProgram age = ExternalProgram.require("age");
        X25519Identity admin = X25519Identity.generate();
        Team allOf = Team.of("vault", 3, 3);
        Team someOf = Team.of("finance", 5, 3);
        WrittenArchive archive = SampleArchives.write(
                directory,
                "EP",
                Instant.parse("2026-11-23T03:27:16Z"),
                30,
                List.of(allOf.recipient(), admin.recipient(), someOf.recipient()),
                TestSigners.ed25519("ep1"));
        byte[] ageFile = ArchiveSurgeon.part(ArchiveSurgeon.open(archive.path()), "database.age")
                .bytes();
        assertThat(new String(ageFile, 0, 2000, java.nio.charset.StandardCharsets.US_ASCII))
                .contains("-> symbolon.io/custodian ");

        Path identityFile = directory.resolve("admin.key");
        Files.createFile(
                identityFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(identityFile, admin.encoded() + "\n");
        byte[] content = age.runSuccessfully(ageFile, "-d", "-i", identityFile.toString())
                .stdout();

        assertThat(content).hasSize((int) archive.metadata().contentSize());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                .isEqualTo(archive.metadata().contentSha256());
    }
}
