package io.symbolon.server.objects;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.storage.ObjectPage;
import io.symbolon.vault.storage.ObjectQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a page of one node's ACTIVE objects for {@code server test}: each object's fingerprint, its
 * public share when it has one, and whether its share opens at all (a tampered row is reported by uid).
 */
public final class ObjectEntries {
    private final Vault vault;

    public ObjectEntries(Vault vault) {
        this.vault = vault;
    }

    /** Up to {@code limit} ACTIVE objects after {@code after}, in ascending uid order. */
    public Partner.EntryPage page(Optional<ObjectUid> after, int limit) {
        ObjectPage page = vault.list(new ObjectQuery(Optional.empty(), ObjectState.ACTIVE, after, limit));
        List<ObjectEntry> entries = new ArrayList<>(page.objects().size());
        for (var row : page.objects()) {
            entries.add(entry(row.object()));
        }
        return new Partner.EntryPage(entries, page.next());
    }

    private ObjectEntry entry(VaultObject object) {
        String fingerprint = object.fingerprint().hex();
        try {
            if (object.type().hasPublicKey()) {
                return new ObjectEntry(object, fingerprint, vault.publicShare(object.uid()), null);
            }
            try (SecretBytes share = vault.readShare(object.uid())) {
                return new ObjectEntry(object, fingerprint, null, null);
            }
        } catch (SymbolonException e) {
            if (e.errorCode() == ErrorCode.SHARE_TAMPERED || e.errorCode() == ErrorCode.MALFORMED) {
                return new ObjectEntry(object, fingerprint, null, e.getMessage());
            }
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                // deleted between the listing and the read: report it as it was listed, without a share
                return new ObjectEntry(object, fingerprint, null, "deleted while being checked");
            }
            throw e;
        }
    }
}
