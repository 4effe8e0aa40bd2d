package io.symbolon.cli.custodian;

import io.symbolon.archive.custodian.CustodianArchive;
import io.symbolon.archive.custodian.CustodianIdentity;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.custodian.CustodianStatus;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.options.SignerOptions;
import io.symbolon.error.ErrorCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian status ARCHIVE [--session S --contribution C …]}: where the ceremony stands. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the custodian sets an archive is encrypted to and, with a session and contributions, which"
                    + " are valid, which are refused and why, and how many more are needed from whom.",
            "Exits 0 when the contributions are enough; otherwise with custodian-short's or custodian-invalid's code."
        })
final class StatusCommand implements Callable<Integer> {
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
            description = "No progress bar.")
    boolean quiet;

    StatusCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        InputFiles.require(file, "archive");
        CustodianArchive archive;
        try (FileProgress progress = FileProgress.start(terminal, quiet, "verify", List.of(file))) {
            archive = CustodianArchive.open(file, signer.trust(), progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("archive       " + archive.label());
        if (archive.sets().isEmpty()) {
            out.println("it is not encrypted to any custodian set");
            return 0;
        }
        if (!ceremony.given()) {
            for (CustodianSet set : archive.sets()) {
                SetReport.print(set, out);
            }
            return 0;
        }
        CustodianStatus status;
        try (CustodianIdentity identity = ceremony.open(new Secrets(terminal), archive.sets())) {
            status = identity.status(archive.header().stanzas());
        }
        status.splits().forEach(split -> out.println(split.describe()));
        status.problems().forEach(problem -> out.println("refused: " + problem));
        if (status.ready()) {
            out.println("ready: these contributions open the archive");
            return 0;
        }
        ErrorCode code = status.problems().isEmpty() ? ErrorCode.CUSTODIAN_SHORT : ErrorCode.CUSTODIAN_INVALID;
        spec.commandLine()
                .getErr()
                .println("symbolon: "
                        + (status.problems().isEmpty()
                                ? "not enough contributions yet"
                                : "remove the refused contributions, or ask their custodians again")
                        + " [" + code.code() + "]");
        return code.exitCode();
    }
}
