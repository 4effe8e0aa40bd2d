package io.symbolon.vault.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fingerprint against its specification, encoding version 1 (the table in {@link
 * ObjectFingerprint}), written here independently with a {@link DataOutputStream}: objects at every
 * edge of every field, in one sequence on one thread (an encoder that reuses a buffer must not carry
 * bytes from a larger object into a smaller one).
 */
class ObjectFingerprintEncodingTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30.123Z");

    private static VaultObject object(
            long uid,
            String partition,
            String name,
            ObjectType type,
            long version,
            long epoch,
            Attributes attributes,
            PublicData publicData) {
        return new VaultObject(new ObjectUid(uid), partition, name, type, version, epoch, attributes, publicData);
    }

    static Stream<Arguments> objects() {
        byte[] certificate = new byte[VaultObject.MAX_CERTIFICATE];
        certificate[0] = 0x30;
        for (int i = 1; i < certificate.length; i++) {
            certificate[i] = (byte) (i * 31);
        }
        byte[] point = new byte[65];
        point[0] = 0x04;
        for (int i = 1; i < point.length; i++) {
            point[i] = (byte) (0xff - i);
        }
        byte[] ed25519 = new byte[32];
        for (int i = 0; i < ed25519.length; i++) {
            ed25519[i] = (byte) (i * 7);
        }
        Attributes plain = Attributes.of("", Set.of(), CREATED);
        Attributes full = new Attributes(
                "l".repeat(255),
                "0f".repeat(128),
                true,
                false,
                EnumSet.allOf(Usage.class),
                CREATED,
                Optional.of(CREATED),
                Optional.of(CREATED.plusSeconds(3600)));
        return Stream.of(
                Arguments.of(
                        "an AES key of the bench",
                        object(0x10_0000_0001L, "root", "bench-1", ObjectType.AES_256, 1, 0, plain, PublicData.NONE)),
                Arguments.of(
                        "a certificate of the largest size",
                        object(7, "p", "certificate", ObjectType.CERTIFICATE, 3, 2, full, new PublicData(certificate))),
                Arguments.of(
                        "a small object after the largest",
                        object(8, "p", "k", ObjectType.AES_128, 1, 0, plain, PublicData.NONE)),
                Arguments.of(
                        "non-ASCII text, a character outside the BMP",
                        object(
                                Long.MAX_VALUE,
                                "part_1.a-b",
                                "naïve clé 𝄞 € " + "x".repeat(200),
                                ObjectType.SECRET_DATA,
                                Long.MAX_VALUE,
                                Long.MAX_VALUE,
                                new Attributes(
                                        "ü€𝄞 label",
                                        "",
                                        false,
                                        true,
                                        Set.of(Usage.MAC),
                                        CREATED,
                                        Optional.empty(),
                                        Optional.of(CREATED)),
                                PublicData.NONE)),
                Arguments.of(
                        "times before 1970",
                        object(
                                1,
                                "p",
                                "old",
                                ObjectType.EC_P256,
                                1,
                                0,
                                new Attributes(
                                        "",
                                        "00",
                                        true,
                                        true,
                                        Set.of(Usage.SIGN, Usage.VERIFY),
                                        Instant.ofEpochMilli(-86_400_001L),
                                        Optional.of(Instant.ofEpochMilli(-1)),
                                        Optional.empty()),
                                new PublicData(point))),
                Arguments.of(
                        "an Ed25519 key with a 64-character partition",
                        object(
                                0x0063858a832dc39aL,
                                "P".repeat(64),
                                "ed",
                                ObjectType.ED25519,
                                5,
                                9,
                                full,
                                new PublicData(ed25519))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void fingerprintsEveryObjectAsTheSpecifiedEncodingHashes(String description, VaultObject object)
            throws IOException {
        byte[] expected = sha256(specifiedEncoding(object));
        assertThat(object.fingerprint().bytes()).isEqualTo(expected);
        assertThat(ObjectFingerprint.encode(object)).isEqualTo(specifiedEncoding(object));
    }

    /** Recorded with the encoder as first written (before it encoded into a reused buffer). */
    @Test
    void fingerprintsAsPinnedBeforeTheEncoderReusedItsBuffer() {
        assertThat(objects()
                        .map(arguments ->
                                ((VaultObject) arguments.get()[1]).fingerprint().hex()))
                .containsExactly(
                        "3e7d29245b7f02a04a787a4761097f55db1eff35d2f7969eaa4ed1cbcfa900e6",
                        "32cbc249d8b6ea098e1e683e233e87a4004370f3ff3686c3687d98afa1ab0c1f",
                        "45cfc827aebfd37ecf254134b55869dce7cfc18575b6f95ad8978910c4a1d2ef",
                        "645d096a4f38bd27d9c2b1fdf385a01932a46a6b28d9651a9795c7526f36856f",
                        "7a380e3dc42ae4b88f04c5385785a3895f82a2657e21e332a8d77a486e4971f3",
                        "d86e06e9ea946fdf35b70255d2c78609ba0c8684a3c276d3f459478d0a45245a");
    }

    @Test
    void writesTheFingerprintIntoACallersBuffer() {
        VaultObject object = (VaultObject) objects().findFirst().orElseThrow().get()[1];
        byte[] out = new byte[40];
        object.fingerprint().copyTo(out, 5);
        assertThat(HexFormat.of().formatHex(out, 5, 37))
                .isEqualTo(object.fingerprint().hex());
        assertThat(out[4]).isZero();
        assertThat(out[37]).isZero();
    }

    private static byte[] specifiedEncoding(VaultObject object) throws IOException {
        Attributes attributes = object.attributes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        string(out, "symbolon object fingerprint v1");
        out.writeLong(object.uid().value());
        string(out, object.partition());
        string(out, object.name());
        string(out, object.type().label());
        out.writeLong(object.version());
        out.writeLong(object.epoch());
        string(out, attributes.label());
        byte[] id = HexFormat.of().parseHex(attributes.id());
        out.writeInt(id.length);
        out.write(id);
        out.writeByte(attributes.extractable() ? 1 : 0);
        out.writeByte(attributes.sensitive() ? 1 : 0);
        out.writeInt(Usage.mask(attributes.usages()));
        out.writeLong(attributes.created().toEpochMilli());
        time(out, attributes.activation());
        time(out, attributes.deactivation());
        byte[] publicData = object.publicData().bytes();
        out.writeInt(publicData.length);
        out.write(publicData);
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String text) throws IOException {
        // Not writeUTF: that is modified UTF-8 (surrogates encoded apart), the fingerprint is UTF-8.
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static void time(DataOutputStream out, Optional<Instant> time) throws IOException {
        out.writeByte(time.isPresent() ? 1 : 0);
        out.writeLong(time.map(Instant::toEpochMilli).orElse(0L));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
