package io.symbolon.vault.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.testing.SampleObjects;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The vault record encoding (ARCHIVE-FORMAT.md appendix A): round trips, and strict refusals. */
class RecordCodecTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30.123Z");

    private static int shareLength(ObjectType type) {
        return switch (type) {
            case AES_128 -> 16;
            case SECRET_DATA -> 1000;
            case CERTIFICATE -> 0;
            default -> 32;
        };
    }

    private static VaultObject object(ObjectType type) {
        VaultObject sample = SampleObjects.ofType(type, 0x0063858a832dc39aL, "part4", "256AES ünïcode", 7);
        return new VaultObject(
                sample.uid(),
                sample.partition(),
                sample.name(),
                type,
                3,
                7,
                new Attributes(
                        "a label",
                        "00ff10",
                        true,
                        false,
                        EnumSet.of(Usage.ENCRYPT, Usage.SIGN, Usage.MAC),
                        CREATED,
                        Optional.of(CREATED.plusSeconds(60)),
                        Optional.of(CREATED.plusSeconds(3600))),
                sample.publicData());
    }

    private static SecretBytes share(ObjectType type) {
        byte[] bytes = SampleObjects.randomBytes(shareLength(type));
        if (type.isScalar()) {
            bytes[0] = 0x01; // below both group orders
        }
        return SecretBytes.adopt(bytes);
    }

    @ParameterizedTest
    @EnumSource(ObjectType.class)
    void roundTripsAnObjectOfEveryTypeWithItsShare(ObjectType type) {
        VaultObject object = object(type);
        try (SecretBytes share = share(type)) {
            byte[] encoded = new RecordCodec.Encoder().object(object, share).toByteArray();
            try (VaultRecord decoded = RecordCodec.decode(encoded)) {
                assertThat(decoded).isInstanceOf(VaultRecord.ObjectRecord.class);
                VaultRecord.ObjectRecord record = (VaultRecord.ObjectRecord) decoded;
                assertThat(record.object()).isEqualTo(object);
                assertThat(record.object().fingerprint()).isEqualTo(object.fingerprint());
                assertThat(record.share().sameAs(share)).isTrue();
                assertThat(new RecordCodec.Encoder()
                                .object(record.object(), record.share())
                                .toByteArray())
                        .isEqualTo(encoded);
            }
        }
    }

    @Test
    void roundTripsAnObjectWithoutOptionalAttributes() {
        VaultObject object = SampleObjects.ofType(ObjectType.HMAC_SHA256, 42, "root", "plain", 0);
        try (SecretBytes share = share(ObjectType.HMAC_SHA256);
                VaultRecord decoded = RecordCodec.decode(
                        new RecordCodec.Encoder().object(object, share).toByteArray())) {
            assertThat(((VaultRecord.ObjectRecord) decoded).object()).isEqualTo(object);
        }
    }

    @Test
    void roundTripsPartitionsAndUsers() {
        Partition partition = new Partition("part-4.x", CREATED);
        PartitionUser user =
                new PartitionUser("part-4.x", "alice", "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", false, CREATED);
        PartitionUser officer =
                new PartitionUser("root", "so", "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", true, CREATED);

        assertThat(RecordCodec.decode(
                        new RecordCodec.Encoder().partition(partition).toByteArray()))
                .isEqualTo(new VaultRecord.PartitionRecord(partition));
        assertThat(RecordCodec.decode(new RecordCodec.Encoder().user(user).toByteArray()))
                .isEqualTo(new VaultRecord.UserRecord(user));
        assertThat(RecordCodec.decode(new RecordCodec.Encoder().user(officer).toByteArray()))
                .isEqualTo(new VaultRecord.UserRecord(officer));
    }

    @Test
    void wipesTheShareFromItsBuffer() {
        RecordCodec.Encoder encoder = new RecordCodec.Encoder();
        try (SecretBytes share = SecretBytes.adopt(new byte[32])) {
            Arrays.fill(share.reveal(), (byte) 0x5a);
            encoder.object(object(ObjectType.AES_256), share);
        }
        int length = encoder.length();
        encoder.wipe();
        assertThat(Arrays.copyOf(encoder.buffer(), length)).containsOnly(0);
    }

    static Stream<byte[]> validRecords() {
        List<byte[]> records = new ArrayList<>();
        records.add(new RecordCodec.Encoder()
                .partition(new Partition("root", CREATED))
                .toByteArray());
        records.add(new RecordCodec.Encoder()
                .user(new PartitionUser("root", "so", "$argon2id$x", true, CREATED))
                .toByteArray());
        try (SecretBytes share = share(ObjectType.AES_128)) {
            records.add(new RecordCodec.Encoder()
                    .object(object(ObjectType.AES_128), share)
                    .toByteArray());
        }
        return records.stream();
    }

    @ParameterizedTest
    @MethodSource("validRecords")
    void refusesARecordCutAtEveryLength(byte[] valid) {
        for (int length = 0; length < valid.length; length++) {
            byte[] cut = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> RecordCodec.decode(cut))
                    .as("cut at %d of %d", length, valid.length)
                    .isInstanceOf(SymbolonException.class)
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.MALFORMED);
        }
    }

    @ParameterizedTest
    @MethodSource("validRecords")
    void refusesTrailingBytes(byte[] valid) {
        byte[] longer = Arrays.copyOf(valid, valid.length + 1);
        assertMalformed(longer, "follow the end");
    }

    @Test
    void refusesUnknownKindsAndLaterVersions() {
        byte[] valid = validRecords().findFirst().orElseThrow();
        byte[] kind = valid.clone();
        kind[0] = 9;
        assertMalformed(kind, "unknown record kind 9");
        byte[] version = valid.clone();
        version[1] = 2;
        assertThatThrownBy(() -> RecordCodec.decode(version))
                .isInstanceOf(SymbolonException.class)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void refusesNonCanonicalFlagsAndAbsentTimes() {
        VaultObject object = SampleObjects.ofType(ObjectType.AES_256, 42, "root", "k", 0);
        try (SecretBytes share = share(ObjectType.AES_256)) {
            byte[] valid = new RecordCodec.Encoder().object(object, share).toByteArray();
            // kind, version, uid, "root", "k", "AES-256", version, epoch, label "", id (u32 0)
            int extractable = 2 + 8 + (2 + 4) + (2 + 1) + (2 + 7) + 8 + 8 + 2 + 4;
            byte[] flag = valid.clone();
            flag[extractable] = 2;
            assertMalformed(flag, "flag is 2");
            int activation = extractable + 1 + 1 + 4 + 8;
            byte[] absent = valid.clone();
            absent[activation + 8] = 1; // an absent time whose value is not 0
            assertMalformed(absent, "absent activation");
        }
    }

    @Test
    void refusesValuesTheVaultWouldRefuse() {
        VaultObject object = SampleObjects.ofType(ObjectType.AES_256, 42, "root", "k", 0);
        try (SecretBytes share = share(ObjectType.AES_256)) {
            byte[] valid = new RecordCodec.Encoder().object(object, share).toByteArray();
            byte[] uid = valid.clone();
            Arrays.fill(uid, 2, 10, (byte) 0);
            assertMalformed(uid, "uid");
            byte[] type = valid.clone();
            int typeAt = 2 + 8 + (2 + 4) + (2 + 1) + 2;
            type[typeAt] = 'a'; // "aES-256": parses, but is not the canonical label
            assertMalformed(type, "is not written as");
            byte[] shortShare = Arrays.copyOf(valid, valid.length - 1);
            shortShare[valid.length - 33] = 31; // share length 31 for AES-256
            assertMalformed(shortShare, "AES-256 secret is 32 bytes");
        }
        byte[] badName = new RecordCodec.Encoder()
                .partition(new Partition("ok", CREATED))
                .toByteArray();
        badName[4] = '/';
        assertMalformed(badName, "not a valid partition name");
        byte[] notUtf8 = badName.clone();
        notUtf8[4] = (byte) 0xff;
        assertMalformed(notUtf8, "not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes-256", "AES-25", "AES-2566", "", "AES 256", "AES-256\u0000", "sécrét"})
    void refusesATypeNotWrittenExactlyAsALabel(String written) {
        VaultObject object = SampleObjects.ofType(ObjectType.AES_256, 42, "root", "k", 0);
        try (SecretBytes share = share(ObjectType.AES_256)) {
            byte[] valid = new RecordCodec.Encoder().object(object, share).toByteArray();
            int typeAt = 2 + 8 + (2 + 4) + (2 + 1);
            byte[] label = written.getBytes(StandardCharsets.UTF_8);
            byte[] damaged = new byte[valid.length - 7 + label.length];
            System.arraycopy(valid, 0, damaged, 0, typeAt);
            damaged[typeAt] = (byte) (label.length >>> 8);
            damaged[typeAt + 1] = (byte) label.length;
            System.arraycopy(label, 0, damaged, typeAt + 2, label.length);
            System.arraycopy(valid, typeAt + 2 + 7, damaged, typeAt + 2 + label.length, valid.length - typeAt - 9);
            assertThatThrownBy(() -> RecordCodec.decode(damaged))
                    .isInstanceOf(SymbolonException.class)
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.MALFORMED);
        }
    }

    @Test
    void neverPutsAShareIntoAMessage() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 'S');
        VaultObject object = SampleObjects.ofType(ObjectType.AES_256, 42, "root", "k", 0);
        try (SecretBytes share = SecretBytes.adopt(secret.clone())) {
            byte[] valid = new RecordCodec.Encoder().object(object, share).toByteArray();
            IntStream.range(0, valid.length).forEach(i -> {
                byte[] damaged = Arrays.copyOf(valid, i);
                try {
                    RecordCodec.decode(damaged).close();
                } catch (SymbolonException e) {
                    assertThat(e.getMessage()).doesNotContain("SSSS");
                }
            });
        }
    }

    private static void assertMalformed(byte[] record, String message) {
        assertThatThrownBy(() -> RecordCodec.decode(record))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.MALFORMED);
    }

    @Test
    void uidsOfPartitionsAndUsersSortBeforeEveryObject() {
        String smallestObject = new ObjectUid(1).toString();
        assertThat(BackupDigest.partitionUid("zzz")).isLessThan(BackupDigest.userUid("a", "a"));
        assertThat(BackupDigest.userUid("zzz", "zzz")).isLessThan(smallestObject);
        assertThat(BackupDigest.partitionUid("p".repeat(64))).hasSizeLessThanOrEqualTo(64);
    }
}
