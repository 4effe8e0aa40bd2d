package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class X25519Test {
    /** The example key pair of age.md, "The X25519 recipient type". */
    static final String SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";

    static final String SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

    @Test
    void derivesTheSpecificationsExampleRecipient() {
        try (X25519Identity identity = X25519Identity.parse(SPEC_IDENTITY)) {
            assertThat(identity.recipient().encoded()).isEqualTo(SPEC_RECIPIENT);
            assertThat(identity.encoded()).isEqualTo(SPEC_IDENTITY);
            assertThat(X25519Recipient.parse(SPEC_RECIPIENT)).isEqualTo(identity.recipient());
        }
    }

    @Test
    void fingerprintIsSha256OfTheRawPublicKey() throws Exception {
        X25519Recipient recipient = X25519Recipient.parse(SPEC_RECIPIENT);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(recipient.publicKey());
        assertThat(recipient.fingerprint())
                .isEqualTo("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        assertThat(recipient.kind()).isEqualTo("X25519");
    }

    @Test
    void wrapsAFreshShareEveryTimeAndUnwrapsIt() {
        X25519Identity identity = X25519Identity.generate();
        try (FileKey fileKey = FileKey.generate()) {
            List<Stanza> first = identity.recipient().wrap(fileKey);
            List<Stanza> second = identity.recipient().wrap(fileKey);
            assertThat(first.getFirst().arguments().get(1))
                    .isNotEqualTo(second.getFirst().arguments().get(1));
            assertThat(first.getFirst().bodyLength()).isEqualTo(32);
            try (FileKey unwrapped = identity.unwrap(first).orElseThrow()) {
                assertThat(unwrapped.secret().sameAs(fileKey.secret())).isTrue();
            }
            assertThat(X25519Identity.generate().unwrap(first)).isEmpty();
        }
    }

    @Test
    void refusesMalformedX25519StanzasAddressedToIt() {
        X25519Identity identity = X25519Identity.generate();
        try (FileKey fileKey = FileKey.generate()) {
            Stanza good = identity.recipient().wrap(fileKey).getFirst();
            String share = good.arguments().get(1);
            List<Stanza> malformed = List.of(
                    new Stanza(List.of("X25519"), good.body()),
                    new Stanza(List.of("X25519", share, "extra"), good.body()),
                    new Stanza(List.of("X25519", share + "A"), good.body()),
                    new Stanza(List.of("X25519", "AAAA"), good.body()),
                    new Stanza(List.of("X25519", share), new byte[33]),
                    new Stanza(List.of("X25519", "A".repeat(43)), good.body()));
            for (Stanza stanza : malformed) {
                assertThatThrownBy(() -> identity.unwrap(List.of(stanza)))
                        .as(stanza.toString())
                        .isInstanceOfSatisfying(
                                AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER));
            }
            assertThat(identity.unwrap(List.of(new Stanza(List.of("x25519", share), good.body()))))
                    .isEmpty();
        }
    }

    @Test
    void parseErrorsNeverRepeatTheSecret() {
        String damaged = SPEC_IDENTITY.substring(0, SPEC_IDENTITY.length() - 1) + "Y";
        for (String bad :
                List.of(damaged, SPEC_IDENTITY.toLowerCase(), SPEC_RECIPIENT, "AGE-SECRET-KEY-PQ-1" + "Q".repeat(60))) {
            assertThatThrownBy(() -> X25519Identity.parse(bad)).isInstanceOfSatisfying(SymbolonException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED);
                assertThat(e.getMessage()).doesNotContain(bad.substring(16, 40));
            });
        }
        assertThatThrownBy(() -> X25519Recipient.parse(SPEC_IDENTITY))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT));
        assertThat(X25519Identity.parse(SPEC_IDENTITY).toString()).doesNotContain("GFPYYSJZ");
        assertThat(X25519Identity.parse(SPEC_IDENTITY).describe()).startsWith("X25519 SHA256:");
    }
}
