package io.symbolon.cli.custodian;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.custodian.CustodianIdentity;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
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

/** {@code symbolon custodian verify ARCHIVE --session S --contribution C …}: the full check, with custodians. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "As 'archive verify' with an identity, the file key combined from the custodians'"
                + " contributions: every byte checked, the content decrypted (nothing written) and checked against"
                + " the signed content hash. Exits 0 only when the archive verified.")
final class VerifyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive (database_….tar.gz).")
    Path file;

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

    VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Trust trust = signer.trust();
        InputFiles.require(file, "archive");
        Verification verification;
        try (CustodianIdentity identity = ceremony.open(new Secrets(terminal), List.of());
                FileProgress progress = FileProgress.start(terminal, quiet, "verify", List.of(file))) {
            verification = ArchiveReader.verify(file, trust, List.of(identity), progress);
        }
        if (!quiet) {
            VerificationReport.print(verification, spec.commandLine().getOut());
        }
        VerificationReport.printWarnings(verification, spec.commandLine().getErr());
        return 0;
    }
}
