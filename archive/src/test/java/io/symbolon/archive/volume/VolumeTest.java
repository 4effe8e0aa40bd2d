package io.symbolon.archive.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.custodian.Custodian;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting an archive into volumes and joining them: any order works; any damage is named. */
class VolumeTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    private static final Instant SPLIT = Instant.parse("2026-11-24T09:00:00Z");
    private static final int VOLUMES = 4;

    @TempDir
    Path directory;

    private final NodeSigner node = TestSigners.ed25519("ep1");
    private final X25519Identity admin = X25519Identity.generate();
    private Path archive;
    private long maxSize;
    private List<Path> volumes;

    private Path archive(String subdirectory, Instant created) throws IOException {
        Path in = Files.createDirectories(directory.resolve(subdirectory));
        return SampleArchives.write(in, "EP", created, 600, List.of(admin.recipient()), node)
                .path();
    }

    @BeforeEach
    void split() throws IOException {
        archive = archive("archive", CREATED);
        long size = Files.size(archive);
        // Some slack, so that another sample archive of nearly the same size also makes four volumes.
        long part = (size + VOLUMES - 1) / VOLUMES + 512;
        assertThat(part)
                .as("the sample archive is large enough for %d volumes", VOLUMES)
                .isGreaterThan(3072);
        maxSize = part + VolumeHeader.MAX_LENGTH;
        volumes = split(archive, Files.createDirectories(directory.resolve("volumes")), Optional.empty());
    }

    private List<Path> split(Path source, Path into, Optional<CustodianSet> custodians) {
        VolumeSplit.Result result =
                VolumeSplit.split(source, into, new VolumeSplit.Request(maxSize, custodians, SPLIT), Progress.none());
        return result.files();
    }

    private Path output() {
        return directory.resolve("joined.tar.gz");
    }

    @Test
    void volumesJoinedInAnyOrderGiveBackTheArchiveByteForByte() throws IOException {
        assertThat(volumes).hasSize(VOLUMES);
        assertThat(volumes.get(1).getFileName().toString())
                .isEqualTo("database_2026-11-23-03-27-16.tar.gz.vol002-of-004");
        for (Path volume : volumes) {
            assertThat(Files.size(volume)).isLessThanOrEqualTo(maxSize);
        }
        List<Path> shuffled = new ArrayList<>(volumes);
        Collections.shuffle(shuffled, new Random(4));
        VolumeJoin.Result result = VolumeJoin.join(shuffled, output());
        assertThat(Files.readAllBytes(output())).isEqualTo(Files.readAllBytes(archive));
        assertThat(result.headers()).extracting(VolumeHeader::volume).containsExactly(1, 2, 3, 4);
        assertThat(ArchiveReader.verify(output(), Trust.anySigner(), List.of(admin))
                        .contentVerified())
                .isTrue();
        assertThat(directory.resolve(".joined.tar.gz.partial")).doesNotExist();
    }

    @Test
    void headersCarryTheSeedsFieldsAndFlagTheVolumeWithTheWrappedKeys() throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        long agePosition = indexOf(bytes, "age-encryption.org/v1\n-> X25519 ".getBytes(StandardCharsets.US_ASCII));
        assertThat(agePosition)
                .as("the payload is stored, so its header is visible")
                .isPositive();
        var metadata = ArchiveReader.verify(archive, Trust.anySigner()).metadata();
        long offset = 0;
        for (int i = 0; i < VOLUMES; i++) {
            VolumeHeader header = read(volumes.get(i));
            assertThat(header.backup()).isEqualTo(metadata.name());
            assertThat(header.archiveId()).isEqualTo(metadata.archiveId());
            assertThat(header.archiveCreated()).isEqualTo(CREATED);
            assertThat(header.created()).isEqualTo(SPLIT);
            assertThat(header.volume()).isEqualTo(i + 1);
            assertThat(header.volumes()).isEqualTo(VOLUMES);
            assertThat(header.totalSize()).isEqualTo(bytes.length);
            assertThat(header.offset()).isEqualTo(offset);
            assertThat(header.custodian()).isEmpty();
            boolean holdsHeader = agePosition >= header.offset() && agePosition < header.offset() + header.size();
            if (holdsHeader) {
                assertThat(header.wrappedKeys()).as("volume %d", i + 1).isTrue();
            }
            if (agePosition + 200 < header.offset() - 16 || agePosition > header.offset() + header.size() + 4096) {
                assertThat(header.wrappedKeys()).as("volume %d", i + 1).isFalse();
            }
            offset += header.size();
        }
        assertThat(offset).isEqualTo(bytes.length);
        String text = new String(Files.readAllBytes(volumes.getFirst()), 0, 200, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("format: symbolon-volume/1\nbackup: database_2026-11-23-03-27-16.tar.gz\n");
    }

    @Test
    void volumesGivenToCustodiansNameTheirKeeper() throws IOException {
        CustodianSet set = CustodianSet.of(
                "couriers",
                3,
                List.of(
                        Custodian.withPassphrase(1, "alice"),
                        Custodian.withPassphrase(2, "bob"),
                        Custodian.withPassphrase(3, "carol")));
        List<Path> kept = split(archive, Files.createDirectories(directory.resolve("kept")), Optional.of(set));
        assertThat(kept.stream().map(this::read).map(h -> h.custodian().orElseThrow()))
                .extracting(k -> k.number() + " " + k.name() + " of " + k.total())
                .containsExactly("1 alice of 3", "2 bob of 3", "3 carol of 3", "1 alice of 3");
        VolumeJoin.join(kept, output());
        assertThat(Files.readAllBytes(output())).isEqualTo(Files.readAllBytes(archive));
    }

    @Test
    void everyMissingVolumeIsNamed() {
        for (int i = 0; i < VOLUMES; i++) {
            List<Path> given = new ArrayList<>(volumes);
            given.remove(i);
            int number = i + 1;
            assertThatThrownBy(() -> VolumeJoin.join(given, output()))
                    .as("without volume %d", number)
                    .hasMessageContaining("missing: volume " + number
                            + " of 4 (database_2026-11-23-03-27-16.tar.gz.vol00" + number + "-of-004)")
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.VOLUME_MISSING);
            assertThat(output()).doesNotExist();
        }
    }

    @Test
    void everyDuplicatedVolumeIsNamed() throws IOException {
        for (int i = 0; i < VOLUMES; i++) {
            Path copy = directory.resolve("copy-of-volume-" + (i + 1));
            Files.copy(volumes.get(i), copy);
            for (Path duplicate : List.of(copy, volumes.get(i))) {
                List<Path> given = new ArrayList<>(volumes);
                given.add(duplicate);
                assertThatThrownBy(() -> VolumeJoin.join(given, output()))
                        .as("volume %d twice", i + 1)
                        .hasMessageContaining("volume " + (i + 1) + " of 4 of database_2026-11-23-03-27-16.tar.gz is"
                                + " given twice: " + volumes.get(i) + " and " + duplicate)
                        .extracting(e -> ((SymbolonException) e).errorCode())
                        .isEqualTo(ErrorCode.VOLUME_INVALID);
                assertThat(output()).doesNotExist();
            }
        }
    }

    @Test
    void everyVolumeSwappedInFromAnotherBackupIsNamed() throws IOException {
        Path other = archive("other", CREATED.plusSeconds(3600));
        List<Path> foreign =
                split(other, Files.createDirectories(directory.resolve("other-volumes")), Optional.empty());
        assertThat(foreign).hasSameSizeAs(volumes);
        for (int i = 0; i < VOLUMES; i++) {
            List<Path> given = new ArrayList<>(volumes);
            given.set(i, foreign.get(i));
            assertThatThrownBy(() -> VolumeJoin.join(given, output()))
                    .as("volume %d swapped", i + 1)
                    .hasMessageContaining("volume " + foreign.get(i) + " is volume " + (i + 1)
                            + " of 4 of database_2026-11-23-04-27-16.tar.gz")
                    .hasMessageContaining(
                            "it belongs to another backup or split, not to" + " database_2026-11-23-03-27-16.tar.gz")
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.VOLUME_INVALID);
            assertThat(output()).doesNotExist();
        }
    }

    @Test
    void aVolumeOfAnotherSplitOfTheSameArchiveIsNamed() throws IOException {
        List<Path> again = split(archive, Files.createDirectories(directory.resolve("again")), Optional.empty());
        List<Path> given = new ArrayList<>(volumes);
        given.set(2, again.get(2));
        assertThatThrownBy(() -> VolumeJoin.join(given, output()))
                .hasMessageContaining("volume " + again.get(2) + " is volume 3 of 4")
                .hasMessageContaining("belongs to another backup or split");
    }

    /** A flipped byte in every line of every header, and at the start, middle and end of every part. */
    @Test
    void everyByteFlippedVolumeIsNamed() throws IOException {
        for (int i = 0; i < VOLUMES; i++) {
            byte[] original = Files.readAllBytes(volumes.get(i));
            int headerLength = read(volumes.get(i)).encode().length;
            List<Integer> positions = new ArrayList<>();
            for (int p = 0; p < headerLength; p++) {
                if (p == 0 || original[p - 1] == '\n') {
                    positions.add(p);
                    int end = p;
                    while (original[end] != '\n') {
                        end++;
                    }
                    positions.add((p + end) / 2);
                    positions.add(end);
                }
            }
            positions.addAll(
                    List.of(headerLength, headerLength + (original.length - headerLength) / 2, original.length - 1));
            for (int position : positions) {
                byte[] damaged = original.clone();
                damaged[position] ^= 0x01;
                Path file = volumes.get(i);
                Files.write(file, damaged);
                try {
                    assertThatThrownBy(() -> VolumeJoin.join(volumes, output()))
                            .as("volume %d, byte %d", i + 1, position)
                            .isInstanceOf(SymbolonException.class)
                            .hasMessageContaining("volume " + file)
                            .extracting(e -> ((SymbolonException) e).errorCode())
                            .isIn(ErrorCode.VOLUME_INVALID);
                    assertThat(output()).doesNotExist();
                } finally {
                    Files.write(file, original);
                }
            }
        }
        VolumeJoin.join(volumes, output());
        assertThat(Files.readAllBytes(output())).isEqualTo(Files.readAllBytes(archive));
    }

    @Test
    void truncatedOrExtendedVolumesAndOtherFilesAreNamed() throws IOException {
        Path last = volumes.getLast();
        byte[] original = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(original, original.length - 10));
        assertThatThrownBy(() -> VolumeJoin.join(volumes, output()))
                .hasMessageContaining(
                        "volume " + last + " (volume 4 of 4 of database_2026-11-23-03-27-16.tar.gz) is" + " truncated");
        Files.write(last, java.util.Arrays.copyOf(original, original.length + 10));
        assertThatThrownBy(() -> VolumeJoin.join(volumes, output()))
                .hasMessageContaining("has 10 bytes after its part");
        Files.write(last, original);

        List<Path> given = new ArrayList<>(volumes);
        given.add(archive);
        assertThatThrownBy(() -> VolumeJoin.join(given, output()))
                .hasMessageContaining("volume " + archive + " is not a Symbolon volume");
        assertThat(output()).doesNotExist();
    }

    @Test
    void nothingIsOverwritten() throws IOException {
        Files.writeString(output(), "precious");
        assertThatThrownBy(() -> VolumeJoin.join(volumes, output()))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(Files.readString(output())).isEqualTo("precious");
        assertThatThrownBy(() -> split(archive, directory.resolve("volumes"), Optional.empty()))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    private VolumeHeader read(Path volume) {
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(volume))) {
            return VolumeHeader.read(in, volume.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
