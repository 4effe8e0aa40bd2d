package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.ArchiveSignature;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.ArchiveSurgeon;
import io.symbolon.archive.testing.ArchiveSurgeon.Part;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reusable tamper suite (STYLE.md): every member × every kind of damage. The rule under test is
 * always the same: an error naming the member or cause, and never a record released.
 */
class ArchiveTamperTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    private static final NodeSigner NODE = TestSigners.ed25519("ep1");
    private static final X25519Identity ALICE = X25519Identity.generate();

    @TempDir
    static Path shared;

    static Path original;
    static Path other;
    static List<Part> parts;
    static List<Part> otherParts;

    @TempDir
    Path directory;

    @BeforeAll
    static void writeArchives() throws Exception {
        original = SampleArchives.write(
                        Files.createDirectories(shared.resolve("a")),
                        "EP",
                        CREATED,
                        12,
                        List.of(ALICE.recipient()),
                        NODE)
                .path();
        other = SampleArchives.write(
                        Files.createDirectories(shared.resolve("b")),
                        "EP",
                        CREATED.plusSeconds(60),
                        13,
                        List.of(ALICE.recipient()),
                        NODE)
                .path();
        parts = ArchiveSurgeon.open(original);
        otherParts = ArchiveSurgeon.open(other);
    }

    /** Reads with the right identity and the pinned signer; returns the error, asserting nothing was released. */
    private static SymbolonException refusal(Path archive) {
        List<byte[]> released = new ArrayList<>();
        try {
            ArchiveReader.read(archive, Trust.certificate(NODE.certificate()), List.of(ALICE), released::add);
        } catch (SymbolonException e) {
            assertThat(released).as("records released before the refusal").isEmpty();
            return e;
        }
        return fail("the damaged archive was accepted");
    }

    @Test
    void theUndamagedArchiveRebuiltBySurgeonIsAccepted() {
        Path rebuilt = ArchiveSurgeon.write(directory.resolve("rebuilt.tar.gz"), parts);

        assertThat(ArchiveReader.verify(rebuilt, Trust.certificate(NODE.certificate()), List.of(ALICE))
                        .contentVerified())
                .isTrue();
    }

    @TestFactory
    Stream<DynamicTest> flippingAnyByteOfAnyMemberIsRefusedNamingTheMember() {
        return parts.stream()
                .map(part -> DynamicTest.dynamicTest(part.name(), () -> {
                    Path damaged = directory.resolve("flipped-" + part.name() + ".tar.gz");
                    for (int index = 0; index < part.bytes().length; index++) {
                        Files.deleteIfExists(damaged);
                        ArchiveSurgeon.write(damaged, ArchiveSurgeon.replace(parts, part.flipped(index, 0x01)));
                        SymbolonException refusal = refusal(damaged);
                        String expected = part.name().equals("node.crt")
                                ? "(node\\.crt|signature\\.txt)"
                                : part.name().replace(".", "\\.");
                        assertThat(refusal.getMessage())
                                .as("byte %d of %s", index, part.name())
                                .containsPattern(expected);
                    }
                }));
    }

    @Test
    void flippingAnyByteOfTheFileNeverReleasesDifferentRecords() throws Exception {
        byte[] file = Files.readAllBytes(original);
        List<byte[]> expected = SampleArchives.records(12);
        Path damaged = directory.resolve("raw.tar.gz");
        for (int index = 0; index < file.length; index++) {
            byte[] copy = file.clone();
            copy[index] ^= 0x01;
            Files.write(damaged, copy);
            List<byte[]> released = new ArrayList<>();
            try {
                ArchiveReader.read(damaged, Trust.certificate(NODE.certificate()), List.of(ALICE), released::add);
                // Only bytes no reader depends on (gzip header time and OS fields) may change without an error.
                assertThat(released)
                        .as("byte %d", index)
                        .usingRecursiveComparison()
                        .isEqualTo(expected);
            } catch (SymbolonException e) {
                assertThat(released).as("byte %d", index).isEmpty();
            }
        }
    }

    @Test
    void truncatingTheFileAtAnyOffsetIsRefused() throws Exception {
        byte[] file = Files.readAllBytes(original);
        Path damaged = directory.resolve("truncated.tar.gz");
        for (int length = 0; length < file.length; length++) {
            Files.write(damaged, java.util.Arrays.copyOf(file, length));
            SymbolonException refusal = refusal(damaged);
            if (length == 0) {
                assertThat(refusal.errorCode()).isEqualTo(ErrorCode.EMPTY_FILE);
            } else if (length < 2) {
                assertThat(refusal.errorCode()).isEqualTo(ErrorCode.NOT_GZIP);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> aMissingMemberIsRefusedNamingIt() {
        return parts.stream()
                .map(part -> DynamicTest.dynamicTest(part.name(), () -> {
                    List<Part> without = parts.stream().filter(p -> p != part).toList();
                    SymbolonException refusal =
                            refusal(ArchiveSurgeon.write(directory.resolve("missing.tar.gz"), without));
                    assertThat(refusal.errorCode()).isEqualTo(ErrorCode.MEMBER_LAYOUT);
                    assertThat(refusal.getMessage()).contains(part.name() + " is missing");
                }));
    }

    @TestFactory
    Stream<DynamicTest> aDuplicatedMemberIsRefusedNamingIt() {
        return parts.stream()
                .map(part -> DynamicTest.dynamicTest(part.name(), () -> {
                    List<Part> twice = new ArrayList<>(parts);
                    twice.add(parts.indexOf(part) + 1, part);
                    SymbolonException refusal = refusal(ArchiveSurgeon.write(directory.resolve("twice.tar.gz"), twice));
                    assertThat(refusal.errorCode()).isEqualTo(ErrorCode.MEMBER_LAYOUT);
                    assertThat(refusal.getMessage()).contains(part.name() + " appears twice");
                }));
    }

    @TestFactory
    Stream<DynamicTest> swappingTwoNeighbouringMembersIsRefused() {
        return Stream.iterate(0, i -> i + 1)
                .limit(parts.size() - 1)
                .map(i -> DynamicTest.dynamicTest(
                        parts.get(i).name() + " <-> " + parts.get(i + 1).name(), () -> {
                            List<Part> swapped = new ArrayList<>(parts);
                            swapped.set(i, parts.get(i + 1));
                            swapped.set(i + 1, parts.get(i));
                            SymbolonException refusal =
                                    refusal(ArchiveSurgeon.write(directory.resolve("swapped.tar.gz"), swapped));
                            assertThat(refusal.errorCode()).isEqualTo(ErrorCode.MEMBER_LAYOUT);
                        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"extra.txt", "metadata.txt.bak", "sub/metadata.txt", "payload.age"})
    void aForeignMemberIsRefusedNamingIt(String name) {
        List<Part> extra = new ArrayList<>(parts);
        extra.add(2, new Part(name, "hello".getBytes(StandardCharsets.UTF_8)));

        SymbolonException refusal = refusal(ArchiveSurgeon.write(directory.resolve("extra.tar.gz"), extra));

        assertThat(refusal.errorCode()).isEqualTo(ErrorCode.MEMBER_LAYOUT);
        assertThat(refusal.getMessage()).contains("unexpected member " + name);
    }

    @Test
    void aForeignMemberAfterTheLastIsRefused() {
        List<Part> extra = new ArrayList<>(parts);
        extra.add(new Part("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(refusal(ArchiveSurgeon.write(directory.resolve("extra.tar.gz"), extra))
                        .errorCode())
                .isEqualTo(ErrorCode.MEMBER_LAYOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../metadata.txt", "/etc/passwd", "a/../../digest.txt", "..", "C:\\evil"})
    void aMemberNameThatClimbsOrIsAbsoluteIsRefused(String name) {
        List<Part> evil = new ArrayList<>(parts);
        evil.set(0, parts.get(0).withName(name));

        assertThat(refusal(ArchiveSurgeon.write(directory.resolve("evil.tar.gz"), evil))
                        .errorCode())
                .isEqualTo(ErrorCode.UNSAFE_MEMBER_NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.txt", "digest.txt", "database.age", "signature.txt"})
    void aMemberOfAnotherArchiveSwappedInIsRefusedNamingIt(String name) {
        List<Part> mixed = ArchiveSurgeon.replace(parts, ArchiveSurgeon.part(otherParts, name));

        SymbolonException refusal = refusal(ArchiveSurgeon.write(directory.resolve("mixed.tar.gz"), mixed));

        assertThat(refusal.getMessage()).contains(name.equals("signature.txt") ? "metadata.txt" : name);
        assertThat(refusal.errorCode())
                .isIn(ErrorCode.MEMBER_TAMPERED, ErrorCode.PAYLOAD_TAMPERED, ErrorCode.CONTENT_MISMATCH);
    }

    @Test
    void anArchiveResignedByAnotherKeyIsRefusedWhenTheSignerIsPinned() {
        NodeSigner stranger = TestSigners.ed25519("ep1");
        byte[] certificate = CertificatePem.encode(stranger.certificate());
        ArchiveSignature.Hashes hashes = ArchiveSignature.parse(
                        ArchiveSurgeon.part(parts, "signature.txt").bytes(), "s")
                .hashes();
        byte[] signature = ArchiveSignature.sign(
                        new ArchiveSignature.Hashes(
                                hashes.metadata(),
                                hashes.digest(),
                                hashes.payload(),
                                hashes.content(),
                                "sha256:" + Hashing.sha256Hex(certificate)),
                        stranger)
                .encode();
        List<Part> resigned = ArchiveSurgeon.replace(
                ArchiveSurgeon.replace(parts, new Part("node.crt", certificate)), new Part("signature.txt", signature));
        Path archive = ArchiveSurgeon.write(directory.resolve("resigned.tar.gz"), resigned);

        assertThat(refusal(archive).errorCode()).isEqualTo(ErrorCode.UNTRUSTED_SIGNER);
        assertThat(ArchiveReader.verify(archive, Trust.anySigner()).signer()).isEqualTo(stranger.fingerprint());
    }

    @Test
    void aSignedMetadataWhoseSharedHashDiffersFromTheDigestIsRefusedNamingTheDigest() {
        Part metadata = ArchiveSurgeon.part(parts, "metadata.txt");
        String text = new String(metadata.bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("digest-shared-sha256: ");
        byte[] inconsistent = text.replaceFirst(
                        "digest-shared-sha256: [0-9a-f]{64}", "digest-shared-sha256: " + "ab".repeat(32))
                .getBytes(StandardCharsets.UTF_8);
        ArchiveSignature.Hashes hashes = ArchiveSignature.parse(
                        ArchiveSurgeon.part(parts, "signature.txt").bytes(), "s")
                .hashes();
        byte[] signature = ArchiveSignature.sign(
                        new ArchiveSignature.Hashes(
                                "sha256:" + Hashing.sha256Hex(inconsistent),
                                hashes.digest(),
                                hashes.payload(),
                                hashes.content(),
                                hashes.certificate()),
                        NODE)
                .encode();
        List<Part> resigned = ArchiveSurgeon.replace(
                ArchiveSurgeon.replace(parts, metadata.withBytes(inconsistent)), new Part("signature.txt", signature));

        SymbolonException refusal = refusal(ArchiveSurgeon.write(directory.resolve("inconsistent.tar.gz"), resigned));

        assertThat(refusal.errorCode()).isEqualTo(ErrorCode.MEMBER_TAMPERED);
        assertThat(refusal.getMessage()).contains("digest.txt").contains("digest-shared-sha256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.txt", "digest.txt", "signature.txt"})
    void anUnknownFormatVersionIsRefusedAsUnsupported(String name) {
        Part part = ArchiveSurgeon.part(parts, name);
        String text = new String(part.bytes(), StandardCharsets.UTF_8).replaceFirst("/[0-9]+\n", "/9\n");
        List<Part> future = ArchiveSurgeon.replace(parts, part.withBytes(text.getBytes(StandardCharsets.UTF_8)));

        SymbolonException refusal = refusal(ArchiveSurgeon.write(directory.resolve("future.tar.gz"), future));

        assertThat(refusal.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(refusal.getMessage()).contains(name).contains("use a newer Symbolon");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        assertThat(refusal(Files.createFile(directory.resolve("empty.tar.gz"))).errorCode())
                .isEqualTo(ErrorCode.EMPTY_FILE);
    }

    @Test
    void aFileThatIsNotGzipIsRefused() throws Exception {
        Path plainTar = directory.resolve("plain.tar");
        Files.write(plainTar, "this is not gzip at all".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(plainTar).errorCode()).isEqualTo(ErrorCode.NOT_GZIP);
    }

    @Test
    void gzipThatDoesNotHoldTarIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("just some text, and certainly not a tar header of 512 bytes"
                    .repeat(20)
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path notTar = Files.write(directory.resolve("text.gz"), bytes.toByteArray());

        assertThat(refusal(notTar).errorCode()).isEqualTo(ErrorCode.NOT_TAR);
    }

    @Test
    void dataAfterTheEndOfTheGzipStreamIsRefused() throws Exception {
        Path padded = directory.resolve("padded.tar.gz");
        Files.write(
                padded,
                ArchiveSurgeon.concat(Files.readAllBytes(original), "trailing".getBytes(StandardCharsets.UTF_8)));

        assertThat(refusal(padded).errorCode()).isEqualTo(ErrorCode.MALFORMED);
    }

    @Test
    void aFailedDecryptWritesNothingToTheOutputDirectory() {
        List<Part> damaged = ArchiveSurgeon.replace(parts, ArchiveSurgeon.part(otherParts, "database.age"));
        Path archive = ArchiveSurgeon.write(directory.resolve("damaged.tar.gz"), damaged);
        Path out = directory.resolve("out");

        assertThatThrownBy(() -> ArchiveReader.decrypt(archive, Trust.anySigner(), List.of(ALICE), out))
                .isInstanceOf(SymbolonException.class);

        assertThat(out).doesNotExist();
        assertThat(directory.resolve(".out.partial")).doesNotExist();
    }
}
