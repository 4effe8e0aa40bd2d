package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeystoresTest {
    private static final char[] STORE_PASSWORD = "store-secret-1".toCharArray();
    private static final char[] KEY_PASSWORD = "key-secret-2".toCharArray();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"JCEKS", "PKCS12"})
    void loadsRecipientsAndTheIdentityThatUnwrapsForThem(String type) throws Exception {
        Path file = write(type, "restore", true, KEY_PASSWORD);
        assertThat(Keystores.detectType(file)).isEqualTo(type);
        KeyStore keyStore = Keystores.load(file, STORE_PASSWORD);
        List<SshRsaRecipient> recipients = Keystores.recipients(keyStore, null);
        assertThat(recipients).hasSize(2);
        SshRsaIdentity identity = Keystores.identity(keyStore, "restore", KEY_PASSWORD);
        assertThat(Keystores.recipients(keyStore, "restore")).containsExactly(identity.recipient());
        try (FileKey fileKey = FileKey.generate()) {
            List<Stanza> stanzas = identity.recipient().wrap(fileKey);
            try (FileKey unwrapped = identity.unwrap(stanzas).orElseThrow()) {
                assertThat(unwrapped.secret().sameAs(fileKey.secret())).isTrue();
            }
        }
        assertThat(Keystores.identity(file, STORE_PASSWORD, null, KEY_PASSWORD).fingerprint())
                .isEqualTo(identity.fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JCEKS", "PKCS12"})
    void wrongStorePasswordNamesTheFileAndNotThePassword(String type) throws Exception {
        Path file = write(type, "restore", true, KEY_PASSWORD);
        char[] wrong = "wrong-guess-3".toCharArray();
        assertThatThrownBy(() -> Keystores.load(file, wrong)).isInstanceOfSatisfying(SymbolonException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.WRONG_PASSWORD);
            assertThat(e.getMessage())
                    .contains("wrong password for keystore " + file)
                    .doesNotContain("wrong-guess-3")
                    .doesNotContain("store-secret-1");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"JCEKS", "PKCS12"})
    void wrongKeyPasswordNamesTheEntryAndTheFile(String type) throws Exception {
        Path file = write(type, "restore", true, KEY_PASSWORD);
        assertThatThrownBy(() -> Keystores.identity(file, STORE_PASSWORD, "restore", "nope-4".toCharArray()))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.WRONG_PASSWORD);
                    assertThat(e.getMessage())
                            .contains("restore")
                            .contains(file.toString())
                            .doesNotContain("nope-4");
                });
    }

    @Test
    void refusesFilesThatAreNotKeystoresAndMissingFiles() throws IOException {
        Path text = directory.resolve("notes.txt");
        Files.writeString(text, "not a keystore");
        assertThatThrownBy(() -> Keystores.load(text, STORE_PASSWORD))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.KEYSTORE));
        Path der = directory.resolve("fake.p12");
        Files.write(der, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        assertThatThrownBy(() -> Keystores.load(der, STORE_PASSWORD))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.KEYSTORE));
        assertThatThrownBy(() -> Keystores.load(directory.resolve("missing.jceks"), STORE_PASSWORD))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void identityWithoutAliasNeedsExactlyOnePrivateKeyEntry() throws Exception {
        Path none = write("PKCS12", "restore", false, STORE_PASSWORD);
        assertThatThrownBy(() -> Keystores.identity(none, STORE_PASSWORD, null, null))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.KEYSTORE));
        assertThatThrownBy(() -> Keystores.identity(none, STORE_PASSWORD, "absent", null))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> Keystores.identity(none, STORE_PASSWORD, "other", null))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.KEYSTORE));
    }

    @Test
    void refusesWeakCertificatesAsRecipients() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setCertificateEntry("old", TestKeys.selfSigned(TestKeys.rsa2048(), "old"));
        assertThatThrownBy(() -> Keystores.recipients(keyStore, null))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.WEAK_KEY));
    }

    /**
     * A keystore with, if {@code withPrivateKey}, a private key entry {@code alias} (under {@code
     * keyPassword}), and always a trusted-certificate entry "other".
     */
    private Path write(String type, String alias, boolean withPrivateKey, char[] keyPassword) throws Exception {
        KeyPair pair = TestKeys.rsa3072();
        KeyStore keyStore = KeyStore.getInstance(type);
        keyStore.load(null, null);
        if (withPrivateKey) {
            keyStore.setKeyEntry(
                    alias, pair.getPrivate(), keyPassword, new Certificate[] {TestKeys.selfSigned(pair, alias)});
        }
        keyStore.setCertificateEntry("other", TestKeys.selfSigned(TestKeys.rsa3072(), "other"));
        Path file = Files.createTempFile(directory, "keystore", "." + type.toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, STORE_PASSWORD);
        }
        return file;
    }
}
