package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Stanza;
import io.symbolon.archive.testing.ExternalProgram;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshRsaTest {

    @Test
    void stanzaCarriesTheTagOfTheSshWireEncodingAndUnwraps() throws Exception {
        KeyPair pair = TestKeys.rsa3072();
        SshRsaRecipient recipient = TestKeys.recipient(pair);
        byte[] wire = SshWire.encodeRsa((RSAPublicKey) pair.getPublic());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(wire);
        try (FileKey fileKey = FileKey.generate()) {
            Stanza stanza = recipient.wrap(fileKey).getFirst();
            assertThat(stanza.arguments())
                    .containsExactly(
                            "ssh-rsa", Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 4)));
            assertThat(stanza.bodyLength()).isEqualTo(384);
            try (FileKey unwrapped =
                    TestKeys.identity(pair).unwrap(List.of(stanza)).orElseThrow()) {
                assertThat(unwrapped.secret().sameAs(fileKey.secret())).isTrue();
            }
            assertThat(recipient.fingerprint())
                    .isEqualTo("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        }
    }

    @Test
    void sshLineRoundTripsAndStartsWithTheKeyType() {
        SshRsaRecipient recipient = TestKeys.recipient(TestKeys.rsa3072());
        String line = recipient.sshLine("backup@ep1");
        assertThat(line).startsWith("ssh-rsa AAAAB3NzaC1yc2E").endsWith(" backup@ep1");
        assertThat(SshRsaRecipient.parseSshLine(line)).isEqualTo(recipient);
        assertThat(SshRsaRecipient.parseSshLine(recipient.sshLine(null) + "\n")).isEqualTo(recipient);
        for (String bad : List.of(
                "",
                "ssh-rsa",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA",
                "ssh-rsa !!!",
                "ssh-rsa " + Base64.getEncoder().encodeToString("garbage".getBytes(StandardCharsets.US_ASCII)))) {
            assertThatThrownBy(() -> SshRsaRecipient.parseSshLine(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT));
        }
    }

    @Test
    void refusesNewRecipientsBelow3072BitsButDecryptsWith2048BitIdentities() throws Exception {
        KeyPair small = TestKeys.rsa2048();
        assertThatThrownBy(() -> TestKeys.recipient(small)).isInstanceOfSatisfying(SymbolonException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.WEAK_KEY);
            assertThat(e.getMessage()).contains("2048").contains("3072");
        });
        SshRsaIdentity identity = TestKeys.identity(small);
        // A stanza as the reference age writes it for a 2048-bit key.
        try (FileKey fileKey = FileKey.generate()) {
            byte[] body = SshRsa.oaep(Cipher.ENCRYPT_MODE, small.getPublic())
                    .doFinal(fileKey.secret().reveal());
            String tag = SshRsa.tag(SshWire.encodeRsa((RSAPublicKey) small.getPublic()));
            try (FileKey unwrapped = identity.unwrap(List.of(Stanza.of("ssh-rsa", List.of(tag), body)))
                    .orElseThrow()) {
                assertThat(unwrapped.secret().sameAs(fileKey.secret())).isTrue();
            }
        }
    }

    @Test
    void ignoresStanzasForOtherKeysAndRefusesMalformedOnes() {
        SshRsaIdentity identity = TestKeys.identity(TestKeys.rsa3072());
        try (FileKey fileKey = FileKey.generate()) {
            Stanza good = identity.recipient().wrap(fileKey).getFirst();
            String tag = good.arguments().get(1);
            assertThat(identity.unwrap(List.of(new Stanza(List.of("ssh-rsa", "AAAAAA"), good.body()))))
                    .isEmpty();
            assertThat(identity.unwrap(List.of(new Stanza(List.of("X25519", tag), good.body()))))
                    .isEmpty();
            byte[] damaged = good.body();
            damaged[10] ^= 1;
            assertThat(identity.unwrap(List.of(new Stanza(good.arguments(), damaged))))
                    .isEmpty();
            for (Stanza malformed : List.of(
                    new Stanza(List.of("ssh-rsa"), good.body()),
                    new Stanza(List.of("ssh-rsa", tag, "x"), good.body()),
                    new Stanza(List.of("ssh-rsa", tag), new byte[100]))) {
                assertThatThrownBy(() -> identity.unwrap(List.of(malformed)))
                        .as(malformed.toString())
                        .isInstanceOfSatisfying(
                                AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER));
            }
        }
        assertThat(identity.describe()).isEqualTo("ssh-rsa " + identity.fingerprint());
    }

    @Test
    void refusesIdentityWhoseHalvesDoNotMatch() {
        KeyPair one = TestKeys.rsa3072();
        KeyPair other = TestKeys.rsa2048();
        assertThatThrownBy(() -> new SshRsaIdentity(
                        (java.security.interfaces.RSAPrivateKey) one.getPrivate(), (RSAPublicKey) other.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintMatchesSshKeygen(@TempDir Path directory) throws Exception {
        Optional<ExternalProgram> sshKeygen = ExternalProgram.optional("ssh-keygen");
        assumeTrue(sshKeygen.isPresent(), "ssh-keygen is not installed; it is optional for this check");
        SshRsaRecipient recipient = TestKeys.recipient(TestKeys.rsa3072());
        Path file = directory.resolve("key.pub");
        Files.writeString(file, recipient.sshLine("test") + "\n");
        String output = sshKeygen
                .get()
                .runSuccessfully(new byte[0], "-lf", file.toString())
                .stdoutText();
        assertThat(output.split(" ")[1]).isEqualTo(recipient.fingerprint());
        assertThat(output).startsWith("3072 ");
    }
}
