package io.symbolon.archive;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Header;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.PayloadDecryptor;
import io.symbolon.archive.age.PayloadEncryptor;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.age.Stanza;
import io.symbolon.archive.container.ContainerWriter;
import io.symbolon.archive.container.Member;
import io.symbolon.archive.container.StoredMember;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.rekey.RekeyLog;
import io.symbolon.archive.signature.Countersignature;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * Re-keys an archive (ARCHIVE-FORMAT.md §9, seed 003): the file key is unwrapped with an identity and
 * wrapped again to the recipients that remain plus those added; the encrypted payload is copied byte
 * for byte, never decrypted, so the node's signature stays valid. A rekey log entry records when and
 * which fingerprints changed.
 *
 * <p>With {@link Request#rotateDataKey()}, the payload is instead decrypted and re-encrypted as a stream
 * under a fresh file key, checked against the content hash the node signed, and countersigned by the
 * operator's key.
 *
 * <p>The input is verified in the same pass (every keyless rule, the header MAC, the log's MAC); the
 * output is written beside its final name and appears there only if all of that held.
 */
public final class ArchiveRekey {
    private ArchiveRekey() {}

    /**
     * What to change.
     *
     * @param identities identities, one of which must unwrap the file key
     * @param add recipients to add
     * @param remove fingerprints of current recipients to remove
     * @param rotateDataKey re-encrypt under a new file key, countersigned by this key
     * @param time the time recorded in the log
     */
    public record Request(
            List<? extends Identity> identities,
            List<? extends Recipient> add,
            List<String> remove,
            Optional<NodeSigner> rotateDataKey,
            Instant time) {
        public Request {
            identities = List.copyOf(identities);
            add = List.copyOf(add);
            remove = List.copyOf(remove);
        }
    }

    /**
     * Writes the re-keyed archive to {@code output}, which must not exist.
     *
     * @return the verification of the input archive (what it was before the change)
     */
    public static Verification rekey(Path input, Path output, Trust trust, Request request) {
        return rekey(input, output, trust, request, Progress.none());
    }

    /** As {@link #rekey(Path, Path, Trust, Request)}, reporting bytes read. */
    public static Verification rekey(Path input, Path output, Trust trust, Request request, Progress progress) {
        if (Files.exists(output)) {
            throw new ArchiveException(
                    ErrorCode.ALREADY_EXISTS, output + " already exists; choose another output file");
        }
        if (request.add().isEmpty()
                && request.remove().isEmpty()
                && request.rotateDataKey().isEmpty()) {
            throw new ArchiveException(
                    ErrorCode.USAGE, "nothing to do: add or remove a recipient, or rotate the data key");
        }
        Path directory = output.toAbsolutePath().getParent();
        Path partial = directory.resolve("." + output.getFileName() + ".partial");
        boolean published = false;
        try (ArchiveScan scan = ArchiveScan.open(input, progress);
                ContainerWriter container = ContainerWriter.create(partial, Instant.now())) {
            Verification before = copy(scan, container, trust, request);
            ArchiveWriter.publish(partial, output);
            published = true;
            return before;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ArchiveException(ErrorCode.ALREADY_EXISTS, "a temporary file is in the way: " + e.getFile());
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            if (!published) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // best effort; the partial file never holds plaintext
                }
            }
        }
    }

    private static Verification copy(ArchiveScan scan, ContainerWriter out, Trust trust, Request request)
            throws IOException {
        scan.readMetadata();
        out.add(Member.METADATA, scan.metadataBytes);
        // The digest's blocks are copied and hashed on a thread of their own, into room reserved for
        // them, while this one copies and hashes the payload's: two cores, two hashes.
        try (ExecutorService digestCopy = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("copy-digest.txt").factory())) {
            Future<?> digestCopied = scan.copyDigest(out, digestCopy);
            try {
                return copyAfterDigest(scan, out, trust, request, digestCopied);
            } catch (RuntimeException | IOException e) {
                digestCopied.cancel(true);
                throw e;
            }
        }
    }

    private static Verification copyAfterDigest(
            ArchiveScan scan, ContainerWriter out, Trust trust, Request request, Future<?> digestCopied)
            throws IOException {
        scan.readRekeyLog();

        List<RecipientDescriptor> current = scan.currentRecipients();
        Map<String, RecipientDescriptor> remaining = new LinkedHashMap<>();
        current.forEach(r -> remaining.put(r.fingerprint(), r));
        for (String fingerprint : request.remove()) {
            if (remaining.remove(fingerprint) == null) {
                throw new ArchiveException(
                        ErrorCode.BAD_RECIPIENT,
                        "cannot remove " + fingerprint
                                + ": it is not a recipient of this archive (its recipients are "
                                + String.join(
                                        ", ",
                                        current.stream()
                                                .map(RecipientDescriptor::fingerprint)
                                                .toList()) + ")");
            }
        }
        List<RecipientDescriptor> added = new ArrayList<>();
        for (Recipient recipient : request.add()) {
            RecipientDescriptor descriptor = Recipients.describe(recipient);
            if (remaining.containsKey(descriptor.fingerprint())) {
                throw new ArchiveException(
                        ErrorCode.BAD_RECIPIENT, descriptor.fingerprint() + " is already a recipient");
            }
            remaining.put(descriptor.fingerprint(), descriptor);
            added.add(descriptor);
        }
        if (remaining.isEmpty()) {
            throw new ArchiveException(
                    ErrorCode.BAD_RECIPIENT, "removing every recipient would leave no one able to decrypt the archive");
        }
        Recipients.requireNoPostQuantumMix(remaining.values());

        boolean rotate = request.rotateDataKey().isPresent();
        Rewrap rewrap = new Rewrap(scan, request, remaining, added, rotate, out);
        scan.copyPayload(rewrap);
        await(digestCopied);
        try (FileKey oldKey = rewrap.oldKey;
                FileKey newKey = rewrap.newKey) {
            scan.readTrailer();
            Verification before = scan.check(trust, rotate);
            if (!rewrap.contentMatches) {
                throw new ArchiveException(
                        ErrorCode.CONTENT_MISMATCH,
                        Member.DATABASE.fileName(),
                        "the decrypted content does not hash to the signed content hash; not rotating a damaged archive");
            }
            if (scan.rekeyLog != null) {
                scan.rekeyLog.authenticate(oldKey, Member.REKEY_LOG.fileName());
            }
            out.add(Member.CERTIFICATE, scan.certificateBytes);
            out.add(Member.SIGNATURE, scan.signatureBytes);
            if (rotate) {
                NodeSigner countersigner = request.rotateDataKey().get();
                Countersignature countersignature = Countersignature.sign(
                        new Countersignature.Binding(
                                "sha256:" + Hashing.sha256Hex(scan.signatureBytes),
                                rewrap.log.entries().size(),
                                "sha256:"
                                        + rewrap.log.prefixSha256(
                                                rewrap.log.entries().size()),
                                rewrap.newPayloadSha256,
                                "sha256:" + scan.metadata.contentSha256()),
                        countersigner);
                out.add(Member.COUNTERSIGNATURE, countersignature.encode());
            } else if (scan.countersignatureBytes != null) {
                out.add(Member.COUNTERSIGNATURE, scan.countersignatureBytes);
            }
            out.finish();
            return before;
        }
    }

    private static void await(Future<?> digestCopied) throws IOException {
        try {
            digestCopied.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying " + Member.DIGEST.fileName());
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    /** Unwraps the file key, writes the new log and header, and copies or re-encrypts the payload. */
    private static final class Rewrap implements ArchiveScan.PayloadCopier {
        private final ArchiveScan scan;
        private final Request request;
        private final Map<String, RecipientDescriptor> remaining;
        private final List<RecipientDescriptor> added;
        private final boolean rotate;
        private final ContainerWriter out;
        FileKey oldKey;
        FileKey newKey;
        RekeyLog log;
        String newPayloadSha256;
        boolean contentMatches = true;

        Rewrap(
                ArchiveScan scan,
                Request request,
                Map<String, RecipientDescriptor> remaining,
                List<RecipientDescriptor> added,
                boolean rotate,
                ContainerWriter out) {
            this.scan = scan;
            this.request = request;
            this.remaining = remaining;
            this.added = added;
            this.rotate = rotate;
            this.out = out;
        }

        @Override
        public String copy(Header header, InputStream rest) throws IOException {
            try {
                oldKey = Age.unwrap(header, request.identities());
            } catch (AgeException e) {
                if (e.kind() == AgeException.Kind.NO_MATCH) {
                    throw ArchiveReader.noMatch(scan.currentRecipients(), e);
                }
                throw e;
            }
            header.verifyMac(oldKey);
            newKey = rotate ? FileKey.generate() : FileKey.of(oldKey.secret().reveal());
            Header newHeader = Header.create(stanzas(header), newKey);
            String newHeaderSha256 = "sha256:" + Hashing.sha256Hex(newHeader.encoded());
            List<String> removed = request.remove();
            log = RekeyLog.append(
                    Optional.ofNullable(scan.rekeyLog),
                    new RekeyLog.Entry(
                            rotate ? RekeyLog.Operation.ROTATE_DATA_KEY : RekeyLog.Operation.REKEY,
                            request.time(),
                            newHeaderSha256,
                            added,
                            removed),
                    newKey);
            out.add(Member.REKEY_LOG, log.encode());

            int oldHeaderSize = header.encoded().length;
            long size = newHeader.encoded().length + scan.payloadMemberSize - oldHeaderSize;
            if (!rotate) {
                Optional<StoredMember> stored =
                        StoredMember.locate(scan.path, scan.payloadOffset, oldHeaderSize, scan.payloadMemberSize);
                if (stored.isPresent()
                        && Arrays.equals(stored.get().head(), 0, oldHeaderSize, header.encoded(), 0, oldHeaderSize)) {
                    return copyStored(stored.get(), newHeader, oldHeaderSize, size, rest);
                }
            }
            Hashing.In hashed = new Hashing.In(rest);
            try (OutputStream payload = out.open(Member.DATABASE, size, Deflater.NO_COMPRESSION)) {
                payload.write(newHeader.encoded());
                if (!rotate) {
                    hashed.transferTo(payload);
                } else {
                    Hashing.Out newPayload = new Hashing.Out(payload, false);
                    Hashing.In content = new Hashing.In(new PayloadDecryptor(hashed, oldKey));
                    try (PayloadEncryptor encryptor = new PayloadEncryptor(newPayload, newKey)) {
                        content.transferTo(encryptor);
                    }
                    contentMatches = content.count == scan.metadata.contentSize()
                            && HexFormat.of().formatHex(content.digest.digest()).equals(scan.metadata.contentSha256());
                    newPayloadSha256 = "sha256:" + Hashing.hex(newPayload.digest.digest());
                }
            }
            return "sha256:" + Hashing.hex(hashed.digest.digest());
        }

        /**
         * Writes the new header and copies the payload's stored blocks as they are, hashing and checking
         * what is written; {@code rest} is then left unread, the container having moved past it.
         */
        private String copyStored(StoredMember stored, Header newHeader, int oldHeaderSize, long size, InputStream rest)
                throws IOException {
            byte[] head = stored.head();
            byte[] tail = stored.tail();
            MessageDigest hash = Hashing.sha256();
            hash.update(head, oldHeaderSize, head.length - oldHeaderSize);
            byte[] prefix = new byte[newHeader.encoded().length + head.length - oldHeaderSize];
            System.arraycopy(newHeader.encoded(), 0, prefix, 0, newHeader.encoded().length);
            System.arraycopy(head, oldHeaderSize, prefix, newHeader.encoded().length, head.length - oldHeaderSize);
            WritableByteChannel framed = out.openFramed(Member.DATABASE, size, prefix);
            scan.copyStored(stored, framed, Member.DATABASE, hash::update, scan.payloadOffset, scan.payloadMemberSize);
            hash.update(tail);
            out.closeFramed(tail);
            return "sha256:" + Hashing.hex(hash.digest());
        }

        /** The new header's stanzas: rebuilt for public-key recipients, kept as they are for passphrases. */
        private List<Stanza> stanzas(Header old) {
            List<Recipient> rebuilt = new ArrayList<>();
            List<Stanza> kept = new ArrayList<>();
            for (RecipientDescriptor descriptor : remaining.values()) {
                Optional<? extends Recipient> live = request.add().stream()
                        .filter(r -> r.fingerprint().equals(descriptor.fingerprint()))
                        .findFirst();
                if (live.isPresent()) {
                    rebuilt.add(live.get());
                } else if (Recipients.rebuildable(descriptor)) {
                    rebuilt.add(Recipients.rebuild(descriptor));
                } else if (rotate) {
                    throw new ArchiveException(
                            ErrorCode.BAD_RECIPIENT,
                            "cannot rotate the data key while keeping "
                                    + descriptor.fingerprint() + " (" + descriptor.kind()
                                    + "): it cannot be wrapped to without its passphrase; remove it and add it again");
                } else {
                    old.stanzas().stream()
                            .filter(s -> Recipients.owns(descriptor, s))
                            .forEach(kept::add);
                }
            }
            if (rebuilt.stream().anyMatch(Recipient::requiresSoleStanza) && rebuilt.size() + kept.size() > 1
                    || !kept.isEmpty()
                            && kept.stream().anyMatch(s -> s.type().equals("scrypt"))
                            && !rebuilt.isEmpty()) {
                throw new ArchiveException(
                        ErrorCode.BAD_RECIPIENT,
                        "a passphrase (scrypt) must be an archive's only recipient, as age requires");
            }
            List<Stanza> stanzas = new ArrayList<>(kept);
            rebuilt.forEach(r -> stanzas.addAll(r.wrap(newKey)));
            return stanzas;
        }
    }
}
