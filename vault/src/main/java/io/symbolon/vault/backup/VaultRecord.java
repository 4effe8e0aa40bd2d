package io.symbolon.vault.backup;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;

/**
 * One record of a node's backup as the vault reads it back (ARCHIVE-FORMAT.md, appendix A "Vault
 * records"): a partition, a partition user, or an object with this node's share. Closing a record wipes
 * the share it holds, if any.
 */
public sealed interface VaultRecord extends AutoCloseable {

    @Override
    default void close() {}

    /** A partition (both nodes hold every partition). */
    record PartitionRecord(Partition partition) implements VaultRecord {}

    /** A partition user with the hash of its password (EP only). */
    record UserRecord(PartitionUser user) implements VaultRecord {}

    /** An object and this node's share of it, in clear: it only ever exists inside the encrypted payload. */
    record ObjectRecord(VaultObject object, SecretBytes share) implements VaultRecord {
        @Override
        public void close() {
            share.close();
        }

        @Override
        public String toString() {
            return "ObjectRecord[" + object.uid() + ", share redacted]";
        }
    }
}
