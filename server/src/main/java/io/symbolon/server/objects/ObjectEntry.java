package io.symbolon.server.objects;

import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;

/**
 * What one node says about one of its objects for {@code server test}: the object's fingerprint, and for
 * EC and Ed25519 keys its public share (share·G, which reveals nothing of the share). A share that does
 * not open is reported as a problem rather than failing the whole check.
 *
 * @param object the object as this node stores it
 * @param fingerprint hex of the object's fingerprint
 * @param publicShare this node's public share, or null for types without one
 * @param problem why the share could not be read (e.g. tampered), or null
 */
public record ObjectEntry(VaultObject object, String fingerprint, byte[] publicShare, String problem) {
    public ObjectUid uid() {
        return object.uid();
    }
}
