package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Stanza;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScryptTest {
    private static final char[] PASSPHRASE = "hunter2 hunter2".toCharArray();

    @Test
    void wrapsWithAFreshSaltAndTheGivenWorkFactor() {
        try (FileKey fileKey = FileKey.generate();
                ScryptRecipient recipient = new ScryptRecipient(PASSPHRASE, 10);
                ScryptIdentity identity = new ScryptIdentity(PASSPHRASE)) {
            Stanza first = recipient.wrap(fileKey).getFirst();
            Stanza second = recipient.wrap(fileKey).getFirst();
            assertThat(first.arguments()).hasSize(3).startsWith("scrypt").endsWith("10");
            assertThat(first.arguments().get(1))
                    .hasSize(22)
                    .isNotEqualTo(second.arguments().get(1));
            try (FileKey unwrapped = identity.unwrap(List.of(first)).orElseThrow()) {
                assertThat(unwrapped.secret().sameAs(fileKey.secret())).isTrue();
            }
            assertThat(recipient.requiresSoleStanza()).isTrue();
            assertThat(recipient.fingerprint()).isEqualTo("passphrase");
            assertThat(recipient.kind()).isEqualTo("scrypt");
        }
    }

    @Test
    void wrongPassphraseIsNoMatchNotAnError() {
        try (FileKey fileKey = FileKey.generate()) {
            Stanza stanza = new ScryptRecipient(PASSPHRASE, 10).wrap(fileKey).getFirst();
            assertThat(new ScryptIdentity("wrong".toCharArray()).unwrap(List.of(stanza)))
                    .isEmpty();
        }
    }

    @Test
    void refusesWorkFactorsAboveTheIdentitysLimitBeforeComputingThem() {
        try (FileKey fileKey = FileKey.generate()) {
            Stanza stanza = new ScryptRecipient(PASSPHRASE, 12).wrap(fileKey).getFirst();
            assertThatThrownBy(() -> new ScryptIdentity(PASSPHRASE, 11).unwrap(List.of(stanza)))
                    .isInstanceOfSatisfying(AgeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER);
                        assertThat(e.getMessage()).contains("2^12").contains("2^11");
                    });
        }
    }

    @Test
    void refusesMalformedScryptStanzas() {
        try (FileKey fileKey = FileKey.generate()) {
            Stanza good = new ScryptRecipient(PASSPHRASE, 10).wrap(fileKey).getFirst();
            String salt = good.arguments().get(1);
            ScryptIdentity identity = new ScryptIdentity(PASSPHRASE);
            for (List<String> arguments : List.of(
                    List.of("scrypt", salt),
                    List.of("scrypt", salt, "10", "x"),
                    List.of("scrypt", salt + "A", "10"),
                    List.of("scrypt", "AAAA", "10"),
                    List.of("scrypt", salt, "010"),
                    List.of("scrypt", salt, "0"),
                    List.of("scrypt", salt, "+10"),
                    List.of("scrypt", salt, "0xa"),
                    List.of("scrypt", salt, "99999999999"))) {
                assertThatThrownBy(() -> identity.unwrap(List.of(new Stanza(arguments, good.body()))))
                        .as(arguments.toString())
                        .isInstanceOfSatisfying(
                                AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER));
            }
            assertThatThrownBy(() -> identity.unwrap(List.of(new Stanza(good.arguments(), new byte[48]))))
                    .isInstanceOf(AgeException.class);
            assertThatThrownBy(() -> identity.unwrap(List.of(good, new Stanza(List.of("other"), new byte[0]))))
                    .isInstanceOf(AgeException.class)
                    .hasMessageContaining("only stanza");
        }
    }

    @Test
    void validatesWorkFactorsAndWipesPassphraseCopies() {
        assertThatThrownBy(() -> new ScryptRecipient(PASSPHRASE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScryptRecipient(PASSPHRASE, 23)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScryptRecipient(new char[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScryptIdentity(PASSPHRASE, 31)).isInstanceOf(IllegalArgumentException.class);
        char[] mine = "mine".toCharArray();
        ScryptRecipient recipient = new ScryptRecipient(mine, 10);
        recipient.close();
        assertThat(mine).containsExactly('m', 'i', 'n', 'e');
        assertThat(recipient.toString()).doesNotContain("mine");
        try (FileKey fileKey = FileKey.generate()) {
            assertThatThrownBy(() -> recipient.wrap(fileKey)).isInstanceOf(IllegalStateException.class);
        }
    }
}
