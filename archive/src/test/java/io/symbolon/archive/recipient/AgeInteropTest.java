package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.Armor;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.testing.ExternalProgram;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.util.List;
import java.util.Random;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the reference {@code age} program: each side decrypts what the other encrypts,
 * for X25519 and for the ssh-rsa backup keys kept in keystores — the break-glass path of
 * docs/RECOVERY.md, where an administrator decrypts an archive with {@code age} alone.
 */
@Tag("integration")
class AgeInteropTest {
    private static final char[] PASSWORD = "interop-pass".toCharArray();

    @TempDir
    Path directory;

    private ExternalProgram age;
    private byte[] plaintext;

    @BeforeEach
    void findAge() {
        age = ExternalProgram.require("age");
        plaintext = new byte[200_000];
        new Random(42).nextBytes(plaintext);
    }

    @Test
    void weDecryptWhatAgeEncryptsToAnX25519Recipient() throws IOException {
        X25519Identity identity = X25519Identity.generate();
        byte[] file = age.runSuccessfully(plaintext, "-r", identity.recipient().encoded())
                .stdout();
        assertThat(decrypt(file, List.of(identity))).isEqualTo(plaintext);

        byte[] armored = age.runSuccessfully(
                        plaintext, "-a", "-r", identity.recipient().encoded())
                .stdout();
        assertThat(Armor.looksArmored(armored)).isTrue();
        assertThat(decrypt(Armor.decode(new ByteArrayInputStream(armored)), List.of(identity)))
                .isEqualTo(plaintext);
    }

    @Test
    void ageDecryptsWhatWeEncryptToAnX25519Recipient() throws IOException {
        X25519Identity identity = X25519Identity.generate();
        Path identityFile = writePrivate("identity.txt", "# test identity\n" + identity.encoded() + "\n");
        byte[] file =
                encrypt(List.of(identity.recipient(), X25519Identity.generate().recipient()), false);
        assertThat(age.runSuccessfully(file, "-d", "-i", identityFile.toString())
                        .stdout())
                .isEqualTo(plaintext);
        byte[] armored = encrypt(List.of(identity.recipient()), true);
        assertThat(age.runSuccessfully(armored, "-d", "-i", identityFile.toString())
                        .stdout())
                .isEqualTo(plaintext);
    }

    @Test
    void identitiesFromAgeKeygenWork() throws IOException {
        ExternalProgram keygen = ExternalProgram.require("age-keygen");
        Path identityFile = directory.resolve("keygen.txt");
        keygen.runSuccessfully(new byte[0], "-o", identityFile.toString());
        List<Identity> identities = AgeIdentityFile.read(identityFile);
        String recipient = keygen.runSuccessfully(new byte[0], "-y", identityFile.toString())
                .stdoutText()
                .strip();
        assertThat(((X25519Identity) identities.getFirst()).recipient().encoded())
                .isEqualTo(recipient);
        byte[] file = age.runSuccessfully(plaintext, "-r", recipient).stdout();
        assertThat(decrypt(file, identities)).isEqualTo(plaintext);
    }

    /** The break-glass path: a restore keystore exported to an ssh-rsa line and a PEM key for age. */
    @Test
    void ageAndWeExchangeFilesForAnRsaKeyFromAPkcs12Keystore() throws IOException {
        BackupKeyGenerator.Generated generated = BackupKeyGenerator.generate(
                BackupKeyGenerator.Parameters.of(
                                "interop", directory.resolve("restore.p12"), directory.resolve("backup.p12"))
                        .withStoreType(Keystores.PKCS12),
                PASSWORD,
                PASSWORD);
        SshRsaRecipient recipient =
                Keystores.recipients(generated.backupKeystore(), PASSWORD, null).getFirst();
        SshRsaIdentity identity = Keystores.identity(generated.restoreKeystore(), PASSWORD, null, null);

        Path recipientsFile = directory.resolve("recipients.txt");
        Files.writeString(recipientsFile, recipient.sshLine("backup@interop") + "\n");
        Path pem = writePrivate("restore.pem", pem(generated.restoreKeystore()));

        byte[] fromAge =
                age.runSuccessfully(plaintext, "-R", recipientsFile.toString()).stdout();
        assertThat(decrypt(fromAge, List.of(identity))).isEqualTo(plaintext);

        byte[] fromUs = encrypt(List.of(recipient), false);
        assertThat(age.runSuccessfully(fromUs, "-d", "-i", pem.toString()).stdout())
                .isEqualTo(plaintext);
    }

    @Test
    void ageRefusesWhatWeEncryptToSomeoneElse() throws IOException {
        X25519Identity identity = X25519Identity.generate();
        Path identityFile = writePrivate("identity.txt", identity.encoded() + "\n");
        byte[] file = encrypt(List.of(X25519Identity.generate().recipient()), false);
        assertThat(age.run(file, "-d", "-i", identityFile.toString()).exitCode())
                .isNotZero();
    }

    private String pem(Path restoreKeystore) throws IOException {
        try {
            Key key = Keystores.load(restoreKeystore, PASSWORD).getKey("backup", PASSWORD);
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(key);
            }
            // BouncyCastle writes an unencrypted PKCS#1 "RSA PRIVATE KEY", which age reads as an SSH key.
            assertThat(text.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
            return text.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path writePrivate(String name, String content) throws IOException {
        Path file = Files.createFile(
                directory.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }

    private byte[] encrypt(List<? extends Recipient> recipients, boolean armored) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream out = Age.encrypt(armored ? Armor.encode(file) : file, recipients)) {
            out.write(plaintext);
        }
        return file.toByteArray();
    }

    private static byte[] decrypt(byte[] file, List<? extends Identity> identities) throws IOException {
        return decrypt(new ByteArrayInputStream(file), identities);
    }

    private static byte[] decrypt(InputStream file, List<? extends Identity> identities) throws IOException {
        try (Age.Decryption decryption = Age.decrypt(file, identities)) {
            return decryption.plaintext().readAllBytes();
        }
    }
}
