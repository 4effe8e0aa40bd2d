package io.symbolon.vault.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RefreshMasksTest {
    private final SecureRandom random = new SecureRandom();
    private final ObjectUid uid = new ObjectUid(0x0063858a832dc39aL);

    @Test
    void givesBothNodesTheSameMaskFromTheSameSeed() {
        try (SecretBytes seed = RefreshMasks.newSeed(random);
                RefreshMasks ep = new RefreshMasks(seed, 5);
                RefreshMasks partner = new RefreshMasks(seed, 5);
                SecretBytes epMask = ep.maskFor(uid, ObjectType.AES_256, 32);
                SecretBytes partnerMask = partner.maskFor(uid, ObjectType.AES_256, 32)) {
            assertThat(epMask.sameAs(partnerMask)).isTrue();
        }
    }

    @Test
    void givesEveryObjectAndEveryEpochItsOwnMask() {
        try (SecretBytes seed = RefreshMasks.newSeed(random);
                RefreshMasks now = new RefreshMasks(seed, 5);
                RefreshMasks next = new RefreshMasks(seed, 6);
                SecretBytes mask = now.maskFor(uid, ObjectType.AES_256, 32);
                SecretBytes otherUid = now.maskFor(new ObjectUid(uid.value() + 1), ObjectType.AES_256, 32);
                SecretBytes otherEpoch = next.maskFor(uid, ObjectType.AES_256, 32)) {
            assertThat(mask.sameAs(otherUid)).isFalse();
            assertThat(mask.sameAs(otherEpoch)).isFalse();
        }
    }

    @Test
    void givesScalarMasksReducedModuloTheOrderAndDataMasksOfAnyLength() {
        try (SecretBytes seed = RefreshMasks.newSeed(random);
                RefreshMasks masks = new RefreshMasks(seed, 1);
                SecretBytes scalar = masks.maskFor(uid, ObjectType.ED25519, 32);
                SecretBytes data = masks.maskFor(uid, ObjectType.SECRET_DATA, ObjectType.MAX_SECRET_DATA)) {
            ScalarScheme.ED25519.requireValidShare(ObjectType.ED25519, scalar);
            assertThat(data.length()).isEqualTo(ObjectType.MAX_SECRET_DATA);
        }
    }
}
