package io.symbolon.server.restore;

import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.Vault;
import io.symbolon.vault.backup.VaultRestorer;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.storage.Storage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * A {@link Restoration} from an archive file, verified before anything else happens: every byte against
 * its signature (and the pinned signer, if one was given), the whole content decrypted with the restore
 * identity and checked, and its role against the node being booted. A tampered archive, a wrong
 * identity or the other role's archive is refused here, before the certificate exchange, and nothing is
 * created. The import then reads the archive again ({@link VaultRestorer}), releasing nothing until it
 * has verified once more.
 */
public final class ArchiveRestoration implements Restoration {
    private final Verification verified;
    private final Trust trust;
    private final List<? extends Identity> identities;
    private VaultRestorer.Restored restored;

    private ArchiveRestoration(Verification verified, Trust trust, List<? extends Identity> identities) {
        this.verified = verified;
        this.trust = trust;
        this.identities = List.copyOf(identities);
    }

    /**
     * Verifies {@code archive} for a restore of a {@code role} node; the identities must stay open until
     * the boot has imported it.
     */
    public static ArchiveRestoration verify(Path archive, Role role, Trust trust, List<? extends Identity> identities) {
        Verification verified = ArchiveReader.verify(archive, trust, identities);
        Metadata metadata = verified.metadata();
        if (!metadata.role().equals(role.label())) {
            Role written = Role.parse(metadata.role());
            throw new SymbolonException(
                    ErrorCode.WRONG_ROLE,
                    archive.getFileName() + " is a backup of the " + written.displayName() + " (node "
                            + metadata.nodeId() + " of pair " + metadata.pairId() + "), not of the "
                            + role.displayName()
                            + ": restore it with 'symbolon boot "
                            + written.label().toLowerCase(java.util.Locale.ROOT)
                            + " … -restore', and give this boot the " + role.displayName()
                            + "'s archive; nothing was created");
        }
        return new ArchiveRestoration(verified, trust, identities);
    }

    /** What the verification established (metadata, signer, recipients). */
    public Verification verification() {
        return verified;
    }

    /** What the import brought in, once done. */
    public VaultRestorer.Restored restored() {
        return restored;
    }

    @Override
    public Role role() {
        return Role.parse(verified.metadata().role());
    }

    @Override
    public String pairId() {
        return verified.metadata().pairId();
    }

    @Override
    public long epoch() {
        return verified.metadata().epoch();
    }

    @Override
    public void importInto(Storage storage, SystemKey systemKey, Clock clock, SecureRandom random) {
        try (Vault vault = Vault.open(storage, systemKey, clock, random)) {
            restored = VaultRestorer.restore(vault, verified, trust, identities);
        }
    }
}
