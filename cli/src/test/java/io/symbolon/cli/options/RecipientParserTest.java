package io.symbolon.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.archive.recipient.ScryptRecipient;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.cli.ScriptedTerminal;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientParserTest {
    @TempDir
    static Path directory;

    static BackupKeyGenerator.Generated backupKey;

    @BeforeAll
    static void generateABackupKey() {
        backupKey = BackupKeyGenerator.generate(
                BackupKeyGenerator.Parameters.of(
                                "admin", directory.resolve("restore.p12"), directory.resolve("backup.p12"))
                        .withStoreType("PKCS12"),
                "restore".toCharArray(),
                "backup".toCharArray());
    }

    private static RecipientParser parser(ScriptedTerminal terminal) {
        return new RecipientParser(
                new Secrets(terminal),
                new SecretSource("password of the recipient keystore", "--recipient-keystore-password", "KS", null),
                new SecretSource("passphrase for the archive", "--new-passphrase", null, null));
    }

    private static List<Recipient> parse(String text) {
        try (RecipientParser parser = parser(ScriptedTerminal.withoutConsole().variable("KS", "backup"))) {
            return parser.parse(text);
        }
    }

    @Test
    void readsAnAgeRecipient() {
        try (X25519Identity identity = X25519Identity.generate()) {
            assertThat(parse(identity.recipient().encoded()))
                    .singleElement()
                    .satisfies(r -> assertThat(r.fingerprint())
                            .isEqualTo(identity.recipient().fingerprint()));
        }
    }

    @Test
    void readsAnSshRsaLineInlineAndFromAFile() throws Exception {
        try (X25519Identity identity = X25519Identity.generate()) {
            Path file = Files.writeString(
                    directory.resolve("recipients.txt"),
                    "# admins\n\n" + backupKey.sshLine() + "\n"
                            + identity.recipient().encoded() + "\n");

            assertThat(parse(backupKey.sshLine()))
                    .singleElement()
                    .satisfies(r -> assertThat(r.fingerprint()).isEqualTo(backupKey.fingerprint()));
            assertThat(parse("@" + file))
                    .extracting(Recipient::fingerprint)
                    .containsExactly(
                            backupKey.fingerprint(), identity.recipient().fingerprint());
        }
    }

    @Test
    void readsTheCertificatesOfABackupKeystore() {
        assertThat(parse("keystore:" + backupKey.backupKeystore() + "#" + backupKey.alias()))
                .extracting(Recipient::fingerprint)
                .containsExactly(backupKey.fingerprint());
        assertThat(parse("keystore:" + backupKey.backupKeystore()))
                .extracting(Recipient::fingerprint)
                .containsExactly(backupKey.fingerprint());
    }

    @Test
    void aKeystoreWithTheWrongPasswordIsRefusedAsSuch() {
        try (RecipientParser parser = parser(ScriptedTerminal.withoutConsole().variable("KS", "wrong"))) {
            assertThatThrownBy(() -> parser.parse("keystore:" + backupKey.backupKeystore()))
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.WRONG_PASSWORD));
        }
    }

    @Test
    void aPassphraseIsAskedTwice() {
        ScriptedTerminal terminal = ScriptedTerminal.typing("long passphrase", "long passphrase");
        try (RecipientParser parser = parser(terminal)) {
            assertThat(parser.parse("passphrase")).singleElement().isInstanceOf(ScryptRecipient.class);
        }
        assertThat(terminal.prompts()).hasSize(2);
    }

    @Test
    void refusesAnUnknownSyntaxNamingTheKnownOnes() {
        assertThatThrownBy(() -> parse("gpg:ABCDEF"))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT))
                .hasMessageContaining("unknown recipient syntax 'gpg:ABCDEF'")
                .hasMessageContaining("age1…")
                .hasMessageContaining("keystore:PATH[#ALIAS]");
    }

    @Test
    void neverRepeatsASecretKeyPastedAsARecipient() {
        try (X25519Identity identity = X25519Identity.generate()) {
            String secret = identity.encoded();

            assertThatThrownBy(() -> parse(secret))
                    .hasMessageContaining("that is an age identity (a secret key)")
                    .hasMessageNotContaining(secret.substring(15, 30));
        }
    }

    @Test
    void refusesSshKeysOtherThanRsa() {
        assertThatThrownBy(() -> parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ admin"))
                .hasMessageContaining("only ssh-rsa keys");
    }
}
