/**
 * A node's backup as the vault sees it: the record encoding of partitions, users and objects inside an
 * archive ({@link io.symbolon.vault.backup.RecordCodec}, ARCHIVE-FORMAT.md appendix A), their digest
 * entries ({@link io.symbolon.vault.backup.BackupDigest}), the export of a snapshot into an archive
 * ({@link io.symbolon.vault.backup.VaultExporter}), the restore of an archive into a new node ({@link
 * io.symbolon.vault.backup.VaultRestorer}) and the history of coordinated backups ({@link
 * io.symbolon.vault.backup.BackupHistory}).
 */
package io.symbolon.vault.backup;
