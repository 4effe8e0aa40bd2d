package io.symbolon.archive;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Header;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.PayloadDecryptor;
import io.symbolon.archive.container.Member;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.records.RecordReader;
import io.symbolon.archive.records.RecordWriter;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and verifies archives (ARCHIVE-FORMAT.md §10). Every method reads the archive sequentially;
 * memory does not grow with its size.
 *
 * <ul>
 *   <li>{@link #verify(Path, Trust)} checks every byte without any private key.
 *   <li>{@link #verify(Path, Trust, List)} also decrypts and decompresses the content, checking it
 *       against the signed content hash and the digest's count, without releasing anything.
 *   <li>{@link #read(Path, Trust, List, RecordSink)} does both and only then delivers the records, in a
 *       second pass that re-checks everything (the digest only by its hash, which must be the one the
 *       first pass verified); see {@link RecordSink} for what a failure then means.
 * </ul>
 *
 * <p>Guarantee: no record reaches a sink, and {@link #decrypt} writes nothing to its final place, unless
 * the whole archive verified. Not guaranteed: freshness — an old archive of the same node verifies as
 * well as a new one; compare its creation time and epoch with what you expect.
 */
public final class ArchiveReader {
    private ArchiveReader() {}

    /** The full keyless check: structure, member hashes, signature, digest root, rekey log consistency. */
    public static Verification verify(Path archive, Trust trust) {
        return verify(archive, trust, Progress.none());
    }

    /** As {@link #verify(Path, Trust)}, reporting bytes read. */
    public static Verification verify(Path archive, Trust trust, Progress progress) {
        try (ArchiveScan scan = ArchiveScan.open(archive, progress)) {
            scan.readMetadata();
            scan.readDigest();
            scan.readRekeyLog();
            scan.hashPayload();
            scan.readTrailer();
            return scan.check(trust, false);
        }
    }

    /**
     * Reads what an archive says about itself. Structural damage (not an archive, unreadable members)
     * is thrown; a failed integrity check is reported in {@link Inspection#problem()} so that the
     * archive can still be examined.
     */
    public static Inspection inspect(Path archive) {
        try (ArchiveScan scan = ArchiveScan.open(archive, Progress.none())) {
            scan.readMetadata();
            scan.readDigest();
            scan.readRekeyLog();
            scan.hashPayload();
            scan.readTrailer();
            java.util.Optional<String> problem;
            java.util.Optional<String> countersigner = java.util.Optional.empty();
            try {
                Verification verification = scan.check(Trust.anySigner(), false);
                countersigner = verification.countersigner();
                problem = java.util.Optional.empty();
            } catch (SymbolonException e) {
                problem = java.util.Optional.of(
                        e.getMessage() + " [" + e.errorCode().code() + "]");
            }
            long size;
            try {
                size = Files.size(archive);
            } catch (IOException e) {
                size = -1;
            }
            return new Inspection(
                    archive,
                    size,
                    scan.metadata,
                    scan.digest,
                    scan.currentRecipients(),
                    scan.header.stanzas().stream()
                            .map(io.symbolon.archive.age.Stanza::type)
                            .toList(),
                    io.symbolon.archive.signature.KeyFingerprint.of(scan.certificate.getPublicKey()),
                    scan.certificate.getSubjectX500Principal().getName(),
                    scan.rekeyLog == null ? List.of() : scan.rekeyLog.entries(),
                    countersigner,
                    problem);
        }
    }

    /**
     * The bytes of an archive's digest member (ARCHIVE-FORMAT.md §5), streamed as they are stored, for a
     * node that compares its own freshly written archive with its peer's. Only the container's framing
     * and the metadata are checked on the way; a caller that needs the digest's own rules reads the
     * stream with a {@link io.symbolon.archive.digest.DigestReader}, and one that needs the archive's
     * integrity verifies it. Closing the stream closes the file.
     */
    public static InputStream digestMember(Path archive) {
        ArchiveScan scan = ArchiveScan.open(archive, Progress.none());
        try {
            scan.readMetadata();
            return new java.io.FilterInputStream(scan.digestContent()) {
                @Override
                public void close() {
                    scan.close();
                }
            };
        } catch (RuntimeException e) {
            scan.close();
            throw e;
        }
    }

    /** The keyless check plus decryption and checking of the whole content; releases nothing. */
    public static Verification verify(Path archive, Trust trust, List<? extends Identity> identities) {
        return verify(archive, trust, identities, Progress.none());
    }

    /** As {@link #verify(Path, Trust, List)}, reporting bytes read. */
    public static Verification verify(
            Path archive, Trust trust, List<? extends Identity> identities, Progress progress) {
        return pass(archive, trust, identities, null, null, progress);
    }

    /**
     * Verifies the archive with its content, then delivers every record to {@code sink} in a second pass.
     *
     * @throws SymbolonException if the archive does not verify (nothing delivered), or if the file changed
     *     after the first pass (records may have been delivered; the sink's transaction must roll back)
     */
    public static Verification read(Path archive, Trust trust, List<? extends Identity> identities, RecordSink sink) {
        return read(archive, trust, identities, sink, Progress.none());
    }

    /** As {@link #read(Path, Trust, List, RecordSink)}, reporting bytes read (the file is read twice). */
    public static Verification read(
            Path archive, Trust trust, List<? extends Identity> identities, RecordSink sink, Progress progress) {
        Verification first = pass(archive, trust, identities, null, null, progress);
        return deliver(first, trust, identities, sink, progress);
    }

    /**
     * The delivering pass of {@link #read}, for a caller that already verified the archive with its
     * content ({@link #verify(Path, Trust, List)} with an identity) and acted on what it established
     * (a restore checks role and pair before it opens a database): every record goes to {@code sink}
     * in one more pass, which must find the same file — same digest, payload, signature and archive id.
     * That pass only hashes the digest member: {@code verified} already checked its lines, and equal
     * hashes mean the same lines; so no record is delivered from a file whose digest changed.
     *
     * @throws IllegalArgumentException if {@code verified} did not check the content
     * @throws SymbolonException if the file is no longer the one verified, or fails to verify now
     *     (records may have been delivered; the sink's transaction must roll back)
     */
    public static Verification deliver(
            Verification verified,
            Trust trust,
            List<? extends Identity> identities,
            RecordSink sink,
            Progress progress) {
        if (!verified.contentVerified()) {
            throw new IllegalArgumentException("records are delivered only after a verification of the content");
        }
        Path archive = verified.path();
        Verification second = pass(archive, trust, identities, sink, verified, progress);
        if (!second.payloadSha256().equals(verified.payloadSha256())
                || !MessageDigest.isEqual(second.signatureMember(), verified.signatureMember())
                || !second.metadata().archiveId().equals(verified.metadata().archiveId())) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    archive + " changed after it was verified; discard everything read from it and try again");
        }
        return second;
    }

    /**
     * One pass over the whole archive. The verifying pass ({@code verified} null) reads and checks every
     * digest line; the delivering pass hashes the digest and takes its summary from {@code verified}.
     */
    private static Verification pass(
            Path archive,
            Trust trust,
            List<? extends Identity> identities,
            RecordSink sink,
            Verification verified,
            Progress progress) {
        try (ArchiveScan scan = ArchiveScan.open(archive, progress)) {
            scan.readMetadata();
            if (verified == null) {
                scan.readDigest();
            } else {
                scan.hashDigest(verified);
            }
            scan.readRekeyLog();
            ContentCheck content = new ContentCheck(scan.metadata, identities, sink);
            try {
                scan.readPayload(content);
                scan.readTrailer();
                if (content.noMatch != null) {
                    throw noMatch(scan.currentRecipients(), content.noMatch);
                }
                Verification verification = scan.check(trust, true);
                content.confirm();
                if (scan.rekeyLog != null) {
                    scan.rekeyLog.authenticate(content.fileKey, Member.REKEY_LOG.fileName());
                }
                return verification;
            } finally {
                if (content.fileKey != null) {
                    content.fileKey.close();
                }
            }
        }
    }

    /**
     * Decrypts an archive into {@code outputDirectory}: {@code metadata.txt}, {@code digest.txt} and
     * {@code database.records} (the record stream, ARCHIVE-FORMAT.md §6.2). Everything is written into a
     * hidden directory beside it first, and renamed into place only after the whole archive verified;
     * on any failure nothing remains. {@code outputDirectory} must not exist, or be empty.
     */
    public static Verification decrypt(
            Path archive, Trust trust, List<? extends Identity> identities, Path outputDirectory) {
        return decrypt(archive, trust, identities, outputDirectory, Progress.none());
    }

    /** As {@link #decrypt(Path, Trust, List, Path)}, reporting bytes read. */
    public static Verification decrypt(
            Path archive, Trust trust, List<? extends Identity> identities, Path outputDirectory, Progress progress) {
        Path target = outputDirectory.toAbsolutePath();
        try {
            if (Files.exists(target)) {
                try (var entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw new ArchiveException(
                                ErrorCode.ALREADY_EXISTS, target + " is not empty; decrypt into a new directory");
                    }
                }
            }
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot prepare " + target + ": " + e.getMessage(), e);
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        boolean published = false;
        try {
            Files.createDirectory(
                    partial,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            Verification verification;
            try (ArchiveScan scan = ArchiveScan.open(archive, progress);
                    OutputStream digestFile =
                            new java.io.BufferedOutputStream(Files.newOutputStream(partial.resolve("digest.txt")));
                    OutputStream recordsFile = new java.io.BufferedOutputStream(
                            Files.newOutputStream(partial.resolve("database.records")), 256 * 1024)) {
                scan.readMetadata();
                Files.write(partial.resolve("metadata.txt"), scan.metadataBytes);
                scan.copyDigest(digestFile);
                scan.readRekeyLog();
                RecordWriter framing = new RecordWriter(recordsFile);
                ContentCheck content =
                        new ContentCheck(scan.metadata, identities, record -> framing.write(record, 0, record.length));
                try {
                    scan.readPayload(content);
                    scan.readTrailer();
                    if (content.noMatch != null) {
                        throw noMatch(scan.currentRecipients(), content.noMatch);
                    }
                    verification = scan.check(trust, true);
                    content.confirm();
                    if (scan.rekeyLog != null) {
                        scan.rekeyLog.authenticate(content.fileKey, Member.REKEY_LOG.fileName());
                    }
                } finally {
                    if (content.fileKey != null) {
                        content.fileKey.close();
                    }
                }
                framing.finish();
            }
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            published = true;
            return verification;
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (!published) {
                deleteTree(partial);
            }
        }
    }

    private static void deleteTree(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort on a failure path
                }
            });
        } catch (IOException ignored) {
            // the directory was never created
        }
    }

    static ArchiveException noMatch(List<RecipientDescriptor> recipients, AgeException cause) {
        String list = recipients.stream().map(RecipientDescriptor::fingerprint).collect(Collectors.joining(", "));
        return new ArchiveException(
                ErrorCode.NO_MATCHING_IDENTITY,
                Member.DATABASE.fileName(),
                "no identity matches any of the " + recipients.size() + " recipient"
                        + (recipients.size() == 1 ? "" : "s") + ": " + list + "; use the restore key of one of them",
                cause);
    }

    /** Unwraps the file key; a wrong identity is remembered so the error can list the current recipients. */
    static final class ContentCheck implements ArchiveScan.PayloadHandler {
        private final Metadata metadata;
        private final List<? extends Identity> identities;
        private final RecordSink sink;
        FileKey fileKey;
        AgeException noMatch;
        private ArchiveException mismatch;

        ContentCheck(Metadata metadata, List<? extends Identity> identities, RecordSink sink) {
            this.metadata = metadata;
            this.identities = identities;
            this.sink = sink;
        }

        @Override
        public void handle(Header header, InputStream rest) throws IOException {
            try {
                fileKey = Age.unwrap(header, identities);
            } catch (AgeException e) {
                if (e.kind() != AgeException.Kind.NO_MATCH) {
                    throw e;
                }
                noMatch = e;
                rest.transferTo(OutputStream.nullOutputStream());
                return;
            }
            header.verifyMac(fileKey);
            Hashing.In content = new Hashing.In(new PayloadDecryptor(rest, fileKey));
            try (ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(content)) {
                RecordReader records =
                        new RecordReader(new BufferedInputStream(zstd, 256 * 1024), Member.DATABASE.fileName());
                for (byte[] record = records.next(); record != null; record = records.next()) {
                    if (sink != null) {
                        deliver(record);
                    }
                }
                if (records.records() != metadata.records() || records.bytes() != metadata.recordBytes()) {
                    mismatch = new ArchiveException(
                            ErrorCode.CONTENT_MISMATCH,
                            Member.DATABASE.fileName(),
                            "holds " + records.records() + " records (" + records.bytes()
                                    + " bytes) but the metadata says " + metadata.records() + " ("
                                    + metadata.recordBytes() + " bytes)");
                }
            } catch (com.github.luben.zstd.ZstdIOException e) {
                throw new ArchiveException(
                        ErrorCode.CONTENT_MISMATCH,
                        Member.DATABASE.fileName(),
                        "the decrypted content is not valid zstd: " + e.getMessage(),
                        e);
            }
            if (content.count != metadata.contentSize()
                    || !HexFormat.of().formatHex(content.digest.digest()).equals(metadata.contentSha256())) {
                mismatch = new ArchiveException(
                        ErrorCode.CONTENT_MISMATCH,
                        Member.DATABASE.fileName(),
                        "the decrypted content does not hash to the signed content hash");
            }
        }

        /**
         * Throws if the content disagreed with the metadata. Called after the keyless checks, so that a
         * modified metadata member is blamed as such rather than the content it no longer describes.
         */
        void confirm() {
            if (mismatch != null) {
                throw mismatch;
            }
        }

        private void deliver(byte[] record) {
            try {
                sink.accept(record);
            } catch (SymbolonException e) {
                throw e;
            } catch (Exception e) {
                throw new SymbolonException(ErrorCode.INTERNAL, "a record could not be applied: " + e.getMessage(), e);
            }
        }
    }
}
