package io.symbolon.cli.volume;

import io.symbolon.archive.volume.VolumeHeader;
import io.symbolon.archive.volume.VolumeJoin;
import io.symbolon.cli.TextReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon archive join VOLUME… -o FILE}: the archive back from its volumes, in any order. */
@Command(
        name = "join",
        mixinStandardHelpOptions = true,
        description = {
            "Reassembles an archive from all its volumes, given in any order. A missing, duplicated, foreign"
                    + " (another backup's, or another split's) or damaged volume is refused by name, and nothing"
                    + " is written; the output appears only once every part and the whole matched their hashes.",
            "Then check the archive itself with 'archive verify' (the volumes' hashes catch damage, the"
                    + " archive's signature catches forgery)."
        })
public final class JoinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "VOLUME", arity = "1..*", description = "The volumes, in any order.")
    List<Path> volumes = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            required = true,
            description = "The archive to write; it must not exist.")
    Path output;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing on success.")
    boolean quiet;

    @Override
    public Integer call() {
        VolumeJoin.Result result = VolumeJoin.join(volumes, output);
        if (!quiet) {
            VolumeHeader first = result.headers().getFirst();
            new TextReport(spec.commandLine().getOut(), 8)
                    .field(
                            "joined",
                            result.headers().size() + " volumes of " + first.backup() + " (archive id "
                                    + first.archiveId() + ")")
                    .field("wrote", output + " (" + first.totalSize() + " bytes, sha256 " + first.totalSha256() + ")")
                    .line("Verify it: symbolon archive verify " + output);
        }
        return 0;
    }
}
