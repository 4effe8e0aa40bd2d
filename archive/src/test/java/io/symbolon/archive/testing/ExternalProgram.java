package io.symbolon.archive.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An external program a test runs, such as the reference {@code age}. If it is not installed the test
 * is skipped — unless the environment sets {@code SYMBOLON_REQUIRE_EXTERNAL=1} (as CI does), in which
 * case it fails, so that a missing tool can never silently turn interoperability tests off.
 */
public final class ExternalProgram {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;

    private ExternalProgram(Path executable) {
        this.executable = executable;
    }

    /** What a run produced. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Finds {@code name} on the PATH, or skips (or, if required, fails) the calling test. */
    public static ExternalProgram require(String name) {
        Path found = find(name);
        if (found == null) {
            String message = "the external program '" + name + "' is not installed";
            if ("1".equals(System.getenv("SYMBOLON_REQUIRE_EXTERNAL"))) {
                fail(message + ", and SYMBOLON_REQUIRE_EXTERNAL=1 requires it; install it (e.g. apt-get install " + name
                        + ")");
            }
            assumeTrue(false, message + "; skipping (set SYMBOLON_REQUIRE_EXTERNAL=1 to make this a failure)");
        }
        return new ExternalProgram(found);
    }

    /** Finds {@code name} on the PATH, for optional checks that are skipped whatever the environment. */
    public static java.util.Optional<ExternalProgram> optional(String name) {
        return java.util.Optional.ofNullable(find(name)).map(ExternalProgram::new);
    }

    public Path executable() {
        return executable;
    }

    /** Runs the program with {@code arguments}, feeding {@code stdin}, and waits for it to exit. */
    public Result run(byte[] stdin, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // The program may exit without reading its input; its exit code tells.
            }
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within " + TIMEOUT);
            }
            return new Result(process.exitValue(), stdout.join(), new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and requires exit code 0, reporting stderr otherwise. */
    public Result runSuccessfully(byte[] stdin, String... arguments) {
        Result result = run(stdin, arguments);
        if (result.exitCode() != 0) {
            fail(executable.getFileName() + " " + String.join(" ", arguments) + " exited with " + result.exitCode()
                    + ": " + result.stderr());
        }
        return result;
    }

    private static byte[] readAll(InputStream in) {
        try (in;
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator
                + "/usr/local/bin";
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
