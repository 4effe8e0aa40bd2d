package io.symbolon.archive.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.recipient.ScryptIdentity;
import io.symbolon.archive.recipient.ScryptRecipient;
import io.symbolon.archive.recipient.SshRsaIdentity;
import io.symbolon.archive.recipient.TestKeys;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whole files through {@link Age}: every recipient kind, mixes, refusals and a tamper matrix. */
class AgeTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @Test
    void roundTripsForEachRecipientKind() throws IOException {
        byte[] plaintext = PayloadStreamTest.random(200_000, 1);
        X25519Identity x25519 = X25519Identity.generate();
        SshRsaIdentity rsa = TestKeys.identity(TestKeys.rsa3072());
        assertThat(roundTrip(plaintext, List.of(x25519.recipient()), List.of(x25519)))
                .isEqualTo(plaintext);
        assertThat(roundTrip(plaintext, List.of(rsa.recipient()), List.of(rsa))).isEqualTo(plaintext);
        assertThat(roundTrip(
                        plaintext,
                        List.of(new ScryptRecipient(PASSPHRASE, 10)),
                        List.of(new ScryptIdentity(PASSPHRASE))))
                .isEqualTo(plaintext);
    }

    @Test
    void everyRecipientOfAMixedFileCanDecryptIt() throws IOException {
        byte[] plaintext = "mixed".getBytes(StandardCharsets.US_ASCII);
        X25519Identity first = X25519Identity.generate();
        X25519Identity second = X25519Identity.generate();
        SshRsaIdentity rsa = TestKeys.identity(TestKeys.rsa3072());
        byte[] file = encrypt(plaintext, List.of(first.recipient(), rsa.recipient(), second.recipient()));
        for (Identity identity : List.<Identity>of(first, second, rsa)) {
            assertThat(decrypt(file, List.of(identity))).isEqualTo(plaintext);
        }
        // Identities that do not match are passed over.
        assertThat(decrypt(file, List.of(X25519Identity.generate(), new ScryptIdentity(PASSPHRASE), rsa)))
                .isEqualTo(plaintext);
        Header header = Header.read(new ByteArrayInputStream(file));
        assertThat(header.stanzas()).extracting(Stanza::type).containsExactly("X25519", "ssh-rsa", "X25519");
    }

    @Test
    void refusesToEncryptToAPassphraseAlongsideAnotherRecipient() {
        List<Recipient> recipients = List.of(
                new ScryptRecipient(PASSPHRASE, 10), X25519Identity.generate().recipient());
        assertThatThrownBy(() -> Age.encrypt(OutputStream.nullOutputStream(), recipients))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT));
        assertThatThrownBy(() -> Age.encrypt(OutputStream.nullOutputStream(), List.of()))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT));
    }

    @Test
    void refusesToDecryptAnScryptStanzaThatIsNotAlone() throws IOException {
        X25519Identity x25519 = X25519Identity.generate();
        try (FileKey fileKey = FileKey.generate()) {
            List<Stanza> stanzas = new java.util.ArrayList<>(new ScryptRecipient(PASSPHRASE, 10).wrap(fileKey));
            stanzas.addAll(x25519.recipient().wrap(fileKey));
            Header header = Header.create(stanzas, fileKey);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(header.encoded());
            try (OutputStream out = new PayloadEncryptor(file, fileKey)) {
                out.write(1);
            }
            for (List<Identity> identities :
                    List.<List<Identity>>of(List.of(x25519), List.of(new ScryptIdentity(PASSPHRASE)))) {
                assertThatThrownBy(() -> decrypt(file.toByteArray(), identities))
                        .isInstanceOfSatisfying(
                                AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER));
            }
        }
    }

    @Test
    void wrongIdentityIsNoMatchAndTheMessageNamesFingerprintsButNoSecret() throws IOException {
        X25519Identity intended = X25519Identity.generate();
        X25519Identity other = X25519Identity.generate();
        byte[] file = encrypt(new byte[10], List.of(intended.recipient()));
        assertThatThrownBy(() -> decrypt(file, List.of(other, new ScryptIdentity(PASSPHRASE))))
                .isInstanceOfSatisfying(AgeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AgeException.Kind.NO_MATCH);
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY);
                    assertThat(e.getMessage())
                            .contains(other.recipient().fingerprint())
                            .contains("X25519")
                            .doesNotContain(other.encoded())
                            .doesNotContain(new String(PASSPHRASE));
                });
        assertThatThrownBy(() -> decrypt(file, List.of(new ScryptIdentity("wrong".toCharArray()))))
                .isInstanceOfSatisfying(
                        AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.NO_MATCH));
    }

    @Test
    void armoredFilesRoundTrip() throws IOException {
        X25519Identity identity = X25519Identity.generate();
        byte[] plaintext = PayloadStreamTest.random(70_000, 3);
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (OutputStream out = Age.encrypt(Armor.encode(armored), List.of(identity.recipient()))) {
            out.write(plaintext);
        }
        assertThat(Armor.looksArmored(armored.toByteArray())).isTrue();
        try (Age.Decryption decryption =
                Age.decrypt(Armor.decode(new ByteArrayInputStream(armored.toByteArray())), List.of(identity))) {
            assertThat(decryption.plaintext().readAllBytes()).isEqualTo(plaintext);
        }
    }

    @Test
    void rekeyingRewrapsTheFileKeyAndKeepsThePayload() throws IOException {
        X25519Identity before = X25519Identity.generate();
        X25519Identity after = X25519Identity.generate();
        byte[] plaintext = "rekey me".getBytes(StandardCharsets.US_ASCII);
        byte[] file = encrypt(plaintext, List.of(before.recipient()));
        byte[] rekeyed;
        try (Age.Decryption decryption = Age.decrypt(new ByteArrayInputStream(file), List.of(before))) {
            Header header = Age.header(decryption.fileKey(), List.of(after.recipient()));
            byte[] payload = Arrays.copyOfRange(file, decryption.header().length(), file.length);
            rekeyed = HeaderTest.concat(header.encoded(), payload);
        }
        assertThat(decrypt(rekeyed, List.of(after))).isEqualTo(plaintext);
        assertThatThrownBy(() -> decrypt(rekeyed, List.of(before))).isInstanceOf(AgeException.class);
    }

    /** Flip every byte of a small file, two ways: an error of the right kind, never other plaintext. */
    @Test
    void flippingAnyByteOfAFileIsRefusedWithTheRightKind() throws IOException {
        X25519Identity identity = X25519Identity.generate();
        byte[] plaintext = "a small secret payload".getBytes(StandardCharsets.US_ASCII);
        byte[] file = encrypt(plaintext, List.of(identity.recipient()));
        int headerLength = Header.read(new ByteArrayInputStream(file)).length();
        int macLineStart = new String(file, 0, headerLength, StandardCharsets.US_ASCII).lastIndexOf("\n---") + 1;
        for (int position = 0; position < file.length; position++) {
            Set<AgeException.Kind> allowed = position >= headerLength
                    ? EnumSet.of(AgeException.Kind.PAYLOAD)
                    : position >= macLineStart
                            ? EnumSet.of(AgeException.Kind.HEADER, AgeException.Kind.HMAC)
                            : EnumSet.of(AgeException.Kind.HEADER, AgeException.Kind.NO_MATCH, AgeException.Kind.HMAC);
            for (int mask : new int[] {0x01, 0x20}) {
                byte[] damaged = file.clone();
                damaged[position] ^= (byte) mask;
                assertRefused(damaged, identity, plaintext, allowed, "byte " + position + " ^ " + mask);
            }
        }
    }

    @Test
    void truncatingAFileAtAnyOffsetIsRefused() throws IOException {
        X25519Identity identity = X25519Identity.generate();
        byte[] plaintext = "a small secret payload".getBytes(StandardCharsets.US_ASCII);
        byte[] file = encrypt(plaintext, List.of(identity.recipient()));
        int headerLength = Header.read(new ByteArrayInputStream(file)).length();
        for (int length = 0; length < file.length; length++) {
            Set<AgeException.Kind> allowed = length < headerLength + 16
                    ? EnumSet.of(AgeException.Kind.HEADER)
                    : EnumSet.of(AgeException.Kind.PAYLOAD);
            assertRefused(Arrays.copyOf(file, length), identity, plaintext, allowed, "length " + length);
        }
    }

    private static void assertRefused(
            byte[] file, Identity identity, byte[] plaintext, Set<AgeException.Kind> allowed, String what) {
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
                    try (Age.Decryption decryption = Age.decrypt(new ByteArrayInputStream(file), List.of(identity))) {
                        decryption.plaintext().transferTo(released);
                    }
                })
                .as(what)
                .isInstanceOfSatisfying(
                        AgeException.class, e -> assertThat(e.kind()).as(what).isIn(allowed));
        byte[] prefix = released.toByteArray();
        assertThat(prefix).as(what).isEqualTo(Arrays.copyOf(plaintext, prefix.length));
        assertThat(prefix.length).as(what).isLessThan(plaintext.length);
    }

    static byte[] encrypt(byte[] plaintext, List<? extends Recipient> recipients) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream out = Age.encrypt(file, recipients)) {
            out.write(plaintext);
        }
        return file.toByteArray();
    }

    static byte[] decrypt(byte[] file, List<? extends Identity> identities) throws IOException {
        try (Age.Decryption decryption = Age.decrypt(new ByteArrayInputStream(file), identities)) {
            InputStream plaintext = decryption.plaintext();
            return plaintext.readAllBytes();
        }
    }

    private static byte[] roundTrip(
            byte[] plaintext, List<? extends Recipient> recipients, List<? extends Identity> identities)
            throws IOException {
        return decrypt(encrypt(plaintext, recipients), identities);
    }
}
