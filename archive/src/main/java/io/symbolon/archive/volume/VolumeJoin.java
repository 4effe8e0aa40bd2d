package io.symbolon.archive.volume;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reassembles an archive from its volumes, given in any order (ARCHIVE-FORMAT.md §13.4). Before a byte
 * is written it refuses, naming each: a file that is not a volume or whose header is damaged, a volume
 * of another split (another backup, or another split of the same one), a volume given twice, one whose
 * header disagrees with the others, and any missing volume. While copying it checks every part's hash
 * and the whole file's; the output appears under its name only when all of it matched. Memory does not
 * depend on the volumes' size.
 *
 * <p>The hashes detect damage and mix-ups, not forgery: whoever can write volumes can write matching
 * hashes. Authenticity comes from the archive's own signature — verify the joined archive.
 */
public final class VolumeJoin {
    private VolumeJoin() {}

    private record Volume(Path file, VolumeHeader header) {}

    /** The joined archive and the headers of its volumes, in order. */
    public record Result(Path output, List<VolumeHeader> headers) {
        public Result {
            headers = List.copyOf(headers);
        }
    }

    /**
     * Joins {@code files} into {@code output}, which must not exist.
     *
     * @throws SymbolonException {@link ErrorCode#VOLUME_INVALID} naming every damaged, foreign,
     *     duplicated or inconsistent volume; {@link ErrorCode#VOLUME_MISSING} naming the missing ones;
     *     {@link ErrorCode#ALREADY_EXISTS}, {@link ErrorCode#NOT_FOUND} or {@link ErrorCode#IO}
     */
    public static Result join(List<Path> files, Path output) {
        if (files.isEmpty()) {
            throw new SymbolonException(ErrorCode.USAGE, "give the volumes to join");
        }
        if (Files.exists(output)) {
            throw new SymbolonException(ErrorCode.ALREADY_EXISTS, output + " already exists; choose another output");
        }
        List<String> problems = new ArrayList<>();
        List<Volume> volumes = new ArrayList<>();
        for (Path file : files) {
            try {
                volumes.add(new Volume(file, readHeader(file)));
            } catch (SymbolonException e) {
                if (e.errorCode() != ErrorCode.VOLUME_INVALID) {
                    throw e;
                }
                problems.add(e.getMessage());
            }
        }
        List<Volume> ordered = select(volumes, problems);
        Path partial = VolumeFiles.partial(output);
        boolean published = false;
        try {
            copy(ordered, partial, problems);
            VolumeFiles.force(partial);
            VolumeFiles.publish(partial, output);
            published = true;
            return new Result(output, ordered.stream().map(Volume::header).toList());
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            if (!published) {
                VolumeFiles.deleteQuietly(partial);
            }
        }
    }

