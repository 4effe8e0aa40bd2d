package io.symbolon.vault;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.ObjectFingerprint;
import io.symbolon.vault.object.VaultObject;

/**
 * One object of a backup snapshot with this node's share in clear, for the archive to encrypt. Close it
 * (or the share) as soon as the share is written.
 *
 * @param object the object
 * @param fingerprint its fingerprint, for the digest
 * @param share this node's share, unsealed
 */
public record SnapshotEntry(VaultObject object, ObjectFingerprint fingerprint, SecretBytes share)
        implements AutoCloseable {
    @Override
    public void close() {
        share.close();
    }

    @Override
    public String toString() {
        return "SnapshotEntry[" + object.uid() + ", share redacted]";
    }
}
