package io.symbolon.vault.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectType;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class XorSchemeTest {
    private final SecureRandom random = new SecureRandom();

    private SecretBytes secret(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return SecretBytes.adopt(bytes);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 32, 1000, ObjectType.MAX_SECRET_DATA})
    void combinesWhatItSplitBackIntoTheSecret(int length) {
        try (SecretBytes secret = secret(length);
                SharePair pair = ShareScheme.XOR.split(secret, random);
                SecretBytes combined = ShareScheme.XOR.combine(pair.ep(), pair.partner())) {
            assertThat(combined.sameAs(secret)).isTrue();
            if (length >= 16) {
                assertThat(pair.ep().sameAs(secret)).isFalse();
                assertThat(pair.partner().sameAs(secret)).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ObjectType.class,
            names = {"AES_128", "AES_256", "HMAC_SHA256"})
    void combinesTwoIndependentlyDrawnSharesIntoAKeyOfTheRightLength(ObjectType type) {
        int length = type == ObjectType.AES_128 ? 16 : 32;
        try (SecretBytes ep = ShareScheme.of(type).randomShare(length, random);
                SecretBytes partner = ShareScheme.of(type).randomShare(length, random);
                SecretBytes key = ShareScheme.of(type).combine(ep, partner)) {
            ShareScheme.of(type).requireValidShare(type, ep);
            assertThat(key.length()).isEqualTo(length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 77})
    void keepsTheSecretThroughARefreshButMakesOldSharesUseless(int length) {
        try (SecretBytes secret = secret(length);
                SharePair pair = ShareScheme.XOR.split(secret, random);
                SecretBytes mask = ShareScheme.XOR.randomMask(length, random);
                SecretBytes ep = ShareScheme.XOR.refresh(pair.ep(), mask, Role.EP);
                SecretBytes partner = ShareScheme.XOR.refresh(pair.partner(), mask, Role.PARTNER);
                SecretBytes combined = ShareScheme.XOR.combine(ep, partner);
                SecretBytes mixed = ShareScheme.XOR.combine(pair.ep(), partner)) {
            assertThat(combined.sameAs(secret)).isTrue();
            assertThat(mixed.sameAs(secret)).isFalse();
        }
    }
}
