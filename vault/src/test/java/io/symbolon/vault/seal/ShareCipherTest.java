package io.symbolon.vault.seal;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.testing.SampleObjects;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShareCipherTest {
    private final SecureRandom random = new SecureRandom();
    private final SystemKey key = SystemKey.generate(random);
    private final ShareCipher ep = new ShareCipher(key, Role.EP);
    private final VaultObject object = aes256(0x0063858a832dc39aL, "part1", "256AES", 3);
    private final SecretBytes share = SecretBytes.adopt(SampleObjects.randomBytes(32));

    @AfterEach
    void wipe() {
        ep.close();
        key.close();
        share.close();
    }

    @Test
    void opensWhatItSealedForTheSameObject() {
        byte[] sealed = ep.seal(object, share);
        assertThat(sealed).hasSize(32 + ShareCipher.OVERHEAD);
        try (SecretBytes opened = ep.open(object, sealed)) {
            assertThat(opened.sameAs(share)).isTrue();
        }
    }

    @Test
    void opensIntoACallersBuffer() {
        byte[] sealed = ep.seal(object, share);
        byte[] buffer = new byte[64];
        int length = ep.open(object, object.fingerprint(), sealed, buffer, 16);
        assertThat(length).isEqualTo(32);
        assertThat(Arrays.copyOfRange(buffer, 16, 48)).isEqualTo(share.reveal());
    }

    @Test
    void sealsTheEmptyShareOfACertificateStillBoundToItsRow() {
        VaultObject certificate = SampleObjects.ofType(ObjectType.CERTIFICATE, 77, "part1", "cert", 0);
        try (SecretBytes empty = SecretBytes.adopt(new byte[0])) {
            byte[] sealed = ep.seal(certificate, empty);
            assertThat(ep.open(certificate, sealed).length()).isZero();
            assertRefused(() -> ep.open(certificate.withEpoch(1), sealed));
        }
    }

    @Test
    void drawsAFreshNonceForEverySeal() {
        assertThat(ep.seal(object, share)).isNotEqualTo(ep.seal(object, share));
    }

    @Test
    void refusesAShareSealedForTheOtherRole() {
        byte[] sealed = ep.seal(object, share);
        try (ShareCipher partner = new ShareCipher(key, Role.PARTNER)) {
            assertRefused(() -> partner.open(object, sealed));
        }
    }

    @Test
    void refusesAShareOpenedForAnotherVersionEpochOrObject() {
        byte[] sealed = ep.seal(object, share);
        assertRefused(() -> ep.open(object.withEpoch(4), sealed));
        assertRefused(() -> ep.open(object.withAttributes(object.attributes().withExtractable(true)), sealed));
        assertRefused(() -> ep.open(aes256(0x0063858a832dc39bL, "part1", "256AES", 3), sealed));
    }

    @Test
    void refusesEveryFlippedBit() {
        byte[] sealed = ep.seal(object, share);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] damaged = sealed.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRefused(() -> ep.open(object, damaged));
        }
    }

    @Test
    void refusesEveryTruncation() {
        byte[] sealed = ep.seal(object, share);
        for (int length = 0; length < sealed.length; length++) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertRefused(() -> ep.open(object, truncated));
        }
    }

    @Test
    void keepsWorkingAcrossManyEpochs() {
        for (long epoch = 0; epoch < 20; epoch++) {
            VaultObject atEpoch = object.withEpoch(epoch);
            try (SecretBytes opened = ep.open(atEpoch, ep.seal(atEpoch, share))) {
                assertThat(opened.sameAs(share)).isTrue();
            }
        }
    }

    @Test
    void neverShowsKeysInItsDescription() {
        assertThat(ep.toString()).doesNotContain(java.util.HexFormat.of().formatHex(share.reveal()));
        assertThat(key.toString()).contains("redacted");
    }

    private void assertRefused(Runnable open) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(SymbolonException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.SHARE_TAMPERED);
            assertThat(e.getMessage()).contains("0x00");
        });
    }
}
