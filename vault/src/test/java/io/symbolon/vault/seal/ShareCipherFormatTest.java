package io.symbolon.vault.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.testing.SampleObjects;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sealed share against the construction its Javadoc specifies, written here apart from {@link
 * ShareCipher} with the JDK's HKDF and AES-GCM: what the cipher seals opens under the specification,
 * what the specification seals (as every earlier version of the cipher did) opens under the cipher, and
 * a pinned vector keeps the format from drifting with both.
 */
class ShareCipherFormatTest {
    private static final byte[] KEY_BYTES =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] NONCE = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final byte[] SHARE =
            HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff");
    private static final VaultObject PINNED_OBJECT = new VaultObject(
            new ObjectUid(0x0063858a832dc39aL),
            "root",
            "pinned",
            ObjectType.AES_256,
            3,
            7,
            Attributes.of("", Set.of(Usage.ENCRYPT), Instant.parse("2026-11-23T10:15:30.123Z")),
            PublicData.NONE);
    /** sealed(KEY_BYTES, EP, PINNED_OBJECT, NONCE, SHARE), by the specification below (2026-11-23). */
    private static final String PINNED_SEALED =
            "01a0a1a2a3a4a5a6a7a8a9aaab6f8da40d924d3857526e04ce2e10fe6e08cdd4df6b0934502eb3827cab320f75d190b7fae29a23710573b6b519449316";

    private final SystemKey key = SystemKey.adopt(SecretBytes.copyOf(KEY_BYTES), new SecureRandom());
    private final ShareCipher ep = new ShareCipher(key, Role.EP);
    private final ShareCipher partner = new ShareCipher(key, Role.PARTNER);

    @AfterEach
    void close() {
        ep.close();
        partner.close();
        key.close();
    }

    private static List<VaultObject> objects() {
        VaultObject unicode = new VaultObject(
                new ObjectUid(Long.MAX_VALUE),
                "part_2",
                "clé 𝄞 " + "n".repeat(240),
                ObjectType.SECRET_DATA,
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                new Attributes(
                        "ü label",
                        "ab".repeat(128),
                        true,
                        false,
                        Set.of(Usage.MAC),
                        SampleObjects.CREATED,
                        Optional.of(SampleObjects.CREATED),
                        Optional.empty()),
                PublicData.NONE);
        return List.of(
                PINNED_OBJECT,
                SampleObjects.aes256(1, "p", "k", 0),
                SampleObjects.ofType(ObjectType.CERTIFICATE, 2, "p", "cert", 3),
                SampleObjects.ofType(ObjectType.EC_P256, 3, "p", "ec", 1),
                unicode);
    }

    @Test
    void opensThePinnedVector() {
        assertThat(HexFormat.of().formatHex(specifiedSeal(Role.EP, PINNED_OBJECT, NONCE, SHARE)))
                .isEqualTo(PINNED_SEALED);
        try (SecretBytes opened = ep.open(PINNED_OBJECT, HexFormat.of().parseHex(PINNED_SEALED))) {
            assertThat(opened.reveal()).isEqualTo(SHARE);
        }
    }

    @Test
    void opensSharesSealedByTheSpecifiedConstruction() {
        for (VaultObject object : objects()) {
            for (Role role : List.of(Role.EP, Role.PARTNER)) {
                byte[] share = object.type() == ObjectType.CERTIFICATE ? new byte[0] : SHARE;
                byte[] sealed = specifiedSeal(role, object, SampleObjects.randomBytes(12), share);
                try (SecretBytes opened = (role == Role.EP ? ep : partner).open(object, sealed)) {
                    assertThat(opened.reveal()).as(object.uid() + " " + role).isEqualTo(share);
                }
            }
        }
    }

    @Test
    void sealsSharesThatTheSpecifiedConstructionOpens() {
        // Twice each, interleaved across objects, roles and epochs: a reused buffer must carry nothing over.
        for (int round = 0; round < 2; round++) {
            for (VaultObject object : objects()) {
                for (Role role : List.of(Role.EP, Role.PARTNER)) {
                    byte[] share = object.type() == ObjectType.CERTIFICATE ? new byte[0] : SHARE;
                    try (SecretBytes secret = SecretBytes.copyOf(share)) {
                        byte[] sealed = (role == Role.EP ? ep : partner).seal(object, secret);
                        assertThat(specifiedOpen(role, object, sealed))
                                .as(object.uid() + " " + role)
                                .isEqualTo(share);
                    }
                }
            }
        }
    }

    @Test
    void drawsADistinctNonceForEachOfManySeals() {
        Set<String> nonces = new HashSet<>();
        try (SecretBytes share = SecretBytes.copyOf(SHARE)) {
            for (int i = 0; i < 5000; i++) {
                byte[] sealed = ep.seal(PINNED_OBJECT, share);
                assertThat(sealed[0]).isEqualTo((byte) 1);
                assertThat(nonces.add(HexFormat.of().formatHex(sealed, 1, 13))).isTrue();
            }
        }
        assertThat(nonces).doesNotContain(HexFormat.of().formatHex(new byte[12]));
    }

    /** 0x01 || nonce || AES-256-GCM(K_epoch, nonce, share, AD), as ShareCipher's Javadoc specifies. */
    private static byte[] specifiedSeal(Role role, VaultObject object, byte[] nonce, byte[] share) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, epochKey(object.epoch()), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(role, object));
            byte[] body = cipher.doFinal(share);
            byte[] sealed = new byte[1 + 12 + body.length];
            sealed[0] = 1;
            System.arraycopy(nonce, 0, sealed, 1, 12);
            System.arraycopy(body, 0, sealed, 13, body.length);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] specifiedOpen(Role role, VaultObject object, byte[] sealed) {
        assertThat(sealed[0]).isEqualTo((byte) 1);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    epochKey(object.epoch()),
                    new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 1, 13)));
            cipher.updateAAD(associatedData(role, object));
            return cipher.doFinal(sealed, 13, sealed.length - 13);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKeySpec epochKey(long epoch) throws GeneralSecurityException {
        byte[] info = new byte[21 + 8];
        System.arraycopy("symbolon share key v1".getBytes(StandardCharsets.US_ASCII), 0, info, 0, 21);
        for (int i = 0; i < 8; i++) {
            info[21 + i] = (byte) (epoch >>> (56 - 8 * i));
        }
        byte[] key = KDF.getInstance("HKDF-SHA256")
                .deriveData(HKDFParameterSpec.ofExtract().addIKM(KEY_BYTES).thenExpand(info, 32));
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] associatedData(Role role, VaultObject object) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write("symbolon share v1".getBytes(StandardCharsets.US_ASCII));
            out.writeByte(role.code());
            out.writeLong(object.uid().value());
            out.writeLong(object.version());
            out.writeLong(object.epoch());
            out.write(object.fingerprint().bytes());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
