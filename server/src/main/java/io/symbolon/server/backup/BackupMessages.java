package io.symbolon.server.backup;

import java.time.Instant;
import java.util.List;

/**
 * The backup messages of the pair channel (JSON over the pinned mutual-TLS channel, EP the client, the
 * Partner the server), beside the object messages of {@code pair.PairMessages}.
 *
 * <pre>
 * POST   /pair/v1/backups                      Start   → Started   (the Partner's snapshot is open)
 * GET    /pair/v1/backups/{id}                         → Status
 * GET    /pair/v1/backups/{id}/digest                  → the digest member of its archive, as stored
 * DELETE /pair/v1/backups/{id}?discard=true|false      → 204       (forget the backup; discard its archive)
 * POST   /pair/v1/backups/prune                Prune   → Pruned    (remove archives under EP's retention)
 * </pre>
 *
 * Nothing secret crosses: the Partner hands EP its metadata, its signature and its digest, all public
 * members of its archive.
 */
public final class BackupMessages {
    private BackupMessages() {}

    public static final String PATH = "/pair/v1/backups";

    /**
     * EP asks the Partner to back up now.
     *
     * @param id the coordinated backup's id
     * @param created the backup's time; names both archives
     * @param pairHostnames as EP writes them
     * @param epoch the epoch of EP's snapshot, which the Partner's must equal
     */
    public record Start(String id, Instant created, List<String> pairHostnames, long epoch) {}

    /** The Partner's snapshot is open: {@code records} to write at {@code epoch}. */
    public record Started(long epoch, long records) {}

    /** The Partner's side of a backup. */
    public enum Phase {
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * Where the Partner's side stands.
     *
     * @param id the backup
     * @param phase RUNNING, DONE or FAILED
     * @param recordsDone records written
     * @param recordsTotal records to write
     * @param file the archive's name (when DONE)
     * @param size its size in bytes (when DONE)
     * @param metadata the archive's metadata member, base64 (when DONE)
     * @param signature the archive's signature member, base64 (when DONE)
     * @param reason why it FAILED
     */
    public record Status(
            String id,
            Phase phase,
            long recordsDone,
            long recordsTotal,
            String file,
            Long size,
            String metadata,
            String signature,
            String reason) {}

    /** EP asks the Partner to remove these archives (names only) from its backup folder. */
    public record Prune(List<String> files) {}

    /** What became of each archive of a {@link Prune}, in the same order. */
    public record Pruned(List<BackupFolder.Removal> files) {}
}
