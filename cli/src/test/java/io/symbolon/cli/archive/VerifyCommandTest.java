package io.symbolon.cli.archive;

import static io.symbolon.cli.archive.SampleBackup.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.cli.Cli.Result;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive verify}: the keyless check, with a pinned signer or an identity, and its refusals. */
class VerifyCommandTest {
    @TempDir
    Path work;

    @Test
    void verifyWithoutAnyKeyProvesIntegrityAndWarnsThatTheSignerWasNotPinned() {
        Result result = symbolon("archive", "verify", ARCHIVE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("verified").contains("not decrypted").contains("(not pinned)");
        assertThat(result.err())
                .startsWith("symbolon: warning: the signer of " + ARCHIVE.getFileName() + " was not pinned")
                .contains("--signer");
    }

    @Test
    void verifyWithThePinnedCertificateHasNoWarning() {
        Result result = symbolon("archive", "verify", ARCHIVE.toString(), "--signer", NODE_CERTIFICATE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("(pinned)");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void verifyWithThePinnedFingerprintAndTheRestoreKeyChecksTheContent() {
        Result result = symbolon(withRestoreKey(
                "archive",
                "verify",
                ARCHIVE.toString(),
                "--signer-fingerprint",
                KeyFingerprint.of(NODE.certificate().getPublicKey())));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("decrypted and checked against the signed content hash");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void verifyRefusesAnArchiveSignedByAnotherNode() {
        String other =
                KeyFingerprint.of(TestSigners.ed25519("other").certificate().getPublicKey());

        Result result = symbolon("archive", "verify", ARCHIVE.toString(), "--signer-fingerprint", other);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ErrorCode.UNTRUSTED_SIGNER.exitCode());
        assertThat(result.err()).contains("[untrusted-signer]");
    }

    @Test
    void verifyJsonReportsSuccessAndWarnings() throws Exception {
        Result result = symbolon("archive", "verify", "--json", ARCHIVE.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("signerPinned").asBoolean()).isFalse();
        assertThat(json.get("contentVerified").asBoolean()).isFalse();
        assertThat(json.get("warnings").get(0).asText()).contains("was not pinned");
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void verifyJsonOfATamperedArchiveNamesTheErrorAndExitsWithItsCode() throws Exception {
        Path damaged = tamperedCopy(work);

        Result result = symbolon("archive", "verify", "--json", damaged.toString());

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("verified").asBoolean()).isFalse();
        ErrorCode code =
                ErrorCode.valueOf(json.at("/error/code").asText().toUpperCase().replace('-', '_'));
        assertThat(result.exitCode()).isEqualTo(code.exitCode()).isNotIn(0, 1, 2);
        assertThat(result.err()).startsWith("symbolon: ").endsWith("[" + code.code() + "]\n");
    }

    @Test
    void verifyRefusesATamperedArchive() throws Exception {
        Result result = symbolon("archive", "verify", tamperedCopy(work).toString());

        assertThat(result.exitCode()).as(result.toString()).isNotIn(0, 1, 2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("symbolon: ").contains(" [");
    }

    @Test
    void verifyReportsAMissingFile() {
        Result result =
                symbolon("archive", "verify", work.resolve("nothing.tar.gz").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(result.err()).contains("nothing.tar.gz").contains("[not-found]");
    }

    @Test
    void verifyRefusesAFileThatIsNotAnArchive() throws Exception {
        Path text = Files.writeString(work.resolve("notes.tar.gz"), "not an archive\n");

        Result result = symbolon("archive", "verify", text.toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_GZIP.exitCode());
        assertThat(result.err()).contains("not a gzip file").contains("[not-gzip]");
    }

    @Test
    void verifyWithTheWrongIdentityListsTheArchivesRecipients() throws Exception {
        Path identityFile = work.resolve("someone.age");
        try (X25519Identity someone = X25519Identity.generate()) {
            Files.writeString(identityFile, someone.encoded() + "\n");
        }

        Result result = symbolon("archive", "verify", ARCHIVE.toString(), "--identity", identityFile.toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY.exitCode());
        assertThat(result.err())
                .contains("no identity matches any of the 1 recipient: " + BACKUP_KEY_FINGERPRINT)
                .contains("[no-matching-identity]");
    }

    @Test
    void anUnexpectedArgumentIsNotRepeatedInCaseItIsASecret() {
        Result result = symbolon("archive", "verify", ARCHIVE.toString(), "hunter2-secret");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        assertThat(result.err()).contains("not repeated").doesNotContain("hunter2-secret");
    }

    @Test
    void aKeystoreOfAnotherTypeThanNamedIsRefused() {
        Result result = symbolon(
                "archive",
                "verify",
                ARCHIVE.toString(),
                "--keystore",
                RESTORE_KEYSTORE.toString(),
                "--keystore-type",
                "pkcs12",
                "--keystore-password-env",
                "RESTORE_PASSWORD");

        assertThat(result.exitCode()).isEqualTo(ErrorCode.KEYSTORE.exitCode());
        assertThat(result.err()).contains("PKCS12");
    }

    @Test
    void aMissingIdentityFileIsReported() {
        Result result = symbolon(
                "archive",
                "verify",
                ARCHIVE.toString(),
                "--identity",
                work.resolve("gone.age").toString());

        assertThat(result.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(result.err()).contains("identity file");
    }
}
