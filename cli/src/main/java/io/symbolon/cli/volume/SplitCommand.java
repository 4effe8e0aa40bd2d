package io.symbolon.cli.volume;

import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.custodian.CustodianSetCodec;
import io.symbolon.archive.volume.VolumeHeader;
import io.symbolon.archive.volume.VolumeSplit;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.options.InputFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon archive split FILE --max-size SIZE}: numbered volumes for media of a given size. */
@Command(
        name = "split",
        mixinStandardHelpOptions = true,
        description = {
            "Splits an archive into numbered volumes (FILE.vol001-of-003, …) of at most SIZE bytes each, header"
                    + " included, for media smaller than the archive (seed 004). The archive is verified first;"
                    + " the volumes appear only once all of them are written.",
            "Each volume's header names the backup, its volume number and total, its offset and size, the"
                    + " SHA-256 of its part and of the whole archive, and whether it holds the wrapped keys (the"
                    + " age header). Join them with 'archive join'."
        })
public final class SplitCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive (database_….tar.gz).")
    Path file;

    @Option(
            names = "--max-size",
            paramLabel = "SIZE",
            required = true,
            converter = VolumeSize.class,
            description = "The largest volume: bytes, or with K, M, G (1024-based), at least 4K.")
    long maxSize;

    @Option(
            names = {"-d", "--directory"},
            paramLabel = "DIR",
            description = "Where to write the volumes (default: beside the archive).")
    Path directory;

    @Option(
            names = "--custodians",
            paramLabel = "SETFILE",
            description = "Give the volumes to this set's custodians in turn; each header names its keeper.")
    Path custodians;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing on success; no progress bar.")
    boolean quiet;

    SplitCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        InputFiles.require(file, "archive");
        Optional<CustodianSet> keepers = Optional.ofNullable(custodians).map(set -> {
            InputFiles.require(set, "custodian set file");
            return CustodianSetCodec.load(set);
        });
        Path into = directory != null ? directory : file.toAbsolutePath().getParent();
        VolumeSplit.Result result;
        try (FileProgress progress = FileProgress.start(terminal, quiet, "split", List.of(file))) {
            result = VolumeSplit.split(file, into, new VolumeSplit.Request(maxSize, keepers, Instant.now()), progress);
        }
        if (!quiet) {
            TextReport report = new TextReport(spec.commandLine().getOut(), 12)
                    .field(
                            "split",
                            file + " (" + result.verification().metadata().name() + ", archive id "
                                    + result.verification().metadata().archiveId() + ")")
                    .field("into", result.files().size() + " volumes of at most " + maxSize + " bytes");
            for (int i = 0; i < result.files().size(); i++) {
                VolumeHeader header = result.headers().get(i);
                report.line("  " + result.files().get(i) + "  bytes " + header.offset() + "–"
                        + (header.offset() + header.size())
                        + (header.wrappedKeys() ? "  wrapped keys" : "")
                        + header.custodian()
                                .map(k -> "  kept by " + k.name() + " (" + k.number() + ")")
                                .orElse(""));
            }
        }
        return 0;
    }
}
