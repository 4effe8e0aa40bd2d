package io.symbolon.archive;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Header;
import io.symbolon.archive.container.ContainerReader;
import io.symbolon.archive.container.ContainerWriter;
import io.symbolon.archive.container.Member;
import io.symbolon.archive.container.MemberStream;
import io.symbolon.archive.container.StoredMember;
import io.symbolon.archive.digest.DigestReader;
import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.MetadataCodec;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.rekey.RekeyLog;
import io.symbolon.archive.signature.ArchiveSignature;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.Countersignature;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.error.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One sequential pass over an archive's members, step by step, keeping what each member says and the
 * hashes of their bytes (ARCHIVE-FORMAT.md §10). {@link #check(Trust, boolean)} then applies every
 * keyless rule. The reader, the pair comparison and the re-keyer compose these steps.
 */
final class ArchiveScan implements AutoCloseable {
    /** Consumes the payload after the age header; must read {@code rest} to its end. */
    @FunctionalInterface
    interface PayloadHandler {
        void handle(Header header, InputStream rest) throws IOException;
    }

    final Path path;
    private final ContainerReader container;
    byte[] metadataBytes;
    Metadata metadata;
    private DigestReader digestReader;
    DigestSummary digest;
    String digestSha256;
    Header header;
    long payloadMemberSize;
    /** Where database.age's content starts in the tar stream. */
    long payloadOffset;
    /** Whether {@link #copyStored} read the current member and moved the container past it. */
    private boolean resumed;

    String headerSha256;
    String payloadSha256;
    byte[] certificateBytes;
    X509Certificate certificate;
    byte[] signatureBytes;
    ArchiveSignature signature;
    byte[] rekeyLogBytes;
    RekeyLog rekeyLog;
    byte[] countersignatureBytes;
    Countersignature countersignature;

    private ArchiveScan(Path path, Progress progress) {
        this.path = path;
        this.container = ContainerReader.open(path, progress::advance);
    }

    static ArchiveScan open(Path path, Progress progress) {
        return new ArchiveScan(path, progress);
    }

    void readMetadata() {
        metadataBytes = container.next(Member.METADATA).orElseThrow().readAll();
        metadata = MetadataCodec.decode(metadataBytes, Member.METADATA.fileName());
    }

    /** Opens the digest for the caller to read entry by entry; {@link #finishDigest()} when done. */
    DigestReader openDigest() {
        MemberStream member = container.next(Member.DIGEST).orElseThrow();
        digestReader = new DigestReader(member.content(), Member.DIGEST.fileName());
        return digestReader;
    }

    /** The digest member's bytes as they are, for a caller that only streams it elsewhere. */
    InputStream digestContent() {
        return container.next(Member.DIGEST).orElseThrow().content();
    }

    void finishDigest() {
        digest = digestReader.summary();
        digestSha256 = "sha256:" + digestReader.memberSha256();
    }

    /** Reads the whole digest, checking its own consistency. */
    void readDigest() {
        DigestReader reader = openDigest();
        while (reader.advance()) {
            // each entry is checked as it is read; the pass only needs the summary
        }
        finishDigest();
    }

    /**
     * Hashes the digest without parsing its lines, for the delivering pass over a file that an earlier
     * pass verified (ARCHIVE-FORMAT.md §10.3): the same bytes have the summary that pass read from
     * them, which is taken from {@code verified} for {@link #check}; other bytes mean the file changed.
     */
    void hashDigest(Verification verified) {
        MemberStream member = container.next(Member.DIGEST).orElseThrow();
        java.security.MessageDigest hash = Hashing.sha256();
        byte[] buffer = new byte[256 * 1024];
        try {
            for (int read = member.content().read(buffer);
                    read >= 0;
                    read = member.content().read(buffer)) {
                hash.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, Member.DIGEST.fileName(), "cannot be read: " + e.getMessage(), e);
        }
        String sha256 = "sha256:" + Hashing.hex(hash.digest());
        if (!sha256.equals(verified.digestSha256())) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    path + " changed after it was verified (its digest member is another)"
                            + "; discard everything read from it and try again");
        }
        digestSha256 = sha256;
        digest = verified.digest();
    }

    /**
     * Copies the digest unchanged into another container, hashing it but not parsing its lines: a
     * re-key only needs the digest to be the one the node signed, which the hash proves. The counts
     * and root are read from the trailer. When the digest is a {@link StoredMember}, its blocks are
     * copied on {@code executor} into room reserved in {@code out} while the caller reads on past it
     * (a re-key's payload copy then hashes on the other core); {@link #digest} and
     * {@link #digestSha256} are set once the returned future is done.
     */
    Future<?> copyDigest(ContainerWriter out, ExecutorService executor) throws IOException {
        MemberStream member = container.next(Member.DIGEST).orElseThrow();
        long offset = container.tarPosition();
        Optional<StoredMember> found = StoredMember.locate(path, offset, 0, member.size());
        if (found.isEmpty()) {
            reframeDigest(member, out);
            return CompletableFuture.completedFuture(null);
        }
        StoredMember stored = found.get();
        byte[] head = stored.head();
        byte[] end = stored.tail();
        out.openFramed(Member.DIGEST, member.size(), head);
        WritableByteChannel room = out.reserve(stored.copyLength());
        out.closeFramed(end);
        container.resumeAt(stored.next(), offset + member.size() + (512 - member.size() % 512) % 512);
        return executor.submit(() -> {
            java.security.MessageDigest hash = Hashing.sha256();
            Tail tail = new Tail(64 * 1024);
            StoredMember.Sink sink = content -> {
                tail.keep(content.duplicate());
                hash.update(content);
            };
            sink.accept(ByteBuffer.wrap(head));
            stored.copy(room, Member.DIGEST, sink);
            sink.accept(ByteBuffer.wrap(end));
            digest = DigestReader.trailer(tail.bytes(), Member.DIGEST.fileName());
            digestSha256 = "sha256:" + Hashing.hex(hash.digest());
            return null;
        });
    }

    /** Copies a digest laid out any other way as one stored gzip member, hashing it. */
    private void reframeDigest(MemberStream member, ContainerWriter out) throws IOException {
        java.security.MessageDigest hash = Hashing.sha256();
        byte[] tail = new byte[64 * 1024];
        int tailLength = 0;
        try (java.io.OutputStream copy = out.open(Member.DIGEST, member.size(), 0)) {
            byte[] buffer = new byte[256 * 1024];
            for (int read = member.content().read(buffer);
                    read >= 0;
                    read = member.content().read(buffer)) {
                hash.update(buffer, 0, read);
                copy.write(buffer, 0, read);
                if (read >= tail.length) {
                    System.arraycopy(buffer, read - tail.length, tail, 0, tail.length);
                    tailLength = tail.length;
                } else {
                    int keep = Math.min(tailLength, tail.length - read);
                    System.arraycopy(tail, tailLength - keep, tail, 0, keep);
                    System.arraycopy(buffer, 0, tail, keep, read);
                    tailLength = keep + read;
                }
            }
        }
        digest = DigestReader.trailer(java.util.Arrays.copyOf(tail, tailLength), Member.DIGEST.fileName());
        digestSha256 = "sha256:" + Hashing.hex(hash.digest());
    }

    /**
     * Copies a member's stored blocks, which checks them (framing, CRC-32, size) as it goes, and then
     * goes on reading the container after them: the member's bytes are read once. What {@code sink}
     * sees is what was written.
     */
    void copyStored(
            StoredMember stored,
            WritableByteChannel out,
            Member member,
            StoredMember.Sink sink,
            long contentOffset,
            long size)
            throws IOException {
        stored.copy(out, member, sink);
        container.resumeAt(stored.next(), contentOffset + size + (512 - size % 512) % 512);
        resumed = true;
    }

    /** The last bytes of a stream, kept as they pass. */
    private static final class Tail {
        private final byte[] bytes;
        private int length;

        Tail(int capacity) {
            bytes = new byte[capacity];
        }

        void keep(ByteBuffer content) {
            int size = content.remaining();
            if (size >= bytes.length) {
                content.get(content.limit() - bytes.length, bytes);
                length = bytes.length;
                return;
            }
            int kept = Math.min(length, bytes.length - size);
            System.arraycopy(bytes, length - kept, bytes, 0, kept);
            content.get(bytes, kept, size);
            length = kept + size;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(bytes, length);
        }
    }

    /** Reads the digest, checking it, while copying its bytes unchanged to {@code copy}. */
    void copyDigest(java.io.OutputStream copy) throws IOException {
        readDigest(container.next(Member.DIGEST).orElseThrow(), copy);
    }

    private void readDigest(MemberStream member, java.io.OutputStream copy) {
        InputStream tee = new java.io.FilterInputStream(member.content()) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    copy.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = in.read(bytes, offset, length);
                if (read > 0) {
                    copy.write(bytes, offset, read);
                }
                return read;
            }
        };
        digestReader = new DigestReader(tee, Member.DIGEST.fileName());
        while (digestReader.advance()) {
            // checked as it is copied
        }
        finishDigest();
    }

    /** Reads the rekey log if the archive has one; it sits between the digest and the payload. */
    void readRekeyLog() {
        Optional<MemberStream> log = container.next(Member.REKEY_LOG);
        if (log.isPresent()) {
            rekeyLogBytes = log.get().readAll();
            rekeyLog = RekeyLog.decode(rekeyLogBytes, Member.REKEY_LOG.fileName());
        }
    }

    void readPayload(PayloadHandler handler) {
        copyPayload((header, rest) -> {
            Hashing.In hashed = new Hashing.In(rest);
            handler.handle(header, hashed);
            if (hashed.read() >= 0) {
                throw new IllegalStateException("payload handler left bytes unread");
            }
            return "sha256:" + Hashing.hex(hashed.digest.digest());
        });
    }

    /**
     * Consumes the payload after the age header and returns its hash ({@code sha256:<hex>}), for a
     * handler that hashes the bytes it copies from elsewhere; must read {@code rest} to its end.
     */
    @FunctionalInterface
    interface PayloadCopier {
        String copy(Header header, InputStream rest) throws IOException;
    }

    /** As {@link #readPayload(PayloadHandler)}, the handler hashing the payload itself. */
    void copyPayload(PayloadCopier copier) {
        MemberStream member = container.next(Member.DATABASE).orElseThrow();
        payloadMemberSize = member.size();
        payloadOffset = container.tarPosition();
        BufferedInputStream buffered = new BufferedInputStream(member.content(), 256 * 1024);
        try {
            header = Header.read(buffered);
            headerSha256 = "sha256:" + Hashing.sha256Hex(header.encoded());
            resumed = false;
            payloadSha256 = copier.copy(header, buffered);
            if (!resumed && buffered.read() >= 0) {
                throw new IllegalStateException("payload handler left bytes unread");
            }
        } catch (AgeException e) {
            throw new ArchiveException(e.errorCode(), Member.DATABASE.fileName(), e.getMessage(), e);
        } catch (IOException e) {
            throw new ArchiveException(
                    ErrorCode.IO, Member.DATABASE.fileName(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads the payload only to hash it: no key involved. */
    void hashPayload() {
        readPayload((header, rest) -> rest.transferTo(java.io.OutputStream.nullOutputStream()));
    }

    void readTrailer() {
        certificateBytes = container.next(Member.CERTIFICATE).orElseThrow().readAll();
        certificate = CertificatePem.decode(certificateBytes, Member.CERTIFICATE.fileName());
        signatureBytes = container.next(Member.SIGNATURE).orElseThrow().readAll();
        signature = ArchiveSignature.parse(signatureBytes, Member.SIGNATURE.fileName());
        if (rekeyLog != null) {
            Optional<MemberStream> counter = container.next(Member.COUNTERSIGNATURE);
            if (counter.isPresent()) {
                countersignatureBytes = counter.get().readAll();
                countersignature = Countersignature.parse(countersignatureBytes, Member.COUNTERSIGNATURE.fileName());
            }
        }
        container.end();
    }

    /** The recipients the file key is wrapped to now: those at creation, changed by the rekey log. */
    List<RecipientDescriptor> currentRecipients() {
        return rekeyLog == null ? metadata.recipients() : rekeyLog.currentRecipients(metadata.recipients());
    }

    /**
     * Applies every rule that needs no private key (ARCHIVE-FORMAT.md §10.1), in an order that names
     * the most specific culprit first.
     */
    Verification check(Trust trust, boolean contentVerified) {
        String metadataName = Member.METADATA.fileName();
        String signatureName = Member.SIGNATURE.fileName();
        String keyFingerprint = KeyFingerprint.of(certificate.getPublicKey());
        if (!signature.signer().equals(keyFingerprint)) {
            throw new ArchiveException(
                    ErrorCode.SIGNATURE_INVALID,
                    signatureName,
                    "names signer " + signature.signer() + " but node.crt holds the key " + keyFingerprint);
        }
        if (!signature.statement().verifies(signature.algorithm(signatureName), certificate.getPublicKey())) {
            throw new ArchiveException(
                    ErrorCode.SIGNATURE_INVALID,
                    signatureName,
                    "the signature does not verify with the key in node.crt: the signature member was modified");
        }
        ArchiveSignature.Hashes signed = signature.hashes();
        expect(signed.metadata(), "sha256:" + Hashing.sha256Hex(metadataBytes), metadataName);
        expect(signed.digest(), digestSha256, Member.DIGEST.fileName());
        expect(signed.certificate(), "sha256:" + Hashing.sha256Hex(certificateBytes), Member.CERTIFICATE.fileName());
        if (!signed.content().equals("sha256:" + metadata.contentSha256())) {
            throw new ArchiveException(
                    ErrorCode.SIGNATURE_INVALID,
                    signatureName,
                    "the signed content hash differs from the metadata's: the archive was not written by Symbolon");
        }
        if (!metadata.objects().equals(digest.counts())) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    Member.DIGEST.fileName(),
                    "its counts " + digest.counts() + " differ from the metadata's " + metadata.objects()
                            + ": the signer wrote inconsistent members");
        }
        // A digest only copied (a re-key) has no shared hash of its own: its signed member hash covers it.
        if (metadata.digestSharedSha256().isPresent()
                && digest.sharedSha256().isPresent()
                && !metadata.digestSharedSha256().equals(digest.sharedSha256())) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    Member.DIGEST.fileName(),
                    "the hash of its shared entries differs from the metadata's digest-shared-sha256"
                            + ": the signer wrote inconsistent members");
        }
        Optional<String> countersigner = Optional.empty();
        if (countersignature == null) {
            if (!signed.payload().equals(payloadSha256)) {
                throw new ArchiveException(
                        ErrorCode.MEMBER_TAMPERED,
                        Member.DATABASE.fileName(),
                        "the encrypted payload does not match the signature: it was modified or replaced");
            }
        } else {
            countersigner = Optional.of(checkCountersignature(signed));
        }
        if (rekeyLog != null) {
            RekeyLog.Entry last = rekeyLog.entries().getLast();
            if (!last.headerSha256().equals(headerSha256)) {
                throw new ArchiveException(
                        ErrorCode.MEMBER_TAMPERED,
                        Member.DATABASE.fileName(),
                        "its age header is not the one the rekey log's last entry produced: the header or the log was modified");
            }
            boolean rotated =
                    rekeyLog.entries().stream().anyMatch(e -> e.operation() == RekeyLog.Operation.ROTATE_DATA_KEY);
            if (rotated && countersignature == null) {
                throw new ArchiveException(
                        ErrorCode.MEMBER_LAYOUT,
                        Member.COUNTERSIGNATURE.fileName(),
                        "is missing although the rekey log records a data-key rotation");
            }
        }
        boolean pinned = trust.pinned().isPresent();
        if (pinned && !trust.pinned().get().equals(keyFingerprint)) {
            throw new ArchiveException(
                    ErrorCode.UNTRUSTED_SIGNER,
                    "the archive is signed by " + keyFingerprint
                            + ", not by the expected signer " + trust.pinned().get()
                            + "; it was not written by that node (or the wrong certificate or fingerprint was given)");
        }
        int stanzas = header.stanzas().size();
        return new Verification(
                path,
                metadata,
                digest,
                digestSha256,
                keyFingerprint,
                pinned,
                currentRecipients(),
                stanzas,
                rekeyLog == null ? List.of() : rekeyLog.entries(),
                countersigner,
                contentVerified,
                payloadSha256,
                headerSha256,
                signatureBytes);
    }

    private String checkCountersignature(ArchiveSignature.Hashes signed) {
        String source = Member.COUNTERSIGNATURE.fileName();
        X509Certificate countersignerCertificate = countersignature.certificate(source);
        String fingerprint = KeyFingerprint.of(countersignerCertificate.getPublicKey());
        if (!countersignature.signer().equals(fingerprint)
                || !countersignature
                        .statement()
                        .verifies(countersignature.algorithm(source), countersignerCertificate.getPublicKey())) {
            throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, source, "does not verify with the key it names");
        }
        Countersignature.Binding binding = countersignature.binding(source);
        expect(binding.signatureMember(), "sha256:" + Hashing.sha256Hex(signatureBytes), Member.SIGNATURE.fileName());
        if (!binding.content().equals(signed.content())) {
            throw new ArchiveException(
                    ErrorCode.SIGNATURE_INVALID, source, "binds another content hash than the node signed");
        }
        if (binding.rekeyLogEntries() > rekeyLog.entries().size()) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    Member.REKEY_LOG.fileName(),
                    "has lost entries the countersignature covers");
        }
        int entries = (int) binding.rekeyLogEntries();
        if (!binding.rekeyLog().equals("sha256:" + rekeyLog.prefixSha256(entries))) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    Member.REKEY_LOG.fileName(),
                    "its first " + entries + " entries are not those the countersignature covers");
        }
        RekeyLog.Entry rotation = rekeyLog.entries().get(entries - 1);
        if (rotation.operation() != RekeyLog.Operation.ROTATE_DATA_KEY) {
            throw new ArchiveException(
                    ErrorCode.SIGNATURE_INVALID, source, "does not end on the rotation it countersigns");
        }
        if (rekeyLog.entries().subList(entries, rekeyLog.entries().size()).stream()
                .anyMatch(e -> e.operation() == RekeyLog.Operation.ROTATE_DATA_KEY)) {
            throw new ArchiveException(
                    ErrorCode.SIGNATURE_INVALID, source, "covers an earlier rotation than the last one");
        }
        if (!binding.payload().equals(payloadSha256)) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    Member.DATABASE.fileName(),
                    "the encrypted payload does not match the countersignature: it was modified or replaced");
        }
        return fingerprint;
    }

    private static void expect(String signed, String actual, String member) {
        if (!signed.equals(actual)) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    member,
                    "does not match the signature: it was modified or taken from another archive");
        }
    }

    @Override
    public void close() {
        container.close();
    }
}
