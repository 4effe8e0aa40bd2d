package io.symbolon.cli.archive;

import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code symbolon archive keygen}: an age identity file, X25519 or hybrid post-quantum, as
 * {@code age-keygen [-pq]} writes it; or, with {@code --recipient-of}, the recipients of one
 * ({@code age-keygen -y}).
 */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        sortOptions = false,
        description = {
            "Generate an age identity file and print its recipient.",
            "",
            "Writes a new age identity to FILE (mode 0600; an existing file is never overwritten) in the format of"
                    + " age-keygen, and prints the public recipient to encrypt archives to. With --pq the identity is"
                    + " the hybrid post-quantum MLKEM768-X25519 type (age1pq1…, as age-keygen -pq of age 1.3+):"
                    + " an archive encrypted to it stays confidential unless both ML-KEM-768 and X25519 are broken."
                    + " An archive cannot mix post-quantum and classic recipients.",
            "Take the identity file offline like a restore keystore: whoever holds it can decrypt.",
            "With --recipient-of FILE, prints the recipients of an existing identity file instead."
        })
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "The identity file to create.")
        Path output;

        @Option(
                names = {"-y", "--recipient-of"},
                paramLabel = "FILE",
                description = "Print the recipients of this identity file and create nothing.")
        Path identityFile;
    }

    @Option(names = "--pq", description = "A hybrid post-quantum (ML-KEM-768 + X25519) identity instead of X25519.")
    boolean postQuantum;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** What {@code --json} prints for a new identity: all public. */
    record Json(String identityFile, String kind, String fingerprint, String recipient) {}

    @Override
    public Integer call() {
        if (mode.identityFile != null) {
            return printRecipients(mode.identityFile);
        }
        AgeIdentityFile.Created created = AgeIdentityFile.create(mode.output, postQuantum, Instant.now());
        if (json) {
            JsonOutput.print(
                    spec.commandLine().getOut(),
                    new Json(created.file().toString(), created.kind(), created.fingerprint(), created.recipient()));
            return 0;
        }
        new TextReport(spec.commandLine().getOut(), 15)
                .line("Generated " + (postQuantum ? "a post-quantum (MLKEM768-X25519)" : "an X25519")
                        + " age identity.")
                .field("identity file", created.file() + " (mode 0600: the secret key; take it offline)")
                .field("fingerprint", created.fingerprint())
                .field("recipient", created.recipient());
        return 0;
    }

    private Integer printRecipients(Path file) {
        if (postQuantum) {
            throw new SymbolonException(ErrorCode.USAGE, "--pq generates a new identity; it does not go with -y");
        }
        InputFiles.require(file, "identity file");
        List<String> recipients;
        try {
            recipients = AgeIdentityFile.recipients(file);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "identity file " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "cannot read identity file " + file + ": " + e.getClass().getSimpleName());
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), recipients);
        } else {
            recipients.forEach(spec.commandLine().getOut()::println);
        }
        return 0;
    }
}
