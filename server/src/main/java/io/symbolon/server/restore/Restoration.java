package io.symbolon.server.restore;

import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.storage.Storage;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What a boot with {@code -restore} brings (seeds 000 and 002): one node's verified archive, its role,
 * pair and epoch. The boot takes the archive's pair id, tells the peer at the certificate exchange which
 * pair and epoch it restores (both halves must agree before anything is imported), and then imports the
 * archive into the new database instead of creating an empty root partition.
 */
public interface Restoration {
    /** The role the archive was written by; the boot refuses any other. */
    Role role();

    /** The pair the archive belongs to; the restored node takes it. */
    String pairId();

    /** The epoch the archive was taken at; the restored node starts at it. */
    long epoch();

    /**
     * Imports the archive into the database of the node being booted (its settings recorded, nothing
     * else), in one transaction that re-seals every share under {@code systemKey}.
     */
    void importInto(Storage storage, SystemKey systemKey, Clock clock, SecureRandom random);
}
