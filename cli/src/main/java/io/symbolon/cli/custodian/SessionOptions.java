package io.symbolon.cli.custodian;

import io.symbolon.cli.options.SecretSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the session file's passphrase comes from (the console when neither option is given). */
final class SessionOptions {
    @Option(
            names = "--session-passphrase-env",
            paramLabel = "VARIABLE",
            description = "Read the session passphrase from this environment variable.")
    String variable;

    @Option(
            names = "--session-passphrase-file",
            paramLabel = "FILE",
            description = "Read the session passphrase from this file.")
    Path file;

    SecretSource source() {
        return new SecretSource("session passphrase", "--session-passphrase", variable, file);
    }
}
