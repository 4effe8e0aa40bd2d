package io.symbolon.archive.custodian;

import io.symbolon.archive.ArchiveException;
import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.age.Header;
import io.symbolon.archive.container.ContainerReader;
import io.symbolon.archive.container.Member;
import io.symbolon.archive.container.MemberStream;
import io.symbolon.error.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An archive as a custodian ceremony sees it: verified without any key (ARCHIVE-FORMAT.md §10.1), with
 * its current age header and the custodian sets its recipients describe. A custodian releases their
 * share only for an archive that verified, and knows from this which backup it is.
 *
 * @param verification the keyless verification
 * @param header the current age header, whose hash is the one the verification saw
 * @param sets the custodian sets among the current recipients
 */
public record CustodianArchive(Verification verification, Header header, List<CustodianSet> sets) {

    public CustodianArchive {
        sets = List.copyOf(sets);
    }

    /**
     * Verifies {@code archive} without a key and reads its age header.
     *
     * @throws ArchiveException as {@link ArchiveReader#verify(Path, Trust)} does, or {@link
     *     ErrorCode#MEMBER_TAMPERED} if the file changed between the verification and the header read
     */
    public static CustodianArchive open(Path archive, Trust trust, Progress progress) {
        Verification verification = ArchiveReader.verify(archive, trust, progress);
        Header header = readHeader(archive);
        if (!("sha256:" + sha256Hex(header.encoded())).equals(verification.headerSha256())) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    Member.DATABASE.fileName(),
                    "the age header changed while it was being read; is another program writing " + archive + "?");
        }
        List<CustodianSet> sets = verification.recipients().stream()
                .filter(recipient -> recipient.kind().equals(CustodianSetCodec.KIND))
                .map(CustodianSetCodec::fromDescriptor)
                .toList();
        return new CustodianArchive(verification, header, sets);
    }

    /** The recorded set with fingerprint {@code fingerprint}. */
    public Optional<CustodianSet> set(String fingerprint) {
        return sets.stream()
                .filter(set -> set.fingerprint().equals(fingerprint))
                .findFirst();
    }

    /** For messages: {@code database_….tar.gz (archive id …)}. */
    public String label() {
        return verification.metadata().name() + " (archive id "
                + verification.metadata().archiveId() + ")";
    }

    private static Header readHeader(Path archive) {
        try (ContainerReader container = ContainerReader.open(archive)) {
            drain(container.next(Member.METADATA).orElseThrow().content());
            drain(container.next(Member.DIGEST).orElseThrow().content());
            container.next(Member.REKEY_LOG).ifPresent(log -> drain(log.content()));
            MemberStream database = container.next(Member.DATABASE).orElseThrow();
            return Header.read(new BufferedInputStream(database.content(), 8192));
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot read the archive: " + e.getMessage(), e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
