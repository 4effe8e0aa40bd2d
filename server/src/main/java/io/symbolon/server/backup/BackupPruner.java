package io.symbolon.server.backup;

import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.vault.backup.BackupHistory;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.node.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EP's retention (seed 000's automatic backup, issue 5 §4): after each coordinated backup that wrote its
 * archives (TEST_SUCCESS or TEST_FAILED), the archives of the backups beyond {@link BackupRetention} go
 * from both nodes — EP's half from its own
 * backup folder, the Partner's from its folder at EP's request over the pair channel. Only archives of
 * backups in EP's history are ever named, never the newest TEST_SUCCESS one; a backup is marked pruned
 * once its file is gone from both nodes, and tried again after the next backup otherwise. Nothing here
 * fails the backup: failures are logged, counted and shown in the status.
 */
final class BackupPruner {
    private static final Logger LOG = LoggerFactory.getLogger(BackupPruner.class);
    /** Enough for years of daily backups; the history is small rows. */
    private static final int HISTORY_LIMIT = 100_000;

    private final DataDirectory directory;
    private final BackupPeer peer;
    private final BackupHistory history;
    private final BackupHealth health;
    private final Clock clock;

    BackupPruner(DataDirectory directory, BackupPeer peer, BackupHistory history, BackupHealth health, Clock clock) {
        this.directory = directory;
        this.peer = peer;
        this.history = history;
        this.health = health;
        this.clock = clock;
    }

    /** Prunes under the current settings; never throws. */
    void prune() {
        Instant now = clock.instant();
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            BackupSettings settings = BackupSettings.read(directory);
            List<BackupRun> doomed = settings.retention().prune(history.recent(HISTORY_LIMIT), now);
            if (doomed.isEmpty()) {
                return;
            }
            List<String> files = doomed.stream().map(BackupRun::file).toList();
            List<BackupFolder.Removal> ours = files.stream()
                    .map(file -> BackupFolder.remove(settings.folder(), file))
                    .toList();
            List<BackupFolder.Removal> theirs;
            try {
                theirs = peer.prune(files);
                if (theirs.size() != files.size()) {
                    throw new IllegalStateException(
                            "the Partner answered for " + theirs.size() + " of " + files.size());
                }
            } catch (SymbolonException | IllegalStateException e) {
                String why = "the Partner could not prune: " + e.getMessage();
                theirs = files.stream()
                        .map(file -> new BackupFolder.Removal(file, BackupFolder.Outcome.FAILED, why))
                        .toList();
            }
            for (int i = 0; i < doomed.size(); i++) {
                BackupRun run = doomed.get(i);
                BackupFolder.Removal ep = ours.get(i);
                BackupFolder.Removal partner = theirs.get(i);
                note(Role.EP, ep, removed, failures);
                note(Role.PARTNER, partner, removed, failures);
                if (ep.gone() && partner.gone()) {
                    history.update(run.prunedAt(now));
                }
            }
            LOG.info(
                    "retention applied retention=\"{}\" backups={} removed={} failures={}",
                    settings.retention().describe(),
                    doomed.size(),
                    removed.size(),
                    failures.size());
        } catch (RuntimeException e) {
            LOG.warn("cannot apply the retention reason=\"{}\"", e.getMessage());
            failures.add("the retention could not be applied: " + e.getMessage());
        }
        health.pruned(new BackupHealth.Prune(now, removed, failures));
    }

    private static void note(Role role, BackupFolder.Removal removal, List<String> removed, List<String> failures) {
        String where = role.displayName() + " : " + removal.file();
        if (removal.gone()) {
            removed.add(where);
        } else {
            failures.add(where + ": " + removal.reason());
            LOG.warn(
                    "archive not pruned node={} file={} reason=\"{}\"",
                    role.displayName(),
                    removal.file(),
                    removal.reason());
        }
    }
}
