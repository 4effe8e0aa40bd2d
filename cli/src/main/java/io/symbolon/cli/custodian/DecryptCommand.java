package io.symbolon.cli.custodian;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.custodian.CustodianIdentity;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.archive.VerificationReport;
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

/** {@code symbolon custodian decrypt ARCHIVE -o DIR --session S --contribution C …}. */
@Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        description = {
            "As 'archive decrypt', the file key combined from the custodians' contributions: everything is"
                    + " verified first; on any failure nothing is left in DIR.",
            "The output holds the node's secret shares (encrypted under its system key): keep it as safe as the"
                    + " archive's keys, and delete it when done."
        })
final class DecryptCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive (database_….tar.gz).")
    Path file;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            required = true,
            description = "The directory to create (or an empty one).")
    Path output;

    @Mixin
    ContributionOptions ceremony;

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
        try (CustodianIdentity identity = ceremony.open(new Secrets(terminal), List.of());
                FileProgress progress = FileProgress.start(terminal, quiet, "decrypt", List.of(file))) {
            verification = ArchiveReader.decrypt(file, trust, List.of(identity), output, progress);
        }
        if (!quiet) {
            new TextReport(spec.commandLine().getOut(), 15)
                    .field("decrypted", file + " into " + output)
                    .field(
                            "files",
                            "metadata.txt, digest.txt, database.records ("
                                    + verification.metadata().records() + " records)")
                    .field("signer", VerificationReport.signer(verification));
        }
        VerificationReport.printWarnings(verification, spec.commandLine().getErr());
        return 0;
    }
}
