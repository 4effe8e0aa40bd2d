package io.symbolon.server.backup;

import java.io.InputStream;
import java.util.List;

/**
 * The Partner's side of a coordinated backup as EP's job sees it; the pair channel ({@link
 * BackupPeerClient}) implements it. Failures are {@link io.symbolon.error.SymbolonException}s, as for
 * {@code objects.Partner}: {@code PEER_UNAVAILABLE} when the Partner cannot be reached.
 */
public interface BackupPeer {
    /** Has the Partner open its snapshot and start writing; returns once the snapshot is open. */
    BackupMessages.Started start(BackupMessages.Start start);

    /**
     * Where the Partner's half stands; while it is still being written, the Partner may hold the answer
     * up to {@code wait} for the write to end, so that EP learns of the end at once (a long poll).
     */
    BackupMessages.Status status(String id, java.time.Duration wait);

    /** The digest member of the Partner's archive, streamed; the caller closes it. */
    InputStream digest(String id);

    /** Lets the Partner forget the backup; with {@code discard}, remove its archive. */
    void finish(String id, boolean discard);

    /** Has the Partner remove these archives from its backup folder (retention); what became of each. */
    List<BackupFolder.Removal> prune(List<String> files);
}
