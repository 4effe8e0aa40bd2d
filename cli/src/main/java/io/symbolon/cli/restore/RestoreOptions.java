package io.symbolon.cli.restore;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Inspection;
import io.symbolon.archive.Trust;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.archive.ArchiveText;
import io.symbolon.cli.options.Identities;
import io.symbolon.cli.options.IdentityOptions;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.Secrets;
import io.symbolon.cli.options.SignerOptions;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.restore.ArchiveRestoration;
import io.symbolon.server.restore.Restoration;
import io.symbolon.vault.backup.VaultRestorer;
import io.symbolon.vault.node.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code boot ep|partner -restore ARCHIVE} (seeds 000 and 002): boots the node from one of its backups
 * instead of an empty vault. The archive is verified first — its signature (against the original node's
 * certificate or fingerprint, when given), every byte, the whole content with the restore identity, and
 * its role — and only then does the boot exchange certificates and import it. Without a pinned signer,
 * {@code -f} must accept the archive as it is; its signer's fingerprint is printed either way.
 */
public final class RestoreOptions {
    @Option(
            names = {"-restore", "--restore"},
            paramLabel = "ARCHIVE",
            description =
                    "Boot from this backup of this node's role (database_….tar.gz) instead of an empty vault: it is"
                            + " verified first, then imported re-sealed under this machine's system key. Needs a restore identity"
                            + " and --signer/--signer-fingerprint (or -f).")
    Path archive;

    @Mixin
    IdentityOptions identity;

    @Mixin
    SignerOptions signer;

    /** A verified archive and the identities that open it, held until the boot has imported it. */
    public record Prepared(Optional<Restoration> restoration, Optional<Identities> identities)
            implements AutoCloseable {
        @Override
        public void close() {
            identities.ifPresent(Identities::close);
        }
    }

    /** Whether {@code -restore} was given. */
    public boolean given() {
        return archive != null;
    }

    /**
     * Verifies the archive for a boot of {@code role}, printing what it is; nothing when {@code
     * -restore} was not given. {@code force} is the boot's {@code -f}.
     */
    public Prepared prepare(Role role, Terminal terminal, PrintWriter out, boolean force) {
        Trust trust = signer.trust();
        if (archive == null) {
            if (identity.given() || trust.pinned().isPresent()) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "restore identities and --signer go with -restore ARCHIVE; nothing was created");
            }
            return new Prepared(Optional.empty(), Optional.empty());
        }
        InputFiles.require(archive, "archive");
        out.println("Restoring from " + archive + ":");
        out.flush();
        if (trust.pinned().isEmpty() && !force) {
            // Only to name the signer in the refusal: a keyless pass over the whole file.
            Inspection inspection = ArchiveReader.inspect(archive);
            out.println("  " + ArchiveText.origin(inspection.metadata()));
            out.println("  signed by " + inspection.signer() + " (" + inspection.signerSubject() + ")");
            out.flush();
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "prove which node wrote the archive: give the original node's certificate (--signer node.crt) or"
                            + " its fingerprint (--signer-fingerprint " + inspection.signer() + " if that is it), or -f"
                            + " to accept the archive's signer as it is; nothing was created");
        }
        Identities identities = identity.open(new Secrets(terminal));
        try {
            // One pass checks every byte, the signature and the content; the import makes one more.
            ArchiveRestoration restoration = ArchiveRestoration.verify(archive, role, trust, identities.list());
            out.println("  " + ArchiveText.origin(restoration.verification().metadata()));
            out.println("  signed by " + restoration.verification().signer());
            out.println("  verified: every byte, the signature"
                    + (trust.pinned().isPresent() ? " of the pinned node" : " (signer not pinned, -f)")
                    + ", and the content with the restore identity");
            out.println("  " + ArchiveText.digest(restoration.verification().digest()));
            out.flush();
            return new Prepared(Optional.of(restoration), Optional.of(identities));
        } catch (RuntimeException e) {
            identities.close();
            throw e;
        }
    }

    /** Prints what the boot imported. */
    public static void report(PrintWriter out, Prepared prepared) {
        prepared.restoration().ifPresent(restoration -> {
            VaultRestorer.Restored restored = ((ArchiveRestoration) restoration).restored();
            if (restored != null) {
                out.println("Restored " + restored.objects() + " objects, " + restored.partitions() + " partitions and "
                        + restored.users() + " users at epoch "
                        + restored.metadata().epoch() + " (pair "
                        + restored.metadata().pairId() + "), re-sealed under this machine's system key.");
                out.flush();
            }
        });
    }
}
