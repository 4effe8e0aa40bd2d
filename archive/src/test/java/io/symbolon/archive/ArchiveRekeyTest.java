package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Header;
import io.symbolon.archive.container.ContainerWriter;
import io.symbolon.archive.container.Member;
import io.symbolon.archive.digest.DigestWriter;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.MetadataCodec;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.rekey.RekeyLog;
import io.symbolon.archive.signature.ArchiveSignature;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveRekeyTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    private static final Instant LATER = Instant.parse("2027-01-02T10:00:00Z");

    /** Objects enough for a digest and a payload of several 64 KiB stored blocks each. */
    private static final int LARGE = 60_000;

    @TempDir
    Path directory;

    private final NodeSigner node = TestSigners.ed25519("ep1");
    private final X25519Identity alice = X25519Identity.generate();
    private final X25519Identity bob = X25519Identity.generate();

    private WrittenArchive archive(int objects) {
        return SampleArchives.write(directory, "EP", CREATED, objects, List.of(alice.recipient()), node);
    }

    private ArchiveRekey.Request swapAliceForBob() {
        return new ArchiveRekey.Request(
                List.of(alice),
                List.of(bob.recipient()),
                List.of(alice.recipient().fingerprint()),
                Optional.empty(),
                LATER);
    }

    @Test
    void rekeyedArchiveOpensWithTheNewIdentityOnlyAndKeepsTheNodeSignature() {
        WrittenArchive original = archive(200);
        Path rekeyed = directory.resolve("rekeyed.tar.gz");

        ArchiveRekey.rekey(original.path(), rekeyed, Trust.certificate(node.certificate()), swapAliceForBob());

        List<byte[]> records = new ArrayList<>();
        Verification verification =
                ArchiveReader.read(rekeyed, Trust.certificate(node.certificate()), List.of(bob), records::add);
        assertThat(records).usingRecursiveComparison().isEqualTo(SampleArchives.records(200));
        assertThat(verification.signatureMember()).isEqualTo(original.signatureMember());
        assertThat(verification.recipients())
                .extracting(r -> r.fingerprint())
                .containsExactly(bob.recipient().fingerprint());
        assertThatThrownBy(() -> ArchiveReader.read(rekeyed, Trust.anySigner(), List.of(alice), r -> {}))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.NO_MATCHING_IDENTITY);
    }

    @Test
    void rekeyCopiesThePayloadByteForByteAndLogsWhatChanged() {
        WrittenArchive original = archive(50);
        Path rekeyed = directory.resolve("rekeyed.tar.gz");

        ArchiveRekey.rekey(original.path(), rekeyed, Trust.anySigner(), swapAliceForBob());

        Verification before = ArchiveReader.verify(original.path(), Trust.anySigner());
        Verification after = ArchiveReader.verify(rekeyed, Trust.anySigner());
        assertThat(after.payloadSha256()).isEqualTo(before.payloadSha256());
        assertThat(after.headerSha256()).isNotEqualTo(before.headerSha256());
        assertThat(after.rekeys()).singleElement().satisfies(entry -> {
            assertThat(entry.operation()).isEqualTo(RekeyLog.Operation.REKEY);
            assertThat(entry.time()).isEqualTo(LATER);
            assertThat(entry.added())
                    .extracting(r -> r.fingerprint())
                    .containsExactly(bob.recipient().fingerprint());
            assertThat(entry.removed()).containsExactly(alice.recipient().fingerprint());
        });
    }

    @Test
    void rekeyOfALargeArchiveCopiesItsStoredBlocksAndStillVerifies() throws Exception {
        // Large enough that the digest and the payload each span many stored blocks, which a re-key
        // copies as they are.
        WrittenArchive original = archive(LARGE);
        Path rekeyed = directory.resolve("rekeyed.tar.gz");

        ArchiveRekey.rekey(original.path(), rekeyed, Trust.certificate(node.certificate()), swapAliceForBob());

        java.security.MessageDigest read = Hashing.sha256();
        java.security.MessageDigest expected = Hashing.sha256();
        SampleArchives.records(LARGE).forEach(expected::update);
        Verification verification =
                ArchiveReader.read(rekeyed, Trust.certificate(node.certificate()), List.of(bob), read::update);
        assertThat(read.digest()).isEqualTo(expected.digest());
        Verification before = ArchiveReader.verify(original.path(), Trust.anySigner());
        assertThat(verification.payloadSha256()).isEqualTo(before.payloadSha256());
        assertThat(verification.signatureMember()).isEqualTo(original.signatureMember());
        assertThat(verification.digest()).isEqualTo(before.digest());
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(rekeyed))) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isPositive();
        }
        // a second re-key reads what the first one wrote
        Path again = directory.resolve("again.tar.gz");
        ArchiveRekey.rekey(
                rekeyed,
                again,
                Trust.certificate(node.certificate()),
                new ArchiveRekey.Request(List.of(bob), List.of(alice.recipient()), List.of(), Optional.empty(), LATER));
        assertThat(ArchiveReader.verify(again, Trust.certificate(node.certificate()), List.of(alice))
                        .payloadSha256())
                .isEqualTo(before.payloadSha256());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a digest line", "the payload", "a payload block header", "near the end of the file"})
    void refusesALargeArchiveChangedInAStoredMemberAndWritesNothing(String where) throws Exception {
        WrittenArchive original = archive(LARGE);
        byte[] bytes = Files.readAllBytes(original.path());
        int payload = indexOf(bytes, "age-encryption.org/v1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int position = switch (where) {
            case "a digest line" ->
                indexOf(bytes, "object 12345\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            case "the payload" -> payload + 3 * 65536 + 1000;
            case "a payload block header" -> blockHeaderAfter(bytes, payload + 2 * 65536);
            default -> bytes.length - 1200;
        };
        bytes[position] ^= 0x01;
        Path changed = directory.resolve("changed.tar.gz");
        Files.write(changed, bytes);
        Path out = directory.resolve("out.tar.gz");

        assertThatThrownBy(() -> ArchiveRekey.rekey(changed, out, Trust.anySigner(), swapAliceForBob()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).errorCode())
                .isIn(ErrorCode.MEMBER_TAMPERED, ErrorCode.MALFORMED, ErrorCode.TRUNCATED);
        assertThat(out).doesNotExist();
        assertThat(directory.resolve(".out.tar.gz.partial")).doesNotExist();
    }

    @Test
    void rekeyNeverDecryptsAPayloadChunk() throws Exception {
        // A signed archive whose payload is random bytes: it verifies without a key, but no chunk of it
        // can be decrypted. Re-keying it succeeds only because re-keying never tries.
        Path undecryptable = signedArchiveWithRandomPayload();
        Path rekeyed = directory.resolve("rekeyed.tar.gz");

        ArchiveRekey.rekey(undecryptable, rekeyed, Trust.certificate(node.certificate()), swapAliceForBob());

        assertThat(ArchiveReader.verify(rekeyed, Trust.certificate(node.certificate()))
                        .rekeys())
                .hasSize(1);
        assertThatThrownBy(() -> ArchiveReader.verify(rekeyed, Trust.anySigner(), List.of(bob)))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.PAYLOAD_TAMPERED);
    }

    @Test
    void rotationReencryptsUnderANewFileKeyAndIsCountersigned() {
        WrittenArchive original = archive(300);
        Path rotated = directory.resolve("rotated.tar.gz");
        NodeSigner operator = TestSigners.ecdsaP256("operator");

        ArchiveRekey.rekey(
                original.path(),
                rotated,
                Trust.anySigner(),
                new ArchiveRekey.Request(List.of(alice), List.of(), List.of(), Optional.of(operator), LATER));

        List<byte[]> records = new ArrayList<>();
        Verification verification =
                ArchiveReader.read(rotated, Trust.certificate(node.certificate()), List.of(alice), records::add);
        assertThat(records).usingRecursiveComparison().isEqualTo(SampleArchives.records(300));
        assertThat(verification.countersigner()).contains(operator.fingerprint());
        assertThat(verification.payloadSha256())
                .isNotEqualTo(
                        ArchiveReader.verify(original.path(), Trust.anySigner()).payloadSha256());
        assertThat(verification.signatureMember()).isEqualTo(original.signatureMember());
        assertThat(verification.rekeys())
                .singleElement()
                .extracting(RekeyLog.Entry::operation)
                .isEqualTo(RekeyLog.Operation.ROTATE_DATA_KEY);
    }

    @Test
    void aLaterRekeyKeepsTheCountersignatureValid() {
        WrittenArchive original = archive(20);
        Path rotated = directory.resolve("rotated.tar.gz");
        Path rekeyed = directory.resolve("rekeyed.tar.gz");
        NodeSigner operator = TestSigners.ed25519("operator");
        ArchiveRekey.rekey(
                original.path(),
                rotated,
                Trust.anySigner(),
                new ArchiveRekey.Request(List.of(alice), List.of(), List.of(), Optional.of(operator), LATER));

        ArchiveRekey.rekey(rotated, rekeyed, Trust.anySigner(), swapAliceForBob());

        Verification verification = ArchiveReader.verify(rekeyed, Trust.certificate(node.certificate()), List.of(bob));
        assertThat(verification.countersigner()).contains(operator.fingerprint());
        assertThat(verification.rekeys())
                .extracting(RekeyLog.Entry::operation)
                .containsExactly(RekeyLog.Operation.ROTATE_DATA_KEY, RekeyLog.Operation.REKEY);
    }

    @Test
    void refusesToRemoveARecipientTheArchiveDoesNotHave() {
        WrittenArchive original = archive(5);

        assertThatThrownBy(() -> ArchiveRekey.rekey(
                        original.path(),
                        directory.resolve("out.tar.gz"),
                        Trust.anySigner(),
                        new ArchiveRekey.Request(
                                List.of(alice),
                                List.of(),
                                List.of(bob.recipient().fingerprint()),
                                Optional.empty(),
                                LATER)))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("is not a recipient of this archive")
                .extracting(e -> ((ArchiveException) e).errorCode())
                .isEqualTo(ErrorCode.BAD_RECIPIENT);
        assertThat(directory.resolve("out.tar.gz")).doesNotExist();
    }

    @Test
    void refusesToRemoveEveryRecipient() {
        WrittenArchive original = archive(5);

        assertThatThrownBy(() -> ArchiveRekey.rekey(
                        original.path(),
                        directory.resolve("out.tar.gz"),
                        Trust.anySigner(),
                        new ArchiveRekey.Request(
                                List.of(alice),
                                List.of(),
                                List.of(alice.recipient().fingerprint()),
                                Optional.empty(),
                                LATER)))
                .extracting(e -> ((ArchiveException) e).errorCode())
                .isEqualTo(ErrorCode.BAD_RECIPIENT);
    }

    @Test
    void refusesToRekeyWithAnIdentityThatIsNotARecipient() throws Exception {
        WrittenArchive original = archive(5);

        assertThatThrownBy(() -> ArchiveRekey.rekey(
                        original.path(),
                        directory.resolve("out.tar.gz"),
                        Trust.anySigner(),
                        new ArchiveRekey.Request(
                                List.of(bob),
                                List.of(X25519Identity.generate().recipient()),
                                List.of(),
                                Optional.empty(),
                                LATER)))
                .extracting(e -> ((ArchiveException) e).errorCode())
                .isEqualTo(ErrorCode.NO_MATCHING_IDENTITY);
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(original.path());
        }
    }

    @Test
    void decryptWritesTheRecordStreamMetadataAndDigestOnlyWhenComplete() throws Exception {
        WrittenArchive original = archive(100);
        Path out = directory.resolve("decrypted");

        ArchiveReader.decrypt(original.path(), Trust.anySigner(), List.of(alice), out);

        assertThat(out.resolve("metadata.txt")).exists();
        assertThat(out.resolve("digest.txt")).exists();
        assertThat(Files.size(out.resolve("database.records")))
                .isEqualTo(original.metadata().recordBytes());
    }

    @Test
    void failedDecryptLeavesNothing() {
        WrittenArchive original = archive(100);
        Path out = directory.resolve("decrypted");

        assertThatThrownBy(() -> ArchiveReader.decrypt(original.path(), Trust.anySigner(), List.of(bob), out))
                .isInstanceOf(ArchiveException.class);

        assertThat(out).doesNotExist();
        assertThat(directory.resolve(".decrypted.partial")).doesNotExist();
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** The first byte of a stored block header at or after {@code from}: LEN and NLEN complement each other. */
    private static int blockHeaderAfter(byte[] bytes, int from) {
        for (int i = from; i + 5 <= bytes.length; i++) {
            int length = (bytes[i + 1] & 0xff) | (bytes[i + 2] & 0xff) << 8;
            int complement = (bytes[i + 3] & 0xff) | (bytes[i + 4] & 0xff) << 8;
            if (bytes[i] == 0 && length == 0xffff - complement && length > 60000) {
                return i + 1;
            }
        }
        throw new AssertionError("no block header");
    }

    /** Builds, member by member, an archive whose payload after a genuine header is random. */
    private Path signedArchiveWithRandomPayload() throws Exception {
        ByteArrayOutputStream digest = new ByteArrayOutputStream();
        DigestWriter digestWriter = new DigestWriter(digest);
        digestWriter.add(SampleArchives.entry(1));
        var summary = digestWriter.finish();
        byte[] payload = new byte[70_000];
        new SecureRandom().nextBytes(payload);
        byte[] header;
        try (FileKey fileKey = FileKey.generate()) {
            header = Header.create(alice.recipient().wrap(fileKey), fileKey).encoded();
        }
        Metadata metadata = new Metadata(
                "symbolon test",
                "0123456789abcdef0123456789abcdef",
                "random.tar.gz",
                CREATED,
                "EP",
                "pair",
                "node",
                List.of(),
                1,
                Map.of("KEY", 1L),
                java.util.Optional.empty(),
                1,
                100,
                "zstd",
                payload.length - 32,
                "00".repeat(32),
                List.of(Recipients.describe(alice.recipient())));
        byte[] metadataBytes = MetadataCodec.encode(metadata);
        byte[] certificate = CertificatePem.encode(node.certificate());
        byte[] signature = ArchiveSignature.sign(
                        new ArchiveSignature.Hashes(
                                "sha256:" + Hashing.sha256Hex(metadataBytes),
                                "sha256:" + Hashing.sha256Hex(digest.toByteArray()),
                                "sha256:" + Hashing.sha256Hex(payload),
                                "sha256:" + "00".repeat(32),
                                "sha256:" + Hashing.sha256Hex(certificate)),
                        node)
                .encode();
        assertThat(summary.total()).isEqualTo(1);
        byte[] database = new byte[header.length + payload.length];
        System.arraycopy(header, 0, database, 0, header.length);
        System.arraycopy(payload, 0, database, header.length, payload.length);
        Path path = directory.resolve("random.tar.gz");
        try (ContainerWriter container = ContainerWriter.create(path, CREATED)) {
            container.add(Member.METADATA, metadataBytes);
            container.add(Member.DIGEST, digest.toByteArray());
            container.add(Member.DATABASE, database);
            container.add(Member.CERTIFICATE, certificate);
            container.add(Member.SIGNATURE, signature);
            container.finish();
        }
        return path;
    }
}
