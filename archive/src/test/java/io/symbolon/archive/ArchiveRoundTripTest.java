package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRoundTripTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");

    @TempDir
    Path directory;

    private final NodeSigner signer = TestSigners.ed25519("ep1");
    private final X25519Identity identity = X25519Identity.generate();

    @Test
    void writesArchiveNamedAfterItsCreationTimeAndNothingElse() throws Exception {
        WrittenArchive written =
                SampleArchives.write(directory, "EP", CREATED, 100, List.of(identity.recipient()), signer);

        assertThat(written.path().getFileName().toString()).isEqualTo("database_2026-11-23-03-27-16.tar.gz");
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly("database_2026-11-23-03-27-16.tar.gz");
        }
        assertThat(written.metadata().records()).isEqualTo(100);
        assertThat(written.digest().total()).isEqualTo(100);
        // the room reserved for the metadata: what it leaves is an empty gzip member with a comment (FCOMMENT)
        assertThat(Files.readAllBytes(written.path())[3]).isEqualTo((byte) 0x10);
    }

    @Test
    void writesTheArchiveReadableByItsOwnerOnly() throws Exception {
        WrittenArchive written =
                SampleArchives.write(directory, "EP", CREATED, 3, List.of(identity.recipient()), signer);

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written.path())))
                .isEqualTo("rw-------");
    }

    @Test
    void verifiesWithoutAnyPrivateKey() {
        WrittenArchive written =
                SampleArchives.write(directory, "EP", CREATED, 100, List.of(identity.recipient()), signer);

        Verification verification = ArchiveReader.verify(written.path(), Trust.certificate(signer.certificate()));

        assertThat(verification.signerPinned()).isTrue();
        assertThat(verification.contentVerified()).isFalse();
        assertThat(verification.metadata().objects())
                .containsEntry("KEY", written.metadata().objects().get("KEY"));
        assertThat(verification.digest()).isEqualTo(written.digest());
    }

    @Test
    void readsBackEveryRecordInOrderWithTheRestoreIdentity() {
        WrittenArchive written =
                SampleArchives.write(directory, "EP", CREATED, 1000, List.of(identity.recipient()), signer);
        List<byte[]> records = new ArrayList<>();

        Verification verification =
                ArchiveReader.read(written.path(), Trust.anySigner(), List.of(identity), records::add);

        assertThat(verification.contentVerified()).isTrue();
        assertThat(records).usingRecursiveComparison().isEqualTo(SampleArchives.records(1000));
    }

    @Test
    void readsAnArchiveWithoutObjects() {
        WrittenArchive written =
                SampleArchives.write(directory, "EP", CREATED, 0, List.of(identity.recipient()), signer);
        List<byte[]> records = new ArrayList<>();

        ArchiveReader.read(written.path(), Trust.anySigner(), List.of(identity), records::add);

        assertThat(records).isEmpty();
    }

    @Test
    void refusesTheWrongIdentityNamingTheRecipients() {
        X25519Identity other = X25519Identity.generate();
        WrittenArchive written = SampleArchives.write(
                directory,
                "EP",
                CREATED,
                10,
                List.of(identity.recipient(), X25519Identity.generate().recipient()),
                signer);

        assertThatThrownBy(() -> ArchiveReader.read(written.path(), Trust.anySigner(), List.of(other), r -> {}))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("no identity matches any of the 2 recipients: SHA256:")
                .extracting(e -> ((ArchiveException) e).errorCode())
                .isEqualTo(ErrorCode.NO_MATCHING_IDENTITY);
    }

    @Test
    void refusesASignerOtherThanThePinnedOne() {
        WrittenArchive written =
                SampleArchives.write(directory, "EP", CREATED, 10, List.of(identity.recipient()), signer);
        NodeSigner stranger = TestSigners.ed25519("partner1");

        assertThatThrownBy(() -> ArchiveReader.verify(written.path(), Trust.certificate(stranger.certificate())))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).errorCode())
                .isEqualTo(ErrorCode.UNTRUSTED_SIGNER);
    }

    @Test
    void neverOverwritesAnExistingArchive() {
        SampleArchives.write(directory, "EP", CREATED, 1, List.of(identity.recipient()), signer);

        assertThatThrownBy(
                        () -> SampleArchives.write(directory, "EP", CREATED, 1, List.of(identity.recipient()), signer))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).errorCode())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void writesAnArchiveWhoseMetadataOutgrowsTheRoomReservedForIt() throws Exception {
        // 300 sections with random 32-character names: a metadata member far beyond the room reserved
        // for 16 sections, so the writer copies the digest behind it once.
        java.util.Random random = new java.util.Random(42);
        List<io.symbolon.archive.digest.DigestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder section = new StringBuilder("S");
            for (int k = 0; k < 31; k++) {
                section.append((char) ('A' + random.nextInt(26)));
            }
            io.symbolon.archive.digest.DigestEntry sample = SampleArchives.entry(i);
            entries.add(new io.symbolon.archive.digest.DigestEntry(
                    section.toString(),
                    sample.type(),
                    sample.uid(),
                    sample.version(),
                    sample.epoch(),
                    sample.fingerprint(),
                    sample.partition(),
                    sample.name()));
        }
        WrittenArchive written;
        try (ArchiveWriter writer = ArchiveWriter.create(
                directory,
                SampleArchives.description("EP", CREATED),
                List.of(identity.recipient()),
                signer,
                WriteOptions.defaults())) {
            for (int i = 0; i < entries.size(); i++) {
                writer.add(entries.get(i), SampleArchives.record(i));
            }
            written = writer.finish();
        }
        List<byte[]> records = new ArrayList<>();

        Verification verification =
                ArchiveReader.read(written.path(), Trust.anySigner(), List.of(identity), records::add);

        assertThat(verification.metadata().objects()).hasSize(300);
        // relocated: the file starts with the metadata's gzip member, not with the padding's (FCOMMENT)
        assertThat(Files.readAllBytes(written.path())[3]).isZero();
        assertThat(records).usingRecursiveComparison().isEqualTo(SampleArchives.records(300));
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly(written.path().getFileName().toString());
        }
    }

    @Test
    void abandonedWriterLeavesNoFileBehind() throws Exception {
        try (ArchiveWriter writer = ArchiveWriter.create(
                directory,
                SampleArchives.description("EP", CREATED),
                List.of(identity.recipient()),
                signer,
                WriteOptions.defaults())) {
            writer.add(SampleArchives.entry(1), SampleArchives.record(1));
        }
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }
}
