package io.symbolon.vault.testing;

import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.storage.StoredObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Valid objects for tests, deterministic where it matters (a fixed clock, chosen uids). */
public final class SampleObjects {
    /** The time every sample is created at. */
    public static final Instant CREATED = Instant.parse("2026-11-23T10:15:30.123Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    private SampleObjects() {}

    /** An AES-256 key with every attribute set. */
    public static VaultObject aes256(long uid, String partition, String name, long epoch) {
        return new VaultObject(
                new ObjectUid(uid),
                partition,
                name,
                ObjectType.AES_256,
                1,
                epoch,
                new Attributes(
                        "label of " + name,
                        "0a0b",
                        false,
                        true,
                        Set.of(Usage.ENCRYPT, Usage.DECRYPT),
                        CREATED,
                        Optional.of(CREATED),
                        Optional.empty()),
                PublicData.NONE);
    }

    /** An object of {@code type} with plausible public data (not a real key: storage does not check). */
    public static VaultObject ofType(ObjectType type, long uid, String partition, String name, long epoch) {
        PublicData publicData = switch (type) {
            case EC_P256 -> {
                byte[] point = new byte[65];
                RANDOM.nextBytes(point);
                point[0] = 0x04;
                yield new PublicData(point);
            }
            case ED25519 -> new PublicData(randomBytes(32));
            case CERTIFICATE -> new PublicData(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
            default -> PublicData.NONE;
        };
        return new VaultObject(
                new ObjectUid(uid),
                partition,
                name,
                type,
                1,
                epoch,
                Attributes.of("", Set.of(Usage.SIGN), CREATED),
                publicData);
    }

    /** A row holding {@code object} with arbitrary bytes for its sealed share (storage does not open them). */
    public static StoredObject row(VaultObject object, ObjectState state) {
        return new StoredObject(object, state, randomBytes(48), CREATED);
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
