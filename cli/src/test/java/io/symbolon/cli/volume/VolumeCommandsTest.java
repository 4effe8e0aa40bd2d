package io.symbolon.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive split} and {@code archive join}, in-process. */
class VolumeCommandsTest {
    @TempDir
    Path work;

    private Path archive;

    @BeforeEach
    void writeAnArchive() throws Exception {
        archive = SampleArchives.write(
                        Files.createDirectories(work.resolve("ep")),
                        "EP",
                        Instant.parse("2026-11-23T03:27:16Z"),
                        400,
                        List.of(X25519Identity.generate().recipient()),
                        TestSigners.ed25519("ep1"))
                .path();
    }

    private List<Path> split(Path directory, String size) throws Exception {
        Files.createDirectories(directory);
        Result split = Cli.run("archive", "split", archive.toString(), "--max-size", size, "-d", directory.toString());
        assertThat(split.exitCode()).as(split.toString()).isZero();
        try (Stream<Path> files = Files.list(directory)) {
            return new ArrayList<>(files.sorted().toList());
        }
    }

    private static String[] join(Path output, List<Path> volumes) {
        List<String> args = new ArrayList<>(List.of("archive", "join", "-o", output.toString()));
        volumes.forEach(volume -> args.add(volume.toString()));
        return args.toArray(String[]::new);
    }

    @Test
    void anArchiveSplitIntoVolumesIsJoinedBackInAnyOrder() throws Exception {
        List<Path> volumes = split(work.resolve("volumes"), "8K");
        assertThat(volumes.size()).isGreaterThan(1);
        for (Path volume : volumes) {
            assertThat(Files.size(volume)).isLessThanOrEqualTo(8192);
            assertThat(volume.getFileName().toString())
                    .matches("database_2026-11-23-03-27-16\\.tar\\.gz\\.vol\\d{3}-of-\\d{3}");
        }
        Collections.reverse(volumes);
        Path joined = work.resolve("joined.tar.gz");
        Result join = Cli.run(join(joined, volumes));
        assertThat(join.exitCode()).as(join.toString()).isZero();
        assertThat(join.out())
                .contains("joined  " + volumes.size() + " volumes of database_2026-11-23-03-27-16.tar.gz");
        assertThat(Files.readAllBytes(joined)).isEqualTo(Files.readAllBytes(archive));
        assertThat(Cli.run("archive", "verify", joined.toString()).exitCode()).isZero();
    }

    @Test
    void aMissingVolumeIsNamedAndNothingIsWritten() throws Exception {
        List<Path> volumes = split(work.resolve("volumes"), "8K");
        Path missing = volumes.remove(1);
        Path joined = work.resolve("joined.tar.gz");
        Result join = Cli.run(join(joined, volumes));
        assertThat(join.exitCode()).isEqualTo(ErrorCode.VOLUME_MISSING.exitCode());
        assertThat(join.err())
                .contains("missing: volume 2 of " + (volumes.size() + 1) + " (" + missing.getFileName() + ")");
        assertThat(joined).doesNotExist();
    }

    @Test
    void aDamagedVolumeIsNamed() throws Exception {
        List<Path> volumes = split(work.resolve("volumes"), "8K");
        byte[] bytes = Files.readAllBytes(volumes.getLast());
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(volumes.getLast(), bytes);
        Result join = Cli.run(join(work.resolve("joined.tar.gz"), volumes));
        assertThat(join.exitCode()).isEqualTo(ErrorCode.VOLUME_INVALID.exitCode());
        assertThat(join.err()).contains("volume " + volumes.getLast() + " (", ") is damaged");
    }

    @Test
    void sizesAreReadAsOperatorsWriteThem() {
        VolumeSize size = new VolumeSize();
        assertThat(size.convert("4096")).isEqualTo(4096);
        assertThat(size.convert("64K")).isEqualTo(65_536);
        assertThat(size.convert("1.44M")).isEqualTo(1_509_949);
        assertThat(size.convert("2GiB")).isEqualTo(2L << 30);
        Result tooSmall = Cli.run("archive", "split", archive.toString(), "--max-size", "1K");
        assertThat(tooSmall.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
        Result notASize = Cli.run("archive", "split", archive.toString(), "--max-size", "lots");
        assertThat(notASize.exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
    }
}
