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
import io.symbolon.vault.storage.StoredObject;
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
            entries.add(entry(row));
        }
        return new Partner.EntryPage(entries, page.next());
    }

    /** The entry of a listed row: its share is opened from the listing, not read again. */
    private ObjectEntry entry(StoredObject row) {
        VaultObject object = row.object();
        String fingerprint = object.fingerprint().hex();
        try {
            if (object.type().hasPublicKey()) {
                return new ObjectEntry(object, fingerprint, vault.publicShare(row), null);
            }
            try (SecretBytes share = vault.openShare(row)) {
                return new ObjectEntry(object, fingerprint, null, null);
            }
        } catch (SymbolonException e) {
            if (e.errorCode() == ErrorCode.SHARE_TAMPERED || e.errorCode() == ErrorCode.MALFORMED) {
                return new ObjectEntry(object, fingerprint, null, e.getMessage());
            }
            throw e;
        }
    }
}
