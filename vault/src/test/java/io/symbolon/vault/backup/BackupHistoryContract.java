package io.symbolon.vault.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StorageConfig;
import io.symbolon.vault.storage.StorageFixture;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do with the backup history (run on SQLite and on PostgreSQL). */
abstract class BackupHistoryContract {
    private static final Instant START = Instant.parse("2026-11-23T12:11:37Z");

    private JdbcStorage storage;
    private BackupHistory history;

    protected abstract StorageConfig freshDatabase();

    @BeforeEach
    void open() {
        storage = JdbcStorage.open(freshDatabase(), StorageFixture.CLOCK);
        history = storage.backupHistory();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static BackupRun run(String id, Instant started) {
        return BackupRun.started(
                id, "api", started, "database_x.tar.gz", List.of("EP : ep1", "Partner : partner1"), "0.1.0");
    }

    @Test
    void keepsABackupFromStartToItsResult() {
        BackupRun started = run("7271a7e8ea24b369", START);
        history.insert(started);
        assertThat(history.find("7271a7e8ea24b369")).contains(started);

        BackupRun finished = started.withEpoch(3)
                .withEpArchive(90, 12345)
                .withPartnerArchive(89, 12001)
                .finish(
                        BackupState.TEST_FAILED,
                        START.plusSeconds(1),
                        Optional.empty(),
                        Optional.of("{\"diffRecords\":[]}"));
        history.update(finished);

        BackupRun read = history.find("7271a7e8ea24b369").orElseThrow();
        assertThat(read).isEqualTo(finished);
        assertThat(read.epoch()).isEqualTo(OptionalLong.of(3));
        assertThat(read.pairHostnames()).containsExactly("EP : ep1", "Partner : partner1");
        assertThat(history.find("0000000000000000")).isEmpty();
    }

    @Test
    void keepsWarningsAndWhenTheArchivesWerePruned() {
        BackupRun finished = run("7271a7e8ea24b36a", START)
                .finish(BackupState.TEST_SUCCESS, START.plusSeconds(1), Optional.empty(), Optional.empty())
                .withWarnings(List.of("both halves are encrypted to the same recipient SHA256:x", "second warning"));
        history.insert(finished);
        assertThat(history.find(finished.id())).contains(finished);

        BackupRun pruned = finished.prunedAt(START.plusSeconds(86_400));
        history.update(pruned);

        BackupRun read = history.find(finished.id()).orElseThrow();
        assertThat(read.warnings())
                .containsExactly("both halves are encrypted to the same recipient SHA256:x", "second warning");
        assertThat(read.pruned()).contains(START.plusSeconds(86_400));
        assertThat(run("7271a7e8ea24b36b", START).warnings()).isEmpty();
    }

    @Test
    void listsNewestFirstAndFindsTheLatestOfAState() {
        history.insert(run("0000000000000001", START));
        history.insert(run("0000000000000002", START.plusSeconds(10)));
        history.insert(run("0000000000000003", START.plusSeconds(20)));
        history.update(run("0000000000000002", START.plusSeconds(10))
                .finish(BackupState.TEST_SUCCESS, START.plusSeconds(11), Optional.empty(), Optional.empty()));

        assertThat(history.recent(10))
                .extracting(BackupRun::id)
                .containsExactly("0000000000000003", "0000000000000002", "0000000000000001");
        assertThat(history.recent(1)).extracting(BackupRun::id).containsExactly("0000000000000003");
        assertThat(history.latest(BackupState.TEST_SUCCESS)).map(BackupRun::id).contains("0000000000000002");
        assertThat(history.latest(BackupState.FAILED)).isEmpty();
    }

    @Test
    void endsBackupsLeftUnfinishedByAStop() {
        history.insert(run("0000000000000001", START));
        history.insert(run("0000000000000002", START.plusSeconds(10)));
        history.update(run("0000000000000002", START.plusSeconds(10))
                .finish(BackupState.TEST_SUCCESS, START.plusSeconds(11), Optional.empty(), Optional.empty()));

        assertThat(history.failUnfinished(START.plusSeconds(60), "EP stopped")).isEqualTo(1);

        BackupRun failed = history.find("0000000000000001").orElseThrow();
        assertThat(failed.state()).isEqualTo(BackupState.FAILED);
        assertThat(failed.reason()).contains("EP stopped");
        assertThat(failed.finished()).contains(START.plusSeconds(60));
        assertThat(history.find("0000000000000002").orElseThrow().state()).isEqualTo(BackupState.TEST_SUCCESS);
    }

    @Test
    void refusesATakenIdAndAnUnknownOne() {
        history.insert(run("0000000000000001", START));
        assertThatThrownBy(() -> history.insert(run("0000000000000001", START)))
                .isInstanceOf(SymbolonException.class)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThatThrownBy(() -> history.update(run("0000000000000009", START)))
                .isInstanceOf(SymbolonException.class)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }
}
