package io.symbolon.cli.archive;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Inspection;
import io.symbolon.cli.JsonOutput;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon archive inspect FILE}: what an archive says about itself, read without any key. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        description = {
            "Show what an archive says about itself, without any key.",
            "",
            "Prints its metadata, recipients, digest summary,"
                    + " signer, rekey history, and whether it verified (signer not pinned).",
            "Exits 0 whenever the archive could be read, even when it is damaged: use 'archive verify' to decide."
        })
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive (database_….tar.gz).")
    Path file;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        Inspection inspection = ArchiveReader.inspect(file);
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), InspectionReport.json(inspection));
        } else {
            InspectionReport.print(inspection, spec.commandLine().getOut());
        }
        return 0;
    }
}
