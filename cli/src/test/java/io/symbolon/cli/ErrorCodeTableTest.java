package io.symbolon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exit codes stay distinct, and docs/OPERATIONS.md's table stays the enum's. */
class ErrorCodeTableTest {
    static final String BEGIN = "<!-- exit-codes:begin (generated from ErrorCode; ErrorCodeTableTest checks it) -->";
    static final String END = "<!-- exit-codes:end -->";

    @Test
    void everyErrorHasItsOwnExitCodeAndNoneIsReserved() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::exitCode))
                .doesNotHaveDuplicates()
                .doesNotContain(0, Main.DIFFERENCE_FOUND)
                .allSatisfy(code -> assertThat(code).isBetween(2, 125));
        assertThat(ErrorCode.USAGE.exitCode()).isEqualTo(picocli.CommandLine.ExitCode.USAGE);
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotHaveDuplicates();
    }

    @Test
    void operationsManualListsExactlyTheErrorCodes() throws Exception {
        String manual = Files.readString(operationsManual());
        int begin = manual.indexOf(BEGIN);
        int end = manual.indexOf(END);
        assertThat(begin)
                .as("docs/OPERATIONS.md has the exit-code table markers")
                .isNotNegative();
        assertThat(end).isGreaterThan(begin);

        assertThat(manual.substring(begin + BEGIN.length(), end).strip()).isEqualTo(table());
    }

    /** The table as docs/OPERATIONS.md must show it. */
    static String table() {
        return "| code | exit code | HTTP status |\n|---|---|---|\n"
                + Arrays.stream(ErrorCode.values())
                        .map(code -> "| `" + code.code() + "` | " + code.exitCode() + " | " + code.httpStatus() + " |")
                        .collect(Collectors.joining("\n"));
    }

    static Path operationsManual() {
        String root = System.getenv("SYMBOLON_SOURCE_ROOT");
        Path base = root != null ? Path.of(root) : Path.of("..");
        return base.resolve("docs/OPERATIONS.md");
    }
}