    /** The volumes of the one split given, in order; throws naming every volume that does not belong. */
    private static List<Volume> select(List<Volume> volumes, List<String> problems) {
        Map<String, List<Volume>> splits = new LinkedHashMap<>();
        volumes.forEach(v -> splits.computeIfAbsent(v.header().volumeSet(), key -> new ArrayList<>())
                .add(v));
        if (splits.isEmpty()) {
            throw new SymbolonException(ErrorCode.VOLUME_INVALID, String.join("; ", problems));
        }
        int largest = splits.values().stream().mapToInt(List::size).max().orElseThrow();
        List<List<Volume>> candidates = splits.values().stream()
                .filter(group -> group.size() == largest)
                .toList();
        if (candidates.size() > 1) {
            problems.add("the volumes come from " + splits.size() + " different splits ("
                    + splits.values().stream().map(VolumeJoin::describeSplit).collect(Collectors.joining("; "))
                    + "); give the volumes of one split only");
            throw new SymbolonException(ErrorCode.VOLUME_INVALID, String.join("; ", problems));
        }
        List<Volume> chosen = candidates.getFirst();
        VolumeHeader reference = chosen.getFirst().header();
        for (List<Volume> other : splits.values()) {
            if (other != chosen) {
                for (Volume volume : other) {
                    problems.add(
                            "volume " + volume.file() + " is " + volume.header().label() + " (archive id "
                                    + volume.header().archiveId() + ", volume set "
                                    + volume.header().volumeSet()
                                    + "): it belongs to another backup or split, not to " + reference.backup()
                                    + " (volume set " + reference.volumeSet() + ")");
                }
            }
        }
        TreeMap<Integer, Volume> byNumber = new TreeMap<>();
        for (Volume volume : chosen) {
            String disagreement = disagreement(reference, volume.header());
            if (disagreement != null) {
                problems.add("volume " + volume.file() + " claims to be "
                        + volume.header().label() + " but disagrees with the other volumes on " + disagreement
                        + ": it was altered");
                continue;
            }
            Volume earlier = byNumber.putIfAbsent(volume.header().volume(), volume);
            if (earlier != null) {
                problems.add(volume.header().label() + " is given twice: " + earlier.file() + " and " + volume.file()
                        + "; give each volume once");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int number = 1; number <= reference.volumes(); number++) {
            if (!byNumber.containsKey(number)) {
                missing.add("volume " + number + " of " + reference.volumes() + " ("
                        + VolumeHeader.fileName(reference.backup(), number, reference.volumes()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            if (!missing.isEmpty()) {
                problems.add("also missing: " + String.join(", ", missing));
            }
            throw new SymbolonException(ErrorCode.VOLUME_INVALID, String.join("; ", problems));
        }
        if (!missing.isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.VOLUME_MISSING,
                    reference.backup() + " was split into " + reference.volumes() + " volumes; missing: "
                            + String.join(", ", missing) + " — give every volume");
        }
        List<Volume> ordered = new ArrayList<>(byNumber.values());
        long offset = 0;
        for (Volume volume : ordered) {
            VolumeHeader header = volume.header();
            boolean lastVolume = header.volume() == header.volumes();
            boolean fullSize =
                    lastVolume || header.size() == ordered.getFirst().header().size();
            if (header.offset() != offset || !fullSize || lastVolume && offset + header.size() != header.totalSize()) {
                problems.add("volume " + volume.file() + " (" + header.label() + ") holds bytes " + header.offset()
                        + " to " + (header.offset() + header.size()) + ", which do not follow the other volumes: it was"
                        + " altered");
            }
            offset += header.size();
        }
        if (!problems.isEmpty()) {
            throw new SymbolonException(ErrorCode.VOLUME_INVALID, String.join("; ", problems));
        }
        ordered.sort(Comparator.comparingInt(v -> v.header().volume()));
        return ordered;
    }

    private static String describeSplit(List<Volume> group) {
        VolumeHeader header = group.getFirst().header();
        return header.backup() + " volume set " + header.volumeSet() + ": "
                + group.stream().map(v -> v.file().toString()).collect(Collectors.joining(", "));
    }

    /** The first field where {@code header} disagrees with the split's other volumes, or null. */
    private static String disagreement(VolumeHeader reference, VolumeHeader header) {
        if (!header.backup().equals(reference.backup())
                || !header.archiveId().equals(reference.archiveId())
                || !header.archiveCreated().equals(reference.archiveCreated())) {
            return "the backup";
        }
        if (!header.created().equals(reference.created()) || header.volumes() != reference.volumes()) {
            return "the split";
        }
        if (header.totalSize() != reference.totalSize() || !header.totalSha256().equals(reference.totalSha256())) {
            return "the archive's size or hash";
        }
        if (header.custodian().isPresent() != reference.custodian().isPresent()
                || header.custodian().isPresent()
                        && header.custodian().get().total()
                                != reference.custodian().get().total()) {
            return "the custodians";
        }
        return null;
    }

    /** Copies every part into {@code partial}; a damaged part stops the writing but not the checking. */
    private static void copy(List<Volume> volumes, Path partial, List<String> problems) throws IOException {
        MessageDigest total = VolumeHeader.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
            for (Volume volume : volumes) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(volume.file()), 64 * 1024)) {
                    VolumeHeader header = VolumeHeader.read(in, volume.file().toString());
                    if (!header.equals(volume.header())) {
                        problems.add("volume " + volume.file() + " changed while it was being joined");
                        continue;
                    }
                    MessageDigest part = VolumeHeader.sha256();
                    long remaining = header.size();
                    while (remaining > 0) {
                        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                        if (read < 0) {
                            break;
                        }
                        part.update(buffer, 0, read);
                        total.update(buffer, 0, read);
                        if (problems.isEmpty()) {
                            out.write(buffer, 0, read);
                        }
                        remaining -= read;
                    }
                    long extra = remaining > 0 ? 0 : in.transferTo(OutputStream.nullOutputStream());
                    if (remaining > 0) {
                        problems.add("volume " + volume.file() + " (" + header.label() + ") is truncated: " + remaining
                                + " bytes of its part are missing");
                    } else if (extra > 0) {
                        problems.add("volume " + volume.file() + " (" + header.label() + ") has " + extra
                                + " bytes after its part: it was altered");
                    } else if (!HexFormat.of().formatHex(part.digest()).equals(header.partSha256())) {
                        problems.add("volume " + volume.file() + " (" + header.label() + ") is damaged: its part"
                                + " does not match the SHA-256 in its header");
                    }
                }
            }
        }
        if (problems.isEmpty()
                && !HexFormat.of()
                        .formatHex(total.digest())
                        .equals(volumes.getFirst().header().totalSha256())) {
            problems.add("the joined volumes do not match the archive's SHA-256 in their headers");
        }
        if (!problems.isEmpty()) {
            throw new SymbolonException(ErrorCode.VOLUME_INVALID, String.join("; ", problems));
        }
    }

    private static VolumeHeader readHeader(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 4096)) {
            return VolumeHeader.read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "volume " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read volume " + file + ": " + e.getMessage(), e);
        }
    }
}
