package io.symbolon.cli.custodian;

import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.custodian.Session;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.Secrets;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian session start -o SESSION}: a one-time key for one ceremony. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a one-time X25519 key pair for a ceremony. Its public half (age1…) is printed: give it to"
                    + " the custodians, who seal their contributions to it. Its private half is written only"
                    + " encrypted under a passphrase you choose (scrypt), to SESSION, which expires.",
            "End the session with 'custodian session end SESSION' when done: that destroys the file, and with it"
                    + " every contribution's value."
        })
final class SessionStartCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "SESSION",
            required = true,
            description = "The session file to create; it must not exist.")
    Path output;

    @Option(
            names = "--valid-for",
            paramLabel = "DURATION",
            defaultValue = "24h",
            description = "How long the session lasts: e.g. 90m, 8h, 2d (at most 30d; default ${DEFAULT-VALUE}).")
    String validFor;

    @Option(
            names = "--work-factor",
            hidden = true,
            defaultValue = "18",
            description = "log2 of scrypt's N for the session file (tests use less).")
    int workFactor;

    @Mixin
    SessionOptions passphrase;

    @Mixin
    PlainSecretRefusal refusal;

    SessionStartCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Duration validity = duration(validFor);
        if (workFactor < 10 || workFactor > CustodianSet.MAX_WORK_FACTOR) {
            throw new SymbolonException(ErrorCode.USAGE, "--work-factor is 10 to " + CustodianSet.MAX_WORK_FACTOR);
        }
        char[] secret = new Secrets(terminal).readNew(passphrase.source());
        try (Session session = Session.start(Instant.now(), validity)) {
            session.write(output, secret, workFactor);
            new TextReport(spec.commandLine().getOut(), 12)
                    .field("session", output.toString())
                    .field("recipient", session.recipient().encoded())
                    .field("expires", session.expires().toString())
                    .line("Give the recipient to each custodian: symbolon custodian unwrap ARCHIVE --to "
                            + session.recipient().encoded() + " -o CONTRIBUTION …")
                    .line("End the session when done: symbolon custodian session end " + output);
        } finally {
            Secrets.wipe(secret);
        }
        return 0;
    }

    /** {@code 90m}, {@code 8h}, {@code 2d}, or an ISO-8601 duration. */
    static Duration duration(String text) {
        try {
            String lower = text.strip().toLowerCase(java.util.Locale.ROOT);
            if (lower.matches("[0-9]{1,6}[mhd]")) {
                long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                return switch (lower.charAt(lower.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new SymbolonException(ErrorCode.USAGE, "--valid-for takes a duration such as 90m, 8h or 2d");
        }
    }
}
