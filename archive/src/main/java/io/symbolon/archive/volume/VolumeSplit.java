package io.symbolon.archive.volume;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.custodian.Custodian;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Splits an archive into numbered volumes of at most a given size (ARCHIVE-FORMAT.md §13.3, seed 004's
 * payload spanning several smart cards). The archive is verified first (without a key); then one pass
 * hashes it and locates its wrapped keys, and a second copies the parts, re-hashing them: if the file
 * changed in between, nothing is published. Volumes appear under their final names only when all of
 * them are complete and on disk. Memory does not depend on the archive's size.
 */
public final class VolumeSplit {
    /** The smallest volume: a header and 3 KiB of the archive. */
    public static final long MIN_VOLUME_SIZE = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    private VolumeSplit() {}

    /**
     * How to split.
     *
     * @param maxSize the largest volume file, header included, in bytes
     * @param custodians a set whose custodians keep the volumes, in turn (volume v goes to custodian
     *     ((v − 1) mod N) + 1), recorded in each header; or empty
     * @param time the split's creation time
     */
    public record Request(long maxSize, Optional<CustodianSet> custodians, Instant time) {
        public Request {
            if (maxSize < MIN_VOLUME_SIZE) {
                throw new SymbolonException(
                        ErrorCode.USAGE, "a volume is at least " + MIN_VOLUME_SIZE + " bytes, not " + maxSize);
            }
        }
    }

    /** What was written: each volume's file and header, in order. */
    public record Result(Verification verification, List<Path> files, List<VolumeHeader> headers) {
        public Result {
            files = List.copyOf(files);
            headers = List.copyOf(headers);
        }
    }

    /**
     * Writes the volumes of {@code archive} into {@code directory}, named {@code <archive>.vol001-of-NNN}.
     *
     * @throws SymbolonException {@link ErrorCode#ALREADY_EXISTS} if a volume's name is taken, {@link
     *     ErrorCode#USAGE} if more than 999 volumes would be needed, any error of the archive's
     *     verification, or {@link ErrorCode#IO}
     */
    public static Result split(Path archive, Path directory, Request request, Progress progress) {
        Verification verification = ArchiveReader.verify(archive, Trust.anySigner(), progress);
        Metadata metadata = verification.metadata();
        long partSize = request.maxSize() - VolumeHeader.MAX_LENGTH;
        try {
            long size = Files.size(archive);
            long count = Math.max(1, (size + partSize - 1) / partSize);
            if (count > VolumeHeader.MAX_VOLUMES) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        archive + " (" + size + " bytes) would need " + count + " volumes of " + request.maxSize()
                                + " bytes; the most is " + VolumeHeader.MAX_VOLUMES + ": choose a larger size");
            }
            int volumes = (int) count;
            ArchiveLayout layout;
            try (InputStream in = Files.newInputStream(archive)) {
                layout = ArchiveLayout.scan(in, partSize);
            }
            if (layout.size() != size) {
                throw changed(archive);
            }
            String volumeSet = randomHex();
            List<Path> targets = new ArrayList<>();
            List<VolumeHeader> headers = new ArrayList<>();
            for (int v = 1; v <= volumes; v++) {
                Path target = directory.resolve(
                        VolumeHeader.fileName(archive.getFileName().toString(), v, volumes));
                if (Files.exists(target)) {
                    throw new SymbolonException(
                            ErrorCode.ALREADY_EXISTS, target + " already exists; remove it or split elsewhere");
                }
                targets.add(target);
                int volume = v;
                long offset = (v - 1) * partSize;
                long length = Math.min(partSize, size - offset);
                headers.add(new VolumeHeader(
                        metadata.name(),
                        metadata.archiveId(),
                        metadata.created(),
                        volumeSet,
                        request.time(),
                        v,
                        volumes,
                        request.custodians().map(set -> keeper(set, volume)),
                        layout.holdsWrappedKeys(offset, length),
                        size,
                        layout.sha256(),
                        offset,
                        length,
                        layout.partSha256().get(v - 1)));
            }
            write(archive, targets, headers);
            return new Result(verification, targets, headers);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot split " + archive + ": " + e.getMessage(), e);
        }
    }

    /** Volume v is kept by custodian ((v − 1) mod N) + 1. */
    private static VolumeHeader.Keeper keeper(CustodianSet set, int volume) {
        Custodian custodian = set.custodians().get((volume - 1) % set.total());
        return new VolumeHeader.Keeper(custodian.number(), set.total(), custodian.name());
    }

    /** Copies each part behind its header into a partial file, then publishes them all. */
    private static void write(Path archive, List<Path> targets, List<VolumeHeader> headers) throws IOException {
        List<Path> partials = new ArrayList<>();
        List<Path> published = new ArrayList<>();
        boolean done = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 64 * 1024)) {
            byte[] buffer = new byte[64 * 1024];
            for (int i = 0; i < targets.size(); i++) {
                VolumeHeader header = headers.get(i);
                Path partial = VolumeFiles.partial(targets.get(i));
                partials.add(partial);
                MessageDigest part = VolumeHeader.sha256();
                try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
                    out.write(header.encode());
                    long remaining = header.size();
                    while (remaining > 0) {
                        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                        if (read < 0) {
                            throw changed(archive);
                        }
                        part.update(buffer, 0, read);
                        out.write(buffer, 0, read);
                        remaining -= read;
                    }
                }
                if (!HexFormat.of().formatHex(part.digest()).equals(header.partSha256())) {
                    throw changed(archive);
                }
                VolumeFiles.force(partial);
            }
            if (in.read() >= 0) {
                throw changed(archive);
            }
            for (int i = 0; i < targets.size(); i++) {
                VolumeFiles.publish(partials.get(i), targets.get(i));
                published.add(targets.get(i));
            }
            done = true;
        } finally {
            if (!done) {
                partials.forEach(VolumeFiles::deleteQuietly);
                published.forEach(VolumeFiles::deleteQuietly);
            }
        }
    }

    private static SymbolonException changed(Path archive) {
        return new SymbolonException(
                ErrorCode.IO, archive + " changed while it was being split; nothing was written — try again");
    }

    private static String randomHex() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
