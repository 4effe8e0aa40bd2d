-- Symbolon vault schema, version 3: what the backup history adds for scheduled backups (issue 5, §4).
-- warnings:  what the operator should know about a backup that worked, one per line (e.g. both halves
--            encrypted to the same recipient); NULL when none.
-- pruned_at: when the backup's archives were removed from both nodes' backup folders under the
--            retention (milliseconds since 1970-01-01 UTC); NULL while they are kept.
ALTER TABLE backup_history ADD COLUMN warnings TEXT;
ALTER TABLE backup_history ADD COLUMN pruned_at BIGINT;
