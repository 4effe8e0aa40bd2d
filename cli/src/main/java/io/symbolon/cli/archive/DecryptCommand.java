package io.symbolon.cli.archive;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.options.Identities;
import io.symbolon.cli.options.IdentityOptions;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.options.SignerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon archive decrypt FILE -o DIR}: the content, written only once all of it is authenticated. */
@Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        abbreviateSynopsis = true,
        sortOptions = false,
        description = {
            "Decrypt an archive into a directory, once all of it is authenticated.",
            "",
            "Decrypts an archive into a new (or empty) directory: metadata.txt, digest.txt and database.records"
                    + " (the record stream). Everything is verified first; on any failure nothing is left in DIR.",
            "The output holds the node's secret shares (encrypted under its system key): keep it as safe as"
                    + " the archive's restore key, and delete it when done."
        })
final class DecryptCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive (database_….tar.gz).")
    Path file;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            required = true,
            description = "The directory to create (or an empty one).")
    Path output;

    @Mixin
    IdentityOptions identity;

    @Mixin
    SignerOptions signer;

    @Mixin
    PlainSecretRefusal refusal;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing on success but warnings; no progress bar.")
    boolean quiet;

    DecryptCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Trust trust = signer.trust();
        InputFiles.require(file, "archive");
        Verification verification;
        try (Identities identities = identity.open(new Secrets(terminal));
                FileProgress progress = FileProgress.start(terminal, quiet, "decrypt", List.of(file))) {
            verification = ArchiveReader.decrypt(file, trust, identities.list(), output, progress);
        }
        if (!quiet) {
            new TextReport(spec.commandLine().getOut(), 15)
                    .field("decrypted", file + " into " + output)
                    .field(
                            "files",
                            "metadata.txt, digest.txt, database.records ("
                                    + verification.metadata().records() + " records)")
                    .field("signer", VerificationReport.signer(verification))
                    .field("node", ArchiveText.origin(verification.metadata()));
        }
        VerificationReport.printWarnings(verification, spec.commandLine().getErr());
        return 0;
    }
}
