package io.symbolon.cli.archive;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.options.Identities;
import io.symbolon.cli.options.IdentityOptions;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.options.SignerOptions;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon archive verify FILE}: the full check, without any key, or with one for the content too. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        abbreviateSynopsis = true,
        sortOptions = false,
        description = {
            "Check an archive's integrity and signer, without a key (or its content too, with one).",
            "",
            "Checks every byte of an archive without any private key: its structure, every member's hash, the"
                    + " digest root, the rekey log and the node's signature. With an identity it also decrypts"
                    + " the content (nothing is written) and checks it against the signed content hash.",
            "Pin the signer with --signer or --signer-fingerprint to prove which node wrote it.",
            "Exits 0 only when the archive verified."
        })
final class VerifyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive (database_….tar.gz).")
    Path file;

    @Mixin
    SignerOptions signer;

    @Mixin
    IdentityOptions identity;

    @Mixin
    PlainSecretRefusal refusal;

    @Option(names = "--json", description = "Print JSON instead of text (also when verification fails).")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing on success but warnings; no progress bar.")
    boolean quiet;

    VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Verification verification;
        try {
            verification = verify(signer.trust());
        } catch (SymbolonException failure) {
            if (json) {
                JsonOutput.print(spec.commandLine().getOut(), VerificationReport.failure(file, failure));
            }
            throw failure;
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), VerificationReport.json(verification));
        } else if (!quiet) {
            VerificationReport.print(verification, spec.commandLine().getOut());
        }
        VerificationReport.printWarnings(verification, spec.commandLine().getErr());
        return 0;
    }

    private Verification verify(Trust trust) {
        if (!identity.given()) {
            try (FileProgress progress = FileProgress.start(terminal, quiet, "verify", List.of(file))) {
                return ArchiveReader.verify(file, trust, progress);
            }
        }
        InputFiles.require(file, "archive");
        try (Identities identities = identity.open(new Secrets(terminal));
                FileProgress progress = FileProgress.start(terminal, quiet, "verify", List.of(file))) {
            return ArchiveReader.verify(file, trust, identities.list(), progress);
        }
    }
}
