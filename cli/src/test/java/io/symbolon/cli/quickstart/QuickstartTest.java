package io.symbolon.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's first command, {@code symbolon quickstart}, end to end with real processes. */
@Tag("integration")
class QuickstartTest {
    @TempDir
    Path parent;

    @Test
    void backsUpFindsAPartialKeyAndRestoresIntoANewPair() throws IOException {
        Cli.Result result = Cli.run("quickstart", "--keep", "--dir", parent.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("\"state\" : \"TEST_SUCCESS\"")
                .contains("\"state\" : \"TEST_FAILED\"")
                .contains("\"sectionDiff\" : \"Mismatch in KEY count. EP digest count : 4, Partner digest count : 5\"")
                .contains("\"detail\" : \"exists only in Partner\"")
                .contains("\"partitionName\" : \"part4\"")
                .contains("server test OK")
                .contains("What this proved")
                .doesNotContain("      FAILED: ")
                .doesNotContain("FAILED after");

        Path root;
        try (Stream<Path> folders = Files.list(parent)) {
            root = folders.findFirst().orElseThrow();
        }
        for (String node : List.of("ep", "partner")) {
            try (Stream<Path> archives = Files.list(root.resolve(node).resolve("backup"))) {
                assertThat(archives.map(p -> p.getFileName().toString()))
                        .as("--keep keeps both backups of " + node)
                        .hasSize(2)
                        .allMatch(name -> name.matches("database_.*\\.tar\\.gz"));
            }
        }
        try (Stream<Path> logs = Files.list(root).filter(file -> file.toString().endsWith(".log"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log))
                        .as("the JVM of %s is started with native access enabled", log.getFileName())
                        .doesNotContain("restricted method");
            }
        }
        assertThat(root.resolve("ep-restored").resolve("vault.db")).isRegularFile();
        assertThat(root.resolve("partner-restored").resolve("vault.db")).isRegularFile();
    }
}
