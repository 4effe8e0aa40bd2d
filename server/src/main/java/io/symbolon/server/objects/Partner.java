package io.symbolon.server.objects;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Partner as EP's domain code sees it: the other half of every two-phase operation. The pair
 * channel ({@code pair.PairClient}) implements it over mutual TLS; each call is one request.
 *
 * <p>Failures are {@link io.symbolon.error.SymbolonException}s: {@code PEER_UNAVAILABLE} when the Partner
 * cannot be reached (nothing is known about whether it acted), {@code PEER_REJECTED} when its
 * certificate is not the approved one, and the Partner's own error code when it refused.
 */
public interface Partner {
    /** The Partner's identity and epoch. */
    NodeHello hello();

    /** Creates the partition on the Partner if it has none of that name. */
    void ensurePartition(String name);

    /**
     * Has the Partner draw its share of the EC or Ed25519 object {@code uid} and keep it (in memory, for a
     * short while) until {@link #prepareCreate} with {@link PartnerShare#drawn()}; returns its public share.
     */
    byte[] drawShare(ObjectUid uid, ObjectType type);

    /** Stores the Partner's row PENDING, with its share from {@code share}. */
    void prepareCreate(VaultObject object, PartnerShare share);

    void commitCreate(ObjectUid uid);

    /** Removes a PENDING row; idempotent. */
    void abortCreate(ObjectUid uid);

    void prepareDelete(ObjectUid uid);

    /** Deletes a DELETING row; idempotent. */
    void commitDelete(ObjectUid uid);

    void abortDelete(ObjectUid uid);

    /** Deletes the row whatever its state; whether there was one. */
    boolean forceDelete(ObjectUid uid);

    /** The Partner's row of {@code uid}, in any state. */
    Optional<RowState> state(ObjectUid uid);

    /**
     * The Partner's share of an extractable ACTIVE object at {@code version} and {@code epoch}, for EP to
     * combine transiently; the Partner refuses a non-extractable object itself. The caller closes it.
     */
    SecretBytes share(ObjectUid uid, long version, long epoch);

    /** A page of the Partner's ACTIVE objects after {@code after}, with their fingerprints and public shares. */
    EntryPage entries(Optional<ObjectUid> after, int limit);

    /** The Partner's rows left PENDING or DELETING for longer than {@code age}. */
    List<RowState> unsettled(Duration age, int limit);

    /**
     * One page of {@link #entries}.
     *
     * @param entries in ascending uid order
     * @param next the cursor of the next page, if any
     */
    record EntryPage(List<ObjectEntry> entries, Optional<ObjectUid> next) {
        public EntryPage {
            entries = List.copyOf(entries);
        }
    }
}
