package io.symbolon.server.objects;

import io.symbolon.error.SymbolonException;
import io.symbolon.vault.Vault;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.storage.Storage;
import io.symbolon.vault.storage.StoredObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles what a crash or an unreachable Partner left half-done, on EP, at start and then periodically.
 * The rule follows {@link ObjectService}'s: an object exists exactly when EP's row is ACTIVE.
 *
 * <ul>
 *   <li>EP row PENDING (creation never decided) → remove the Partner's row, whatever its state, and EP's.
 *   <li>EP row DELETING (deletion never decided) → make both rows ACTIVE again.
 *   <li>Partner row PENDING or DELETING, EP row ACTIVE → make the Partner's ACTIVE.
 *   <li>Partner row PENDING or DELETING, no EP row → remove the Partner's row.
 * </ul>
 *
 * Only rows older than {@code age} are touched, so operations in flight are left alone.
 */
public final class Janitor {
    private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);
    private static final int BATCH = 100;

    private final Vault vault;
    private final Storage storage;
    private final Partner partner;
    private final Clock clock;
    private final Duration age;

    public Janitor(Vault vault, Storage storage, Partner partner, Clock clock, Duration age) {
        this.vault = vault;
        this.storage = storage;
        this.partner = partner;
        this.clock = clock;
        this.age = age;
    }

    /** One pass; returns how many rows it settled. Never throws: failures wait for the next pass. */
    public int settle() {
        int settled = 0;
        try {
            settled += settleLocal();
            settled += settleRemote();
        } catch (SymbolonException e) {
            LOG.debug("janitor pass stopped reason=\"{}\"", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("janitor pass failed", e);
        }
        if (settled > 0) {
            LOG.info("janitor settled unconfirmed operations count={}", settled);
        }
        return settled;
    }

    private int settleLocal() {
        int settled = 0;
        List<StoredObject> rows = storage.unsettled(clock.instant().minus(age), BATCH);
        for (StoredObject row : rows) {
            if (row.state() == ObjectState.PENDING) {
                partner.forceDelete(row.uid());
                vault.abortCreate(row.uid());
                LOG.info("janitor rolled back a creation uid={}", row.uid());
            } else if (row.state() == ObjectState.DELETING) {
                Optional<RowState> remote = partner.state(row.uid());
                if (remote.filter(r -> r.state() == ObjectState.DELETING).isPresent()) {
                    partner.abortDelete(row.uid());
                }
                vault.abortDelete(row.uid());
                LOG.info("janitor rolled back a deletion uid={}", row.uid());
            }
            settled++;
        }
        return settled;
    }

    private int settleRemote() {
        int settled = 0;
        for (RowState remote : partner.unsettled(age, BATCH)) {
            Optional<StoredObject> local = storage.find(remote.object().uid());
            if (local.isEmpty()) {
                partner.forceDelete(remote.object().uid());
                LOG.info(
                        "janitor removed a Partner row EP does not have uid={}",
                        remote.object().uid());
                settled++;
            } else if (local.get().state() == ObjectState.ACTIVE) {
                if (remote.state() == ObjectState.PENDING) {
                    partner.commitCreate(remote.object().uid());
                } else {
                    partner.abortDelete(remote.object().uid());
                }
                LOG.info(
                        "janitor made a Partner row ACTIVE as on EP uid={}",
                        remote.object().uid());
                settled++;
            }
            // EP's row is itself unsettled: settleLocal decides it on a later pass.
        }
        return settled;
    }
}
