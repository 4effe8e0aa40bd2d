package io.symbolon.cli.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The AOT cache's training workload: a backup and a restore of throwaway keys that leave nothing behind.
 * (That a JVM writes a usable cache from it is checked where the jar exists: `.ci/run` runs the launcher,
 * which trains the cache and then starts with it.)
 */
class AotTrainingTest {
    private static List<Path> trainingFolders() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("symbolon-aot-training-"))
                    .toList();
        }
    }

    @Test
    void backsUpAndRestoresEveryKeyAndRemovesItsFolder() throws IOException {
        List<Path> before = trainingFolders();

        Cli.Result result = Cli.run("aot-training", "--keys", "300");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("aot-training: backed up and restored 300 keys" + System.lineSeparator());
        assertThat(trainingFolders()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void refusesToTrainOnNoKeys() {
        Cli.Result result = Cli.run("aot-training", "--keys", "0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("the training needs at least one key, not 0");
    }

    @Test
    void isNotListedAmongTheCommands() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("quickstart").doesNotContain("aot-training");
    }
}
