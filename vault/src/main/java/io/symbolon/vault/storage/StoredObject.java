package io.symbolon.vault.storage;

import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * One row of the objects table: the object, its state in the two-phase protocol, and this node's share
 * sealed under the system key (see {@code seal.ShareCipher}) — storage never sees a share in clear.
 *
 * @param object the object as both nodes know it
 * @param state PENDING, ACTIVE or DELETING
 * @param sealedShare the sealed share (ciphertext)
 * @param stateChanged when the state last changed (millisecond precision)
 */
public record StoredObject(VaultObject object, ObjectState state, byte[] sealedShare, Instant stateChanged) {
    public StoredObject {
        if (object == null || state == null || sealedShare == null || stateChanged == null) {
            throw new IllegalArgumentException("a stored object needs its object, state, sealed share and time");
        }
        sealedShare = sealedShare.clone();
        stateChanged = stateChanged.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A copy of the sealed share. */
    @Override
    public byte[] sealedShare() {
        return sealedShare.clone();
    }

    /** The sealed share without copying, for the storage layer's own writes. */
    byte[] sealedShareUnsafe() {
        return sealedShare;
    }

    public ObjectUid uid() {
        return object.uid();
    }

    public StoredObject withState(ObjectState newState, Instant when) {
        return new StoredObject(object, newState, sealedShare, when);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredObject that
                && object.equals(that.object)
                && state == that.state
                && Arrays.equals(sealedShare, that.sealedShare)
                && stateChanged.equals(that.stateChanged);
    }

    @Override
    public int hashCode() {
        return object.hashCode() * 31 + Arrays.hashCode(sealedShare);
    }

    @Override
    public String toString() {
        return "StoredObject[" + object.uid() + " " + object.partition() + "/" + object.name() + " " + state + "]";
    }
}
