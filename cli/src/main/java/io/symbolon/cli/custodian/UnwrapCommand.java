package io.symbolon.cli.custodian;

import io.symbolon.archive.Verification;
import io.symbolon.archive.custodian.Contribution;
import io.symbolon.archive.custodian.CustodianArchive;
import io.symbolon.archive.custodian.CustodianUnwrap;
import io.symbolon.archive.recipient.X25519Recipient;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.archive.ArchiveText;
import io.symbolon.cli.options.Identities;
import io.symbolon.cli.options.IdentityOptions;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.options.SignerOptions;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian unwrap ARCHIVE --to age1… -o CONTRIBUTION}: a custodian's step. */
@Command(
        name = "unwrap",
        mixinStandardHelpOptions = true,
        description = {
            "A custodian's step of the ceremony. The archive is verified first (pin its node with --signer); then"
                    + " your component is unwrapped with your own key (--identity, --keystore) or passphrase"
                    + " (--passphrase), checked against its commitment in the archive, and sealed at once to the"
                    + " operator's session key (--to, from 'custodian session start'). Your share is never"
                    + " written in clear; the contribution file can be handed over openly.",
            "Check the backup named in the output before you hand the contribution over."
        })
final class UnwrapCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive (database_….tar.gz).")
    Path file;

    @Option(
            names = "--to",
            paramLabel = "age1…",
            required = true,
            description = "The operator's session recipient, as 'custodian session start' printed it.")
    String session;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "CONTRIBUTION",
            required = true,
            description = "The contribution file to write; it must not exist.")
    Path output;

    @Option(
            names = "--custodian",
            paramLabel = "NUMBER",
            description =
                    "Your number in the set; spares trying every component (each passphrase try takes scrypt's time).")
    Integer custodian;

    @Option(
            names = "--set",
            paramLabel = "SHA256:…",
            description = "Only the set with this fingerprint, when the archive is encrypted to several.")
    String set;

    @Mixin
    IdentityOptions identity;

    @Mixin
    SignerOptions signer;

    @Mixin
    PlainSecretRefusal refusal;

    UnwrapCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        X25519Recipient recipient = X25519Recipient.parse(session);
        InputFiles.require(file, "archive");
        if (Files.exists(output)) {
            throw new SymbolonException(ErrorCode.ALREADY_EXISTS, output + " already exists; choose another file");
        }
        CustodianArchive archive;
        try (FileProgress progress = FileProgress.start(terminal, false, "verify", List.of(file))) {
            archive = CustodianArchive.open(file, signer.trust(), progress);
        }
        Contribution contribution;
        try (Identities identities = identity.open(new Secrets(terminal))) {
            contribution = CustodianUnwrap.contribute(
                    archive,
                    new CustodianUnwrap.Request(
                            identities.list(),
                            custodian == null ? OptionalInt.empty() : OptionalInt.of(custodian),
                            Optional.ofNullable(set),
                            recipient,
                            Instant.now()),
                    output.toString());
        }
        contribution.write(output);
        Verification verification = archive.verification();
        new TextReport(spec.commandLine().getOut(), 14)
                .field("wrote", output.toString())
                .field("backup", archive.label())
                .field("node", ArchiveText.origin(verification.metadata()))
                .field("signer", verification.signer() + (verification.signerPinned() ? " (pinned)" : " (not pinned)"))
                .field(
                        "custodian",
                        contribution.custodianOf().label() + " of set "
                                + contribution.set().label())
                .field("sealed to", contribution.session());
        return 0;
    }
}
