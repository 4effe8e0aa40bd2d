package io.symbolon.archive;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.PayloadEncryptor;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.container.Member;
import io.symbolon.archive.container.Piece;
import io.symbolon.archive.container.StreamedContainer;
import io.symbolon.archive.digest.BackgroundDigestWriter;
import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.MetadataCodec;
import io.symbolon.archive.records.RecordWriter;
import io.symbolon.archive.signature.ArchiveSignature;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.error.ErrorCode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Writes one node's archive as a stream (ARCHIVE-FORMAT.md §2, §11): records go through framing, zstd
 * and age's STREAM encryption — each stage on a thread of its own — into a temporary piece, while their
 * digest entries go straight into {@code .<name>.partial}, behind room left for the metadata. Finishing
 * appends the payload, the certificate and the signature, writes the metadata into its room, forces the
 * file to disk and only then links it to its final name. Until then the final name does not exist; a
 * writer closed without {@link #finish()} deletes every temporary file.
 *
 * <p>Temporary files hold only public data (the digest) and ciphertext (the age file); plaintext never
 * reaches the disk. Memory does not depend on the number or size of records.
 *
 * <p>Not thread-safe: one thread adds records.
 */
public final class ArchiveWriter implements AutoCloseable {
    private static final int STAGE_BUFFER = 256 * 1024;

    private final Path target;
    private final Path partial;
    private final ArchiveDescription description;
    private final List<Recipient> recipients;
    private final NodeSigner signer;
    private final String archiveId = randomId();
    private final StreamedContainer container;
    private final Piece payloadPiece;
    private final BufferedOutputStream digestOut;
    private final BackgroundDigestWriter digest;
    private final Hashing.Out payloadHash;
    private final Hashing.Out contentHash;
    private final BackgroundOutputStream compression;
    private final BackgroundOutputStream encryption;
    private final RecordWriter records;
    private boolean finished;
    private boolean closed;

    private ArchiveWriter(
            Path directory,
            ArchiveDescription description,
            List<Recipient> recipients,
            NodeSigner signer,
            WriteOptions options)
            throws IOException {
        this.description = description;
        this.recipients = recipients;
        this.signer = signer;
        String name = description.fileName();
        this.target = directory.resolve(name);
        this.partial = directory.resolve(ArchiveName.temporary(name, "partial"));
        if (Files.exists(target)) {
            throw new ArchiveException(
                    ErrorCode.ALREADY_EXISTS, target + " already exists; an archive is never overwritten");
        }
        StreamedContainer file = null;
        Piece payloadPart = null;
        BackgroundOutputStream encrypting = null;
        BackgroundOutputStream compressing = null;
        try (FileKey fileKey = FileKey.generate()) {
            // The digest streams straight into the archive file, after room for the metadata; the payload
            // goes into a piece appended at the end (ARCHIVE-FORMAT.md §11).
            file = StreamedContainer.create(
                    partial, description.created(), StreamedContainer.room(1, metadataBound(name).length));
            payloadPart =
                    Piece.create(directory.resolve(ArchiveName.temporary(name, "payload")), Deflater.NO_COMPRESSION);
            this.digestOut =
                    new BufferedOutputStream(file.openStreamed(Member.DIGEST, options.digestLevel()), 64 * 1024);
            OutputStream payloadOut = payloadPart.content();
            payloadOut.write(Age.header(fileKey, recipients).encoded());
            // Three stages on three threads (docs/BENCHMARKS.md): the caller frames records; one thread
            // compresses them (zstd, the costliest stage, alone); another hashes the content, encrypts,
            // hashes and writes the payload.
            this.payloadHash = new Hashing.Out(payloadOut, true);
            this.contentHash = new Hashing.Out(new PayloadEncryptor(payloadHash, fileKey), true);
            encrypting = new BackgroundOutputStream(contentHash, "symbolon-encrypt-" + name, STAGE_BUFFER, 4);
            ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(encrypting, options.zstdLevel());
            if (options.zstdWorkers() > 0) {
                zstd.setWorkers(options.zstdWorkers());
            }
            compressing = new BackgroundOutputStream(zstd, "symbolon-compress-" + name, STAGE_BUFFER, 4);
            this.records = new RecordWriter(compressing);
            this.digest = new BackgroundDigestWriter(digestOut, "symbolon-digest-" + name);
        } catch (IOException | RuntimeException e) {
            if (compressing != null) {
                compressing.abandon();
            }
            if (encrypting != null) {
                encrypting.abandon();
            }
            closeQuietly(file);
            closeQuietly(payloadPart);
            if (file != null) {
                Files.deleteIfExists(partial);
            }
            throw e;
        }
        this.encryption = encrypting;
        this.compression = compressing;
        this.container = file;
        this.payloadPiece = payloadPart;
    }

    /**
     * Starts an archive in {@code directory}, named after the description's creation time.
     *
     * @param recipients who can decrypt it; at least one; an scrypt passphrase only alone
     * @param signer the node's signing key and certificate
     */
    public static ArchiveWriter create(
            Path directory,
            ArchiveDescription description,
            List<? extends Recipient> recipients,
            NodeSigner signer,
            WriteOptions options) {
        if (recipients.isEmpty()) {
            throw new ArchiveException(ErrorCode.BAD_RECIPIENT, "an archive needs at least one recipient");
        }
        try {
            return new ArchiveWriter(directory, description, List.copyOf(recipients), signer, options);
        } catch (FileAlreadyExistsException e) {
            throw new ArchiveException(
                    ErrorCode.ALREADY_EXISTS,
                    "a temporary file of an unfinished archive is in the way: " + e.getFile()
                            + " (another backup running, or one that crashed: remove it)");
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot write in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Adds one object: its digest entry and its record, in strictly ascending uid order. */
    public void add(DigestEntry entry, byte[] record) {
        add(entry, record, 0, record.length);
    }

    public void add(DigestEntry entry, byte[] record, int offset, int length) {
        if (finished || closed) {
            throw new IllegalStateException("archive writer already finished or closed");
        }
        digest.add(entry);
        try {
            records.write(record, offset, length);
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot write the archive: " + e.getMessage(), e);
        }
    }

    /** The number of records added so far. */
    public long records() {
        return records.records();
    }

    /** Completes the archive, makes it durable and moves it to its final name. */
    public WrittenArchive finish() {
        if (finished || closed) {
            throw new IllegalStateException("archive writer already finished or closed");
        }
        try {
            DigestSummary summary = digest.finish();
            digestOut.close();
            records.finish();
            compression.close();
            payloadPiece.complete();

            byte[] certificate = CertificatePem.encode(signer.certificate());
            Metadata metadata = new Metadata(
                    description.software(),
                    archiveId,
                    target.getFileName().toString(),
                    description.created(),
                    description.role(),
                    description.pairId(),
                    description.nodeId(),
                    description.pairHostnames(),
                    description.epoch(),
                    summary.counts(),
                    summary.sharedSha256(),
                    records.records(),
                    records.bytes(),
                    "zstd",
                    contentHash.count,
                    Hashing.hex(contentHash.digest.digest()),
                    recipients.stream().map(Recipients::describe).toList());
            byte[] metadataBytes = MetadataCodec.encode(metadata);
            ArchiveSignature signature = ArchiveSignature.sign(
                    new ArchiveSignature.Hashes(
                            "sha256:" + Hashing.sha256Hex(metadataBytes),
                            "sha256:" + digest.memberSha256(),
                            "sha256:" + Hashing.hex(payloadHash.digest.digest()),
                            "sha256:" + metadata.contentSha256(),
                            "sha256:" + Hashing.sha256Hex(certificate)),
                    signer);
            byte[] signatureBytes = signature.encode();

            container.add(Member.DATABASE, payloadPiece);
            container.add(Member.CERTIFICATE, certificate);
            container.add(Member.SIGNATURE, signatureBytes);
            container.addFirst(Member.METADATA, metadataBytes);
            container.finish();
            publish(partial, target);
            finished = true;
            return new WrittenArchive(target, Files.size(target), metadata, summary, signatureBytes);
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot write the archive " + target + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ArchiveException(
                    ErrorCode.IO,
                    "cannot write the archive " + target + ": " + e.getCause().getMessage(),
                    e);
        } finally {
            close();
        }
    }

    /** Links the complete file to its final name (never replacing one) and makes the rename durable. */
    static void publish(Path partial, Path target) throws IOException {
        try {
            Files.createLink(target, partial);
        } catch (FileAlreadyExistsException e) {
            throw new ArchiveException(
                    ErrorCode.ALREADY_EXISTS, target + " already exists; an archive is never overwritten");
        } catch (UnsupportedOperationException e) {
            Files.move(partial, target);
        }
        Files.deleteIfExists(partial);
        try (FileChannel directory = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the file itself is already durable
        }
    }

    private static String randomId() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Abandons an unfinished archive: every temporary file is deleted; a finished one is left alone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            // abandoning: the stages stop and the pieces are deleted whatever state they are in
            compression.abandon();
            encryption.abandon();
        }
        if (!finished) {
            digest.close();
        }
        closeQuietly(container);
        closeQuietly(payloadPiece);
        if (!finished) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing else to do; it is a hidden .partial file that the next backup reports
            }
        }
    }

    /**
     * The metadata as large as it can be for this archive, to reserve room for it: every number at 19
     * digits and 16 sections of 32 characters. An archive with more sections is still written, at the
     * cost of one copy of its digest (see {@link StreamedContainer}).
     */
    private byte[] metadataBound(String name) {
        Map<String, Long> sections = new TreeMap<>();
        for (int i = 0; i < 16; i++) {
            sections.put("S%031d".formatted(i), 100_000_000_000_000_000L);
        }
        return MetadataCodec.encode(new Metadata(
                description.software(),
                archiveId,
                name,
                description.created(),
                description.role(),
                description.pairId(),
                description.nodeId(),
                description.pairHostnames(),
                description.epoch(),
                sections,
                Optional.of("0".repeat(64)),
                1_600_000_000_000_000_000L,
                Long.MAX_VALUE,
                "zstd",
                Long.MAX_VALUE,
                "0".repeat(64),
                recipients.stream().map(Recipients::describe).toList()));
    }

    private static void closeQuietly(AutoCloseable piece) {
        if (piece != null) {
            try {
                piece.close();
            } catch (Exception ignored) {
                // best effort on an error path
            }
        }
    }
}
