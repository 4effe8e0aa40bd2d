package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.partition.Partition;
import java.util.Optional;

/**
 * One page of a listing: objects in {@code state}, optionally of one partition, with uids strictly
 * after {@code after}, in ascending uid order, at most {@code limit} of them.
 *
 * @param partition the partition to list, or every partition
 * @param state the state to list (clients see ACTIVE)
 * @param after the cursor: the last uid of the previous page
 * @param limit 1 to {@link #MAX_LIMIT}
 */
public record ObjectQuery(Optional<String> partition, ObjectState state, Optional<ObjectUid> after, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 10_000;

    public ObjectQuery {
        if (partition == null || state == null || after == null) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "a query needs a partition, state and cursor (possibly empty)");
        }
        partition.ifPresent(Partition::requireValidName);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new SymbolonException(ErrorCode.USAGE, "a page holds 1 to " + MAX_LIMIT + " objects, not " + limit);
        }
    }

    /** The first page of active objects of one partition. */
    public static ObjectQuery activeIn(String partition, int limit) {
        return new ObjectQuery(Optional.of(partition), ObjectState.ACTIVE, Optional.empty(), limit);
    }

    /** The first page of active objects of every partition. */
    public static ObjectQuery allActive(int limit) {
        return new ObjectQuery(Optional.empty(), ObjectState.ACTIVE, Optional.empty(), limit);
    }

    /** The same query, after {@code uid}. */
    public ObjectQuery after(ObjectUid uid) {
        return new ObjectQuery(partition, state, Optional.of(uid), limit);
    }
}
