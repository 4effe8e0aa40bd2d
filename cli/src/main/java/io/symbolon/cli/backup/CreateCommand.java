package io.symbolon.cli.backup;

import io.symbolon.archive.ArchiveName;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.archive.ArchiveText;
import io.symbolon.cli.client.DataDirOption;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.backup.ManualBackup;
import io.symbolon.vault.seal.MachineSealer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symbolon backup create}: seed 000's manual backup of one node. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        sortOptions = false,
        description = {
            "Back up this node on its own (seed 000's manual backup): run it on EP and on the Partner.",
            "",
            "Opens the node's data directory directly (it works whether the server runs or not), takes one"
                    + " consistent snapshot and writes database_<yyyy-MM-dd-HH-mm-ss>.tar.gz into the folder of"
                    + " the node's backup settings (backup.conf), encrypted to the backup keystore they name and"
                    + " signed by the node. Run it on both nodes with the same --name, within the refresh"
                    + " interval, then check the two with 'symbolon backup verify EP PARTNER'. The coordinated"
                    + " backup (POST /api/v1/backup on EP) does all of that in one step and makes the two"
                    + " snapshots agree."
        })
final class CreateCommand implements Callable<Integer> {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--name",
            paramLabel = "database_….tar.gz",
            description = "The archive's name (and so its time), the same on both nodes (default: now).")
    String name;

    @Option(names = "--output", paramLabel = "DIR", description = "Write into DIR instead of the settings' folder.")
    Path output;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** What {@code --json} prints. */
    record Json(String file, long size, String role, String pairId, long epoch, long records, String digestRoot) {}

    @Override
    public Integer call() {
        Optional<Instant> created = Optional.ofNullable(name).map(CreateCommand::timeOf);
        ManualBackup.Created result = ManualBackup.create(
                dataDir.directory(),
                new MachineSealer(new SecureRandom()),
                created,
                Optional.ofNullable(output),
                backup -> {});
        WrittenArchive archive = result.archive();
        if (json) {
            JsonOutput.print(
                    spec.commandLine().getOut(),
                    new Json(
                            archive.path().toString(),
                            archive.size(),
                            result.role().label(),
                            result.pairId(),
                            result.epoch(),
                            archive.metadata().records(),
                            archive.digest().rootText()));
            return 0;
        }
        String other = result.role() == io.symbolon.vault.node.Role.EP ? "Partner" : "EP";
        new TextReport(spec.commandLine().getOut(), 10)
                .line("Backed up " + result.role().displayName() + " of pair " + result.pairId() + " at epoch "
                        + result.epoch() + ".")
                .field("archive", archive.path() + " (" + archive.size() + " bytes)")
                .field("digest", ArchiveText.digest(archive.digest()))
                .line("Now run 'symbolon backup create --name " + archive.path().getFileName() + "' on the " + other
                        + ", then 'symbolon backup verify EP.tar.gz PARTNER.tar.gz'.");
        return 0;
    }

    private static Instant timeOf(String name) {
        if (!ArchiveName.isArchiveName(name)) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "--name takes database_<yyyy-MM-dd-HH-mm-ss>.tar.gz, e.g. " + ArchiveName.at(Instant.now()));
        }
        String stamp = name.substring("database_".length(), name.length() - ".tar.gz".length());
        try {
            return LocalDateTime.parse(stamp, NAME_TIME).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new SymbolonException(ErrorCode.USAGE, "--name holds no valid time: " + name);
        }
    }
}
