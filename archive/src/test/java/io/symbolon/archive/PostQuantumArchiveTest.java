package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.recipient.MlKem768X25519Identity;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives encrypted to hybrid post-quantum (mlkem768x25519) recipients: written, read, re-keyed, rotated. */
class PostQuantumArchiveTest {
    private static final Instant CREATED = Instant.parse("2026-12-06T03:27:16Z");
    private static final Instant LATER = Instant.parse("2027-01-02T10:00:00Z");

    @TempDir
    Path directory;

    private final NodeSigner node = TestSigners.ed25519("ep1");
    private final MlKem768X25519Identity carol = MlKem768X25519Identity.generate();
    private final MlKem768X25519Identity dave = MlKem768X25519Identity.generate();
    private final X25519Identity alice = X25519Identity.generate();

    @Test
    void anArchiveToAPostQuantumRecipientRecordsItAndOpensWithItsIdentity() {
        WrittenArchive archive = SampleArchives.write(directory, "EP", CREATED, 120, List.of(carol.recipient()), node);

        List<byte[]> records = new ArrayList<>();
        Verification verification =
                ArchiveReader.read(archive.path(), Trust.certificate(node.certificate()), List.of(carol), records::add);
        assertThat(records).usingRecursiveComparison().isEqualTo(SampleArchives.records(120));
        assertThat(verification.recipients())
                .singleElement()
                .isEqualTo(new RecipientDescriptor(
                        "mlkem768x25519",
                        carol.recipient().fingerprint(),
                        Optional.of(carol.recipient().encoded())));
        assertThatThrownBy(() -> ArchiveReader.read(archive.path(), Trust.anySigner(), List.of(dave), r -> {}))
                .isInstanceOfSatisfying(
                        SymbolonException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY));
    }

    @Test
    void writingToPostQuantumAndClassicRecipientsAtOnceIsRefusedAndLeavesNothing() throws IOException {
        Path out = Files.createDirectory(directory.resolve("out"));
        assertThatThrownBy(() -> SampleArchives.write(
                        out, "EP", CREATED, 10, List.of(carol.recipient(), alice.recipient()), node))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT);
                    assertThat(e.getMessage()).contains("post-quantum");
                });
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void oneRekeyMovesAClassicArchiveToAPostQuantumRecipientWithoutTouchingThePayload() {
        WrittenArchive original = SampleArchives.write(directory, "EP", CREATED, 80, List.of(alice.recipient()), node);
        Path moved = directory.resolve("moved.tar.gz");

        ArchiveRekey.rekey(
                original.path(),
                moved,
                Trust.certificate(node.certificate()),
                new ArchiveRekey.Request(
                        List.of(alice),
                        List.of(carol.recipient()),
                        List.of(alice.recipient().fingerprint()),
                        Optional.empty(),
                        LATER));

        Verification after = ArchiveReader.verify(moved, Trust.certificate(node.certificate()), List.of(carol));
        assertThat(after.payloadSha256())
                .isEqualTo(
                        ArchiveReader.verify(original.path(), Trust.anySigner()).payloadSha256());
        assertThat(after.signatureMember()).isEqualTo(original.signatureMember());
        assertThat(after.recipients()).extracting(RecipientDescriptor::kind).containsExactly("mlkem768x25519");
        assertThatThrownBy(() -> ArchiveReader.verify(moved, Trust.anySigner(), List.of(alice)))
                .isInstanceOfSatisfying(
                        SymbolonException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY));
    }

    @Test
    void aRekeyThatWouldLeaveAClassicRecipientBesideAPostQuantumOneIsRefused() {
        WrittenArchive original = SampleArchives.write(directory, "EP", CREATED, 5, List.of(alice.recipient()), node);
        Path out = directory.resolve("out.tar.gz");

        assertThatThrownBy(() -> ArchiveRekey.rekey(
                        original.path(),
                        out,
                        Trust.anySigner(),
                        new ArchiveRekey.Request(
                                List.of(alice), List.of(carol.recipient()), List.of(), Optional.empty(), LATER)))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT);
                    assertThat(e.getMessage()).contains("post-quantum").contains("classic");
                });
        assertThat(out).doesNotExist();
    }

    @Test
    void aRotationWrapsTheNewFileKeyToTheRecordedPostQuantumRecipientsAgain() {
        WrittenArchive original =
                SampleArchives.write(directory, "EP", CREATED, 60, List.of(carol.recipient(), dave.recipient()), node);
        Path rotated = directory.resolve("rotated.tar.gz");

        ArchiveRekey.rekey(
                original.path(),
                rotated,
                Trust.anySigner(),
                new ArchiveRekey.Request(
                        List.of(carol), List.of(), List.of(), Optional.of(TestSigners.ed25519("operator")), LATER));

        List<byte[]> records = new ArrayList<>();
        Verification verification =
                ArchiveReader.read(rotated, Trust.certificate(node.certificate()), List.of(dave), records::add);
        assertThat(records).usingRecursiveComparison().isEqualTo(SampleArchives.records(60));
        assertThat(verification.payloadSha256())
                .isNotEqualTo(
                        ArchiveReader.verify(original.path(), Trust.anySigner()).payloadSha256());
    }
}
