package io.symbolon.vault.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.testing.SampleObjects;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VaultObjectTest {
    private static final VaultObject SAMPLE = SampleObjects.aes256(0x0063858a832dc39aL, "part4", "256AES", 0);

    private static VaultObject with(
            String partition, String name, ObjectType type, long version, long epoch, PublicData publicData) {
        return new VaultObject(SAMPLE.uid(), partition, name, type, version, epoch, SAMPLE.attributes(), publicData);
    }

    static Stream<Arguments> invalidObjects() {
        return Stream.of(
                Arguments.of("empty name", (Runnable) () -> with("p", "", ObjectType.AES_256, 1, 0, PublicData.NONE)),
                Arguments.of(
                        "padded name", (Runnable) () -> with("p", " key", ObjectType.AES_256, 1, 0, PublicData.NONE)),
                Arguments.of("control character", (Runnable)
                        () -> with("p", "a\nb", ObjectType.AES_256, 1, 0, PublicData.NONE)),
                Arguments.of("long name", (Runnable)
                        () -> with("p", "x".repeat(256), ObjectType.AES_256, 1, 0, PublicData.NONE)),
                Arguments.of("bad partition", (Runnable)
                        () -> with("a/b", "key", ObjectType.AES_256, 1, 0, PublicData.NONE)),
                Arguments.of("version 0", (Runnable) () -> with("p", "key", ObjectType.AES_256, 0, 0, PublicData.NONE)),
                Arguments.of("negative epoch", (Runnable)
                        () -> with("p", "key", ObjectType.AES_256, 1, -1, PublicData.NONE)),
                Arguments.of("AES with a public key", (Runnable)
                        () -> with("p", "key", ObjectType.AES_256, 1, 0, new PublicData(new byte[32]))),
                Arguments.of("P-256 without a public key", (Runnable)
                        () -> with("p", "key", ObjectType.EC_P256, 1, 0, PublicData.NONE)),
                Arguments.of("P-256 compressed", (Runnable)
                        () -> with("p", "key", ObjectType.EC_P256, 1, 0, new PublicData(new byte[33]))),
                Arguments.of("Ed25519 of 31 bytes", (Runnable)
                        () -> with("p", "key", ObjectType.ED25519, 1, 0, new PublicData(new byte[31]))),
                Arguments.of("certificate not DER", (Runnable)
                        () -> with("p", "key", ObjectType.CERTIFICATE, 1, 0, new PublicData(new byte[] {1}))),
                Arguments.of("id not hex", (Runnable) () -> SAMPLE.attributes().withId("xyz")),
                Arguments.of("deactivated before activated", (Runnable) () -> SAMPLE.attributes()
                        .withDates(Optional.of(Instant.EPOCH.plusSeconds(10)), Optional.of(Instant.EPOCH))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void refusesAnInvalidObject(String description, Runnable construction) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USAGE));
    }

    @Test
    void keepsTimesToTheMillisecondAsTheDatabasesDo() {
        Attributes attributes = Attributes.of("", Set.of(), Instant.parse("2026-01-01T00:00:00.123456789Z"));
        assertThat(attributes.created()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
    }

    @Test
    void putsEachTypeInItsDigestSection() {
        assertThat(ObjectType.AES_256.section()).isEqualTo(DigestSection.KEY);
        assertThat(ObjectType.ED25519.section()).isEqualTo(DigestSection.KEY);
        assertThat(ObjectType.SECRET_DATA.section()).isEqualTo(DigestSection.DATA);
        assertThat(ObjectType.CERTIFICATE.section()).isEqualTo(DigestSection.CERTIFICATE);
    }

    /** Pinned: EP and Partner, and every version of Symbolon, must compute this same fingerprint. */
    @Test
    void fingerprintsASampleObjectAsPinned() {
        assertThat(SAMPLE.fingerprint().hex()).isEqualTo(PINNED_FINGERPRINT);
    }

    /**
     * Fingerprint v1 of {@link #SAMPLE}, recorded when the encoding was written (2026-11-23). If this
     * test fails, the encoding changed: every digest in every archive changes with it, so add a v2
     * instead of editing v1.
     */
    static final String PINNED_FINGERPRINT = "897289bbb01aadd976ecb460113742f0c3eacde3ee811627cb4848e1f5284b42";

    static Stream<Arguments> changes() {
        Stream<UnaryOperator<VaultObject>> changes = Stream.of(
                o -> with(o.partition(), "other", o.type(), o.version(), o.epoch(), o.publicData()),
                o -> with("part5", o.name(), o.type(), o.version(), o.epoch(), o.publicData()),
                o -> with(o.partition(), o.name(), ObjectType.HMAC_SHA256, o.version(), o.epoch(), o.publicData()),
                o -> with(o.partition(), o.name(), o.type(), 2, o.epoch(), o.publicData()),
                o -> o.withEpoch(1),
                o -> new VaultObject(
                        new ObjectUid(o.uid().value() + 1),
                        o.partition(),
                        o.name(),
                        o.type(),
                        o.version(),
                        o.epoch(),
                        o.attributes(),
                        o.publicData()),
                o -> withAttributes(o, o.attributes().withExtractable(true)),
                o -> withAttributes(o, o.attributes().withSensitive(false)),
                o -> withAttributes(o, o.attributes().withId("0a")),
                o -> withAttributes(o, o.attributes().withDates(Optional.empty(), Optional.empty())),
                o -> withAttributes(
                        o,
                        new Attributes(
                                "other label",
                                "0a0b",
                                false,
                                true,
                                o.attributes().usages(),
                                o.attributes().created(),
                                o.attributes().activation(),
                                Optional.empty())),
                o -> withAttributes(
                        o,
                        new Attributes(
                                o.attributes().label(),
                                "0a0b",
                                false,
                                true,
                                Set.of(Usage.ENCRYPT),
                                o.attributes().created(),
                                o.attributes().activation(),
                                Optional.empty())),
                o -> withAttributes(
                        o,
                        new Attributes(
                                o.attributes().label(),
                                "0a0b",
                                false,
                                true,
                                o.attributes().usages(),
                                o.attributes().created().plusMillis(1),
                                o.attributes().activation(),
                                Optional.empty())));
        return changes.map(Arguments::of);
    }

    private static VaultObject withAttributes(VaultObject o, Attributes attributes) {
        return new VaultObject(
                o.uid(), o.partition(), o.name(), o.type(), o.version(), o.epoch(), attributes, o.publicData());
    }

    @ParameterizedTest
    @MethodSource("changes")
    void changesItsFingerprintWhenAnyFieldChanges(UnaryOperator<VaultObject> change) {
        VaultObject changed = change.apply(SAMPLE);
        assertThat(changed).isNotEqualTo(SAMPLE);
        assertThat(changed.fingerprint()).isNotEqualTo(SAMPLE.fingerprint());
    }

    @Test
    void fingerprintsEqualObjectsEqually() {
        VaultObject copy = SampleObjects.aes256(0x0063858a832dc39aL, "part4", "256AES", 0);
        assertThat(copy.fingerprint()).isEqualTo(SAMPLE.fingerprint());
        assertThat(HexFormat.of().formatHex(copy.fingerprint().bytes()))
                .isEqualTo(copy.fingerprint().hex());
    }
}
