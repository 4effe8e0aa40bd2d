package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.ArchiveSignature;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.ArchiveSurgeon;
import io.symbolon.archive.testing.ArchiveSurgeon.Part;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivering pass of {@link ArchiveReader#deliver} (ARCHIVE-FORMAT.md §10.3): it hashes the digest
 * member instead of reading its lines again, and delivers nothing from a file whose digest is not the
 * one the verification checked.
 */
class ArchiveDeliveryTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");

    @TempDir
    Path directory;

    private final NodeSigner signer = TestSigners.ed25519("ep1");
    private final X25519Identity identity = X25519Identity.generate();

    @Test
    void deliversEveryRecordWithTheDigestSummaryAndHashTheVerificationEstablished() throws Exception {
        WrittenArchive written = write("a", CREATED, 200);
        Trust trust = Trust.certificate(signer.certificate());
        Verification verified = ArchiveReader.verify(written.path(), trust, List.of(identity));
        List<byte[]> records = new ArrayList<>();

        Verification delivered =
                ArchiveReader.deliver(verified, trust, List.of(identity), records::add, Progress.none());

        assertThat(records).usingRecursiveComparison().isEqualTo(SampleArchives.records(200));
        assertThat(delivered.digest()).isEqualTo(verified.digest()).isEqualTo(written.digest());
        assertThat(delivered.digest().counts()).isEqualTo(delivered.metadata().objects());
        assertThat(delivered.digest().sharedSha256()).isPresent();
        String signedDigest = ArchiveSignature.parse(delivered.signatureMember(), "signature.txt")
                .hashes()
                .digest();
        assertThat(delivered.digestSha256())
                .isEqualTo(verified.digestSha256())
                .isEqualTo(signedDigest)
                .isEqualTo("sha256:"
                        + Hashing.sha256Hex(ArchiveSurgeon.part(ArchiveSurgeon.open(written.path()), "digest.txt")
                                .bytes()));
        assertThat(delivered.contentVerified()).isTrue();
    }

    @Test
    void deliversNoRecordFromAnotherValidArchiveOfTheSameNodeSwappedInAfterTheVerification() throws Exception {
        WrittenArchive verifiedArchive = write("a", CREATED, 12);
        WrittenArchive other = write("b", CREATED.plusSeconds(60), 13);
        Trust trust = Trust.certificate(signer.certificate());
        Verification verified = ArchiveReader.verify(verifiedArchive.path(), trust, List.of(identity));
        Files.copy(other.path(), verifiedArchive.path(), StandardCopyOption.REPLACE_EXISTING);

        assertDeliversNothingFromAChangedFile(verified, trust);
    }

    @Test
    void refusesADigestThatChangedAfterTheVerificationByItsHashWithoutReadingItsLines() throws Exception {
        WrittenArchive written = write("a", CREATED, 12);
        Trust trust = Trust.certificate(signer.certificate());
        Verification verified = ArchiveReader.verify(written.path(), trust, List.of(identity));
        // The digest's first line no longer names its format: a pass that read the lines would stop
        // there with MALFORMED; one that hashes the member finds another member than the one verified.
        List<Part> parts = ArchiveSurgeon.open(written.path());
        Part unreadable = ArchiveSurgeon.part(parts, "digest.txt").flipped(0, 0x01);
        Path damaged =
                ArchiveSurgeon.write(directory.resolve("damaged.tar.gz"), ArchiveSurgeon.replace(parts, unreadable));
        Files.move(damaged, written.path(), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> ArchiveReader.verify(written.path(), trust, List.of(identity)))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .as("the first pass reads the lines")
                .isEqualTo(ErrorCode.MALFORMED);

        assertDeliversNothingFromAChangedFile(verified, trust);
    }

    /** The delivering pass refuses the file as changed since {@code verified}, before any record. */
    private void assertDeliversNothingFromAChangedFile(Verification verified, Trust trust) {
        List<byte[]> records = new ArrayList<>();
        assertThatThrownBy(
                        () -> ArchiveReader.deliver(verified, trust, List.of(identity), records::add, Progress.none()))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("changed after it was verified")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.MEMBER_TAMPERED);
        assertThat(records).as("records delivered from the changed file").isEmpty();
    }

    private WrittenArchive write(String subdirectory, Instant created, int count) throws Exception {
        return SampleArchives.write(
                Files.createDirectories(directory.resolve(subdirectory)),
                "EP",
                created,
                count,
                List.of(identity.recipient()),
                signer);
    }
}
