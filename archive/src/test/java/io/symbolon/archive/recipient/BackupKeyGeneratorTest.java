package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.testing.ExternalProgram;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupKeyGeneratorTest {
    private static final char[] RESTORE_PASSWORD = "restore-pass".toCharArray();
    private static final char[] BACKUP_PASSWORD = "backup-pass".toCharArray();

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({"JCEKS, 3072", "PKCS12, 4096"})
    void writesARestoreAndABackupKeystoreThatLoadBack(String type, int bits) throws Exception {
        BackupKeyGenerator.Parameters parameters = BackupKeyGenerator.Parameters.of(
                        "Symbolon backup ep1", directory.resolve("restore.ks"), directory.resolve("backup.ks"))
                .withStoreType(type)
                .withKeyBits(bits)
                .withValidityYears(5);
        BackupKeyGenerator.Generated generated =
                BackupKeyGenerator.generate(parameters, RESTORE_PASSWORD, BACKUP_PASSWORD);

        assertThat(Files.getPosixFilePermissions(generated.restoreKeystore()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Keystores.detectType(generated.restoreKeystore())).isEqualTo(type);
        assertThat(Keystores.detectType(generated.backupKeystore())).isEqualTo(type);

        KeyStore backup = Keystores.load(generated.backupKeystore(), BACKUP_PASSWORD);
        assertThat(Collections.list(backup.aliases())).containsExactly("backup");
        assertThat(backup.isCertificateEntry("backup")).isTrue();
        SshRsaRecipient recipient = Keystores.recipients(backup, null).getFirst();
        assertThat(recipient.fingerprint()).isEqualTo(generated.fingerprint());
        assertThat(recipient.publicKey().getModulus().bitLength()).isEqualTo(bits);
        assertThat(SshRsaRecipient.parseSshLine(generated.sshLine())).isEqualTo(recipient);

        SshRsaIdentity identity = Keystores.identity(generated.restoreKeystore(), RESTORE_PASSWORD, null, null);
        try (FileKey fileKey = FileKey.generate();
                FileKey unwrapped = identity.unwrap(recipient.wrap(fileKey)).orElseThrow()) {
            assertThat(unwrapped.secret().sameAs(fileKey.secret())).isTrue();
        }

        X509Certificate certificate = generated.certificate();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Symbolon backup ep1");
        int years = certificate.getNotAfter().toInstant().atZone(ZoneOffset.UTC).getYear()
                - certificate.getNotBefore().toInstant().atZone(ZoneOffset.UTC).getYear();
        assertThat(years).isEqualTo(5);
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("restore.ks", "backup.ks");
        }
        assertFingerprintMatchesSshKeygen(generated);
    }

    @Test
    void refusesToOverwriteExistingKeystores() throws Exception {
        Path restore = directory.resolve("restore.jceks");
        Path backup = directory.resolve("backup.jceks");
        Files.writeString(backup, "keep me");
        BackupKeyGenerator.Parameters parameters = BackupKeyGenerator.Parameters.of("cn", restore, backup);
        assertThatThrownBy(() -> BackupKeyGenerator.generate(parameters, RESTORE_PASSWORD, BACKUP_PASSWORD))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains(backup.toString());
                });
        assertThat(Files.readString(backup)).isEqualTo("keep me");
        assertThat(restore).doesNotExist();
    }

    @Test
    void validatesParameters() {
        Path a = directory.resolve("a");
        Path b = directory.resolve("b");
        BackupKeyGenerator.Parameters defaults = BackupKeyGenerator.Parameters.of("cn", a, b);
        assertThat(defaults.keyBits()).isEqualTo(3072);
        assertThat(defaults.storeType()).isEqualTo("JCEKS");
        assertThatThrownBy(() -> defaults.withKeyBits(2048)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withStoreType("JKS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withValidityYears(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackupKeyGenerator.Parameters.of("cn", a, a))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackupKeyGenerator.Parameters.of(" ", a, b))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertFingerprintMatchesSshKeygen(BackupKeyGenerator.Generated generated) throws Exception {
        Optional<ExternalProgram> sshKeygen = ExternalProgram.optional("ssh-keygen");
        assumeTrue(sshKeygen.isPresent(), "ssh-keygen is not installed; it is optional for this check");
        Path pub = directory.resolve("backup.pub");
        Files.writeString(pub, generated.sshLine() + "\n");
        String output = sshKeygen
                .get()
                .runSuccessfully(new byte[0], "-lf", pub.toString())
                .stdoutText();
        assertThat(output.split(" ")[1]).isEqualTo(generated.fingerprint());
        Files.delete(pub);
    }
}
