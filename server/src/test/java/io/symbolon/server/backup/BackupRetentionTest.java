package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveName;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.backup.BackupState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which archives the retention removes: never the newest TEST_SUCCESS, only backups that left archives. */
class BackupRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    /** A history, newest first, of backups one day apart ending in the given states (newest first). */
    private static List<BackupRun> history(BackupState... states) {
        List<BackupRun> runs = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            Instant started = NOW.minus(Duration.ofDays(i)).minusSeconds(60);
            BackupRun run = BackupRun.started(
                    HexFormat.of().toHexDigits((long) i), "schedule", started, ArchiveName.at(started), List.of(), "1");
            runs.add(
                    states[i] == BackupState.IN_PROGRESS
                            ? run
                            : run.finish(states[i], started.plusSeconds(30), Optional.empty(), Optional.empty()));
        }
        return runs;
    }

    private static List<String> pruned(BackupRetention retention, List<BackupRun> history) {
        return retention.prune(history, NOW).stream().map(BackupRun::id).toList();
    }

    private static String id(int i) {
        return HexFormat.of().toHexDigits((long) i);
    }

    private static final BackupState S = BackupState.TEST_SUCCESS;
    private static final BackupState T = BackupState.TEST_FAILED;
    private static final BackupState F = BackupState.FAILED;

    @Test
    void keepsTheNewestCountAndRemovesTheRest() {
        BackupRetention three = new BackupRetention(OptionalInt.of(3), OptionalInt.empty());
        assertThat(pruned(three, history(S, S, S, S, S))).containsExactly(id(3), id(4));
    }

    @Test
    void alwaysKeepsTheNewestSuccessEvenBeyondTheCount() {
        BackupRetention two = new BackupRetention(OptionalInt.of(2), OptionalInt.empty());
        assertThat(pruned(two, history(T, T, T, S, S))).containsExactly(id(2), id(4));
        BackupRetention one = new BackupRetention(OptionalInt.of(1), OptionalInt.empty());
        assertThat(pruned(one, history(T, S))).isEmpty();
    }

    @Test
    void countsOnlyBackupsThatLeftArchives() {
        BackupRetention two = new BackupRetention(OptionalInt.of(2), OptionalInt.empty());
        assertThat(pruned(two, history(BackupState.IN_PROGRESS, F, S, F, S, S))).containsExactly(id(5));
    }

    @Test
    void neitherCountsNorRemovesWhatWasAlreadyPruned() {
        List<BackupRun> runs = new ArrayList<>(history(S, S, S, S));
        runs.set(1, runs.get(1).prunedAt(NOW));
        BackupRetention two = new BackupRetention(OptionalInt.of(2), OptionalInt.empty());
        assertThat(pruned(two, runs)).containsExactly(id(3));
    }

    @Test
    void keepsWhatEitherTheCountOrTheDaysKeep() {
        List<BackupRun> runs = history(S, S, S, S, S, S);
        BackupRetention days = new BackupRetention(OptionalInt.empty(), OptionalInt.of(3));
        assertThat(pruned(days, runs)).containsExactly(id(3), id(4), id(5));
        BackupRetention both = new BackupRetention(OptionalInt.of(5), OptionalInt.of(3));
        assertThat(pruned(both, runs)).containsExactly(id(5));
        BackupRetention daysKeepMore = new BackupRetention(OptionalInt.of(1), OptionalInt.of(3));
        assertThat(pruned(daysKeepMore, runs)).containsExactly(id(3), id(4), id(5));
    }

    @Test
    void withoutSettingsKeepsEverything() {
        assertThat(pruned(BackupRetention.none(), history(S, S, S, T, T))).isEmpty();
        assertThat(BackupRetention.none().describe()).isEqualTo("keep every archive");
    }

    @Test
    void refusesToKeepNothing() {
        assertThatThrownBy(() -> new BackupRetention(OptionalInt.of(0), OptionalInt.empty()))
                .hasMessageContaining("retention.count must be at least 1");
        assertThatThrownBy(() -> new BackupRetention(OptionalInt.empty(), OptionalInt.of(0)))
                .hasMessageContaining("retention.days must be at least 1");
    }
}
