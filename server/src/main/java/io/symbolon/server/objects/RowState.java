package io.symbolon.server.objects;

import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.VaultObject;
import java.time.Instant;

/**
 * One node's row of an object, without its share: what the two-phase protocol and the janitor compare.
 *
 * @param object the object
 * @param state PENDING, ACTIVE or DELETING
 * @param since when it entered that state
 */
public record RowState(VaultObject object, ObjectState state, Instant since) {}
