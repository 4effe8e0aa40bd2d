package io.symbolon.cli.archive;

import io.symbolon.archive.ArchiveException;
import io.symbolon.archive.ArchiveRekey;
import io.symbolon.archive.Recipients;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.options.CountersignOptions;
import io.symbolon.cli.options.Identities;
import io.symbolon.cli.options.IdentityOptions;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.RecipientParser;
import io.symbolon.cli.options.RecipientSecretOptions;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.options.SignerOptions;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon archive rekey FILE -o OUT}: change who can decrypt an archive, without restoring it. */
@Command(
        name = "rekey",
        mixinStandardHelpOptions = true,
        optionListHeading = "%nOptions:%n",
        abbreviateSynopsis = true,
        sortOptions = false,
        description = {
            "Change who can decrypt an archive, without restoring it (seed 003).",
            "",
            "Writes a copy of an archive whose file key is wrapped to a new set of recipients (seed 003). The"
                    + " encrypted payload is copied, never decrypted, so the node's signature still verifies; a"
                    + " rekey log member records when and which fingerprints were added and removed.",
            "With --rotate-data-key the payload is instead re-encrypted under a fresh file key, checked against"
                    + " the content hash the node signed, and countersigned by the operator's key.",
            "Recipients (--add-recipient): age1… | age1pq1… (post-quantum, only with others of its kind) | 'ssh-rsa AAAA…' | @FILE | keystore:PATH[#ALIAS] | passphrase."
        })
final class RekeyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive to re-key (it is not changed).")
    Path file;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            required = true,
            description = "The re-keyed archive to write; it must not exist.")
    Path output;

    @Option(
            names = "--add-recipient",
            paramLabel = "RECIPIENT",
            description =
                    "A recipient to add: age1…, age1pq1…, 'ssh-rsa AAAA…', @FILE, keystore:PATH[#ALIAS] or passphrase.")
    List<String> add = new ArrayList<>();

    @Option(
            names = "--remove-recipient",
            paramLabel = "FINGERPRINT",
            description =
                    "The fingerprint (SHA256:…, or passphrase) of a recipient to remove, as 'archive inspect' shows.")
    List<String> remove = new ArrayList<>();

    @Option(
            names = "--rotate-data-key",
            description = "Re-encrypt the payload under a new file key, countersigned with --countersign-keystore.")
    boolean rotateDataKey;

    @Mixin
    CountersignOptions countersign;

    @Mixin
    IdentityOptions identity;

    @Mixin
    RecipientSecretOptions recipientSecrets;

    @Mixin
    SignerOptions signer;

    @Mixin
    PlainSecretRefusal refusal;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing on success but warnings; no progress bar.")
    boolean quiet;

    RekeyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (rotateDataKey != countersign.given()) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    rotateDataKey
                            ? "--rotate-data-key needs --countersign-keystore: a rotation is countersigned by your key"
                            : "--countersign-keystore is used only with --rotate-data-key");
        }
        Trust trust = signer.trust();
        InputFiles.require(file, "archive");
        if (Files.exists(output)) {
            throw new ArchiveException(
                    ErrorCode.ALREADY_EXISTS, output + " already exists; choose another output file");
        }
        Secrets secrets = new Secrets(terminal);
        try (RecipientParser parser = recipientSecrets.parser(secrets);
                Identities identities = identity.open(secrets)) {
            List<Recipient> added = parser.parseAll(add);
            Optional<NodeSigner> countersigner =
                    rotateDataKey ? Optional.of(countersign.signer(secrets)) : Optional.empty();
            Verification before;
            try (FileProgress progress = FileProgress.start(terminal, quiet, "rekey", List.of(file))) {
                before = ArchiveRekey.rekey(
                        file,
                        output,
                        trust,
                        new ArchiveRekey.Request(identities.list(), added, remove, countersigner, Instant.now()),
                        progress);
            }
            if (!quiet) {
                print(before, added, countersigner);
            }
            VerificationReport.printWarnings(before, spec.commandLine().getErr());
        }
        return 0;
    }

    private void print(Verification before, List<Recipient> added, Optional<NodeSigner> countersigner) {
        List<RecipientDescriptor> addedDescriptors =
                added.stream().map(Recipients::describe).toList();
        List<RecipientDescriptor> now = new ArrayList<>(before.recipients());
        now.removeIf(recipient -> remove.contains(recipient.fingerprint()));
        now.addAll(addedDescriptors);
        new TextReport(spec.commandLine().getOut(), 15)
                .field("wrote", output.toString())
                .field("from", file + " (verified; signer " + VerificationReport.signer(before) + ")")
                .field(
                        "operation",
                        countersigner
                                .map(key -> "data key rotated: the payload was re-encrypted under a new file key and"
                                        + " countersigned by " + key.fingerprint())
                                .orElse("re-keyed: the encrypted payload was copied byte for byte; the node's"
                                        + " signature still verifies"))
                .field("added", ArchiveText.recipients(addedDescriptors), "none")
                .field("removed", remove, "none")
                .field("recipients", ArchiveText.recipients(now), "none");
    }
}
