package io.symbolon.vault.object;

/**
 * Where an object stands in the two-phase creation and deletion that keep EP and Partner in step: an
 * object becomes visible only when both nodes hold their share, and disappears from clients before
 * either node removes its share.
 */
public enum ObjectState {
    /** Created on this node, not yet confirmed on the peer; invisible to clients and backups. */
    PENDING,
    /** On both nodes; visible. */
    ACTIVE,
    /** Being deleted on both nodes; invisible to clients and backups, restorable to ACTIVE on abort. */
    DELETING
}
