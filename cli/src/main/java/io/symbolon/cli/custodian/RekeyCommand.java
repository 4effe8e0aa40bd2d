package io.symbolon.cli.custodian;

import io.symbolon.archive.ArchiveException;
import io.symbolon.archive.ArchiveRekey;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.custodian.Custodian;
import io.symbolon.archive.custodian.CustodianIdentity;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.custodian.CustodianSetCodec;
import io.symbolon.archive.custodian.CustodianSetRecipient;
import io.symbolon.cli.FileProgress;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.archive.ArchiveText;
import io.symbolon.cli.options.Identities;
import io.symbolon.cli.options.IdentityOptions;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.RecipientParser;
import io.symbolon.cli.options.RecipientSecretOptions;
import io.symbolon.cli.options.SecretSource;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.options.SignerOptions;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian rekey ARCHIVE -o OUT}: add or remove custodian sets and recipients. */
@Command(
        name = "rekey",
        mixinStandardHelpOptions = true,
        description = {
            "As 'archive rekey', with custodian sets: the file key is opened with the custodians' contributions"
                    + " (--session, --contribution) or an ordinary identity, and wrapped again to the remaining and"
                    + " added recipients. The payload is copied, never decrypted; the node's signature stays valid.",
            "A set whose custodians all have public keys is split afresh (new components: contributions to the old"
                    + " archive do not fit the new one). A set with passphrase custodians keeps its components as"
                    + " they are; adding one asks each such custodian for their passphrase."
        })
final class RekeyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive to re-key (it is not changed).")
    Path file;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            required = true,
            description = "The re-keyed archive to write; it must not exist.")
    Path output;

    @Option(names = "--add-set", paramLabel = "FILE", description = "A custodian set file to add (repeatable).")
    List<Path> addSets = new ArrayList<>();

    @Option(
            names = "--remove-set",
            paramLabel = "SHA256:…",
            description = "The fingerprint of a custodian set to remove (repeatable).")
    List<String> removeSets = new ArrayList<>();

    @Option(
            names = "--add-recipient",
            paramLabel = "RECIPIENT",
            description = "An ordinary recipient to add: age1…, 'ssh-rsa AAAA…', @FILE, keystore:PATH[#ALIAS].")
    List<String> addRecipients = new ArrayList<>();

    @Option(
            names = "--remove-recipient",
            paramLabel = "FINGERPRINT",
            description = "The fingerprint of an ordinary recipient to remove.")
    List<String> removeRecipients = new ArrayList<>();

    @Option(
            names = "--custodian-passphrase-env",
            paramLabel = "NAME=VARIABLE",
            description = "Read the passphrase of custodian NAME of an added set from this variable (else asked).")
    Map<String, String> passphraseVariables = new HashMap<>();

    @Option(
            names = "--custodian-passphrase-file",
            paramLabel = "NAME=FILE",
            description = "Read the passphrase of custodian NAME of an added set from this file (else asked).")
    Map<String, Path> passphraseFiles = new HashMap<>();

    @Mixin
    ContributionOptions ceremony;

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
        Trust trust = signer.trust();
        InputFiles.require(file, "archive");
        if (Files.exists(output)) {
            throw new ArchiveException(
                    ErrorCode.ALREADY_EXISTS, output + " already exists; choose another output file");
        }
        if (!ceremony.given() && !identity.given()) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "open the archive with the custodians' contributions (--session, --contribution) or an identity"
                            + " (--identity, --keystore, --passphrase)");
        }
        List<CustodianSet> sets = new ArrayList<>();
        for (Path setFile : addSets) {
            InputFiles.require(setFile, "custodian set file");
            sets.add(CustodianSetCodec.load(setFile));
        }
        Secrets secrets = new Secrets(terminal);
        List<CustodianSetRecipient> setRecipients = new ArrayList<>();
        try (RecipientParser parser = recipientSecrets.parser(secrets);
                Identities plain = identity.given() ? identity.open(secrets) : null;
                CustodianIdentity custodians = ceremony.given() ? ceremony.open(secrets, List.of()) : null) {
            for (CustodianSet set : sets) {
                setRecipients.add(recipient(set, secrets));
            }
            List<Recipient> added = new ArrayList<>(parser.parseAll(addRecipients));
            added.addAll(setRecipients);
            List<Identity> identities = new ArrayList<>();
            if (plain != null) {
                identities.addAll(plain.list());
            }
            if (custodians != null) {
                identities.add(custodians);
            }
            List<String> removed = new ArrayList<>(removeSets);
            removed.addAll(removeRecipients);
            Verification before;
            try (FileProgress progress = FileProgress.start(terminal, quiet, "rekey", List.of(file))) {
                before = ArchiveRekey.rekey(
                        file,
                        output,
                        trust,
                        new ArchiveRekey.Request(identities, added, removed, Optional.empty(), Instant.now()),
                        progress);
            }
            if (!quiet) {
                new TextReport(spec.commandLine().getOut(), 12)
                        .field("wrote", output.toString())
                        .field(
                                "from",
                                file + " (" + before.metadata().name() + ", archive id "
                                        + before.metadata().archiveId() + ")")
                        .field(
                                "added",
                                added.stream()
                                        .map(r -> r.kind() + " " + r.fingerprint())
                                        .toList(),
                                "none")
                        .field("removed", removed, "none")
                        .field("recipients before", ArchiveText.recipients(before.recipients()), "none");
            }
        } finally {
            setRecipients.forEach(CustodianSetRecipient::close);
        }
        return 0;
    }

    /** The set's recipient, with the passphrase of each passphrase custodian, asked of them in turn. */
    private CustodianSetRecipient recipient(CustodianSet set, Secrets secrets) {
        Map<Integer, char[]> passphrases = new LinkedHashMap<>();
        try {
            for (Custodian custodian : set.custodians()) {
                if (custodian.usesPassphrase()) {
                    passphrases.put(
                            custodian.number(),
                            secrets.readNew(new SecretSource(
                                    "passphrase of custodian " + custodian.label() + " of set " + set.name(),
                                    "--custodian-passphrase (" + custodian.name() + "=…)",
                                    passphraseVariables.get(custodian.name()),
                                    passphraseFiles.get(custodian.name()))));
                }
            }
            return CustodianSetRecipient.of(set, passphrases);
        } finally {
            passphrases.values().forEach(Secrets::wipe);
        }
    }
}
