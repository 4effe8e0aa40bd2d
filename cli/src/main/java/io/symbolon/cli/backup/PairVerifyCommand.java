package io.symbolon.cli.backup;

import io.symbolon.archive.ArchivePair;
import io.symbolon.archive.Trust;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.options.SignerTrust;
import io.symbolon.server.backup.json.PairCheckJson;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon backup verify EP PARTNER}: the seed's {@code ekm_verify_backup}, offline and keyless. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        description = {
            "Check the EP and Partner archives of a pair against each other, offline (ekm_verify_backup).",
            "",
            "Checks the two archives of a pair against each other, offline and without any private key (seed"
                    + " 000's ekm_verify_backup): each verifies on its own; they belong to the same pair, come"
                    + " from opposite roles and the same epoch; and their digests describe the same objects.",
            "Exits 0 when they match (TEST_SUCCESS), 1 when they do not (TEST_FAILED), and with the error"
                    + " table's code when an archive does not verify."
        })
final class PairVerifyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EP.tar.gz", description = "The EP's archive.")
    Path first;

    @Parameters(index = "1", paramLabel = "PARTNER.tar.gz", description = "The Partner's archive.")
    Path second;

    @Option(
            names = "--ep-signer",
            paramLabel = "CERT|SHA256:…",
            description = "The EP's certificate file or signing key fingerprint; its archive must be signed by it.")
    String firstSigner;

    @Option(
            names = "--partner-signer",
            paramLabel = "CERT|SHA256:…",
            description = "The Partner's certificate file or signing key fingerprint.")
    String secondSigner;

    @Option(names = "--json", description = "Print the result as JSON, in the REST API's backup result structure.")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing (the exit code tells); no progress bar.")
    boolean quiet;

    PairVerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Trust firstTrust = firstSigner == null ? Trust.anySigner() : SignerTrust.parse(firstSigner);
        Trust secondTrust = secondSigner == null ? Trust.anySigner() : SignerTrust.parse(secondSigner);
        ArchivePair.Result result;
        try (FileProgress progress = FileProgress.start(terminal, quiet, "verify pair", List.of(first, second))) {
            result = ArchivePair.compare(first, firstTrust, second, secondTrust, progress);
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), PairCheckJson.of(first, second, result));
        } else if (!quiet) {
            PairCheckReport.print(result, spec.commandLine().getOut());
        }
        return result.matches() ? 0 : Main.DIFFERENCE_FOUND;
    }
}
