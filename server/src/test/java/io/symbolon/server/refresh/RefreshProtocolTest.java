package io.symbolon.server.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.server.backup.EpochPin;
import io.symbolon.server.backup.SnapshotBarrier;
import io.symbolon.server.replay.MessageStamp;
import io.symbolon.server.replay.ReplayGuard;
import io.symbolon.server.testing.VaultPair;
import io.symbolon.vault.node.RefreshPhase;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.ShareScheme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh protocol between two vaults in one process: the happy path, the pin, a Partner away. */
class RefreshProtocolTest {
    @TempDir
    Path directory;

    private VaultPair pair;
    private final EpochPin epPin = new EpochPin();
    private final EpochPin partnerPin = new EpochPin();
    private PartnerRefresh partnerRefresh;
    private DirectPeer peer;
    private final List<ObjectUid> uids = new ArrayList<>();
    private final List<byte[]> secrets = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** The Partner reached directly; it can be made unreachable. */
    static final class DirectPeer implements RefreshPeer {
        final PartnerRefresh partner;
        final List<RefreshMessages.Begin> begins = new ArrayList<>();
        /** The Partner answers its status but never receives a begin: it went away in between. */
        volatile boolean away;

        DirectPeer(PartnerRefresh partner) {
            this.partner = partner;
        }

        @Override
        public RefreshMessages.Status status() {
            return partner.status();
        }

        @Override
        public RefreshMessages.Status begin(RefreshMessages.Begin begin) {
            if (away) {
                throw new SymbolonException(ErrorCode.PEER_UNAVAILABLE, "the Partner is unavailable (test)");
            }
            begins.add(begin);
            return partner.begin(begin);
        }
    }

    @BeforeEach
    void open() {
        pair = new VaultPair(directory);
        partnerRefresh = new PartnerRefresh(pair.partner, partnerPin, new ReplayGuard(pair.clock), settings(0));
        opened.add(partnerRefresh);
        peer = new DirectPeer(partnerRefresh);
        for (int i = 0; i < 9; i++) {
            ObjectType type = List.of(ObjectType.AES_256, ObjectType.ED25519, ObjectType.EC_P256)
                    .get(i % 3);
            try (SecretBytes secret = ShareScheme.of(type).randomShare(32, pair.random)) {
                uids.add(pair.put("key" + i, type, secret, Set.of(Usage.SIGN)).uid());
                secrets.add(secret.copy());
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        pair.close();
    }

    private static RefreshSettings settings(long intervalSeconds) {
        return new RefreshSettings(Duration.ofSeconds(intervalSeconds), 4);
    }

    private RefreshCoordinator coordinator(long intervalSeconds) {
        RefreshCoordinator coordinator = new RefreshCoordinator(
                pair.ep, peer, epPin, new SnapshotBarrier(), settings(intervalSeconds), pair.clock, pair.random);
        opened.add(coordinator);
        coordinator.start();
        return coordinator;
    }

    private void assertEveryKeyIntactAt(long epoch) {
        assertThat(pair.ep.node().currentEpoch()).isEqualTo(epoch);
        assertThat(pair.partner.node().currentEpoch()).isEqualTo(epoch);
        assertThat(pair.ep.node().refresh().phase()).isEqualTo(RefreshPhase.IDLE);
        assertThat(pair.partner.node().refresh().phase()).isEqualTo(RefreshPhase.IDLE);
        for (int i = 0; i < uids.size(); i++) {
            assertThat(pair.ep.find(uids.get(i)).orElseThrow().epoch()).isEqualTo(epoch);
            try (SecretBytes whole = pair.combined(uids.get(i))) {
                assertThat(whole.reveal()).isEqualTo(secrets.get(i));
            }
        }
    }

    private static void awaitCompleted(RefreshCoordinator coordinator, long epoch) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> coordinator.current().isEmpty()
                        && coordinator
                                .last()
                                .filter(run -> run.targetEpoch() == epoch)
                                .isPresent());
        assertThat(coordinator.last().orElseThrow().state())
                .as(String.valueOf(coordinator.last()))
                .isEqualTo("COMPLETED");
    }

    @Test
    void refreshOnDemandMovesBothNodesToTheNextEpochWithEveryKeyIntact() {
        byte[] staleEpShare;
        try (SecretBytes share = pair.ep.readShare(uids.get(1))) {
            staleEpShare = share.copy();
        }
        RefreshCoordinator coordinator = coordinator(0);
        RefreshRun run = coordinator.requestNow();
        assertThat(run.fromEpoch()).isZero();
        assertThat(run.targetEpoch()).isEqualTo(1);
        awaitCompleted(coordinator, 1);
        assertEveryKeyIntactAt(1);
        assertThat(coordinator.last().orElseThrow().epRows()).isEqualTo(9);
        // A share from epoch 0 is useless with the Partner's share at epoch 1.
        try (SecretBytes stale = SecretBytes.adopt(staleEpShare);
                SecretBytes partnerShare = pair.partner.readShare(uids.get(1));
                SecretBytes mixed = ScalarScheme.ED25519.combine(stale, partnerShare)) {
            assertThat(mixed.reveal()).isNotEqualTo(secrets.get(1));
        }

        coordinator.requestNow();
        awaitCompleted(coordinator, 2);
        assertEveryKeyIntactAt(2);
    }

    @Test
    void theScheduleRefreshesOnItsOwnAndWaitsForABackupToReleaseTheEpoch() {
        epPin.pin("0123456789abcdef");
        RefreshCoordinator coordinator = coordinator(1);
        assertThatThrownBy(coordinator::requestNow)
                .satisfies(e -> assertThat(((SymbolonException) e).errorCode()).isEqualTo(ErrorCode.BACKUP_RUNNING));
        // Due after a second, postponed while the backup holds the epoch.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(pair.ep.node().currentEpoch()).isZero();
        epPin.unpin("0123456789abcdef");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> pair.partner.node().currentEpoch() >= 1
                        && pair.ep.node().currentEpoch() >= 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> coordinator.last().isPresent());
        assertThat(coordinator.last().orElseThrow().trigger()).isEqualTo(RefreshCoordinator.TRIGGER_SCHEDULED);
    }

    @Test
    void aPartnerAwayWhenTheSeedIsSentLeavesEpDecidedButUnchangedUntilItReturns() {
        peer.away = true;
        RefreshCoordinator coordinator = coordinator(0);
        coordinator.requestNow();
        await().atMost(Duration.ofSeconds(30)).until(() -> coordinator.last().isPresent());
        assertThat(coordinator.last().orElseThrow().state()).isEqualTo("FAILED");
        // EP decided (its seed is stored) but rewrote nothing before the Partner had the seed too.
        assertThat(pair.ep.node().refresh().phase()).isEqualTo(RefreshPhase.REWRITING);
        for (ObjectUid uid : uids) {
            assertThat(pair.ep.find(uid).orElseThrow().epoch()).isZero();
        }
        assertThat(pair.partner.node().refresh().phase()).isEqualTo(RefreshPhase.IDLE);
        // EP is half-way (decided): no backup may pin it until the refresh has finished.
        assertThatThrownBy(() -> epPin.pin("0123456789abcdef"))
                .satisfies(e -> assertThat(((SymbolonException) e).errorCode()).isEqualTo(ErrorCode.CONFLICT));

        peer.away = false;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> coordinator
                        .last()
                        .filter(run -> run.trigger().equals(RefreshCoordinator.TRIGGER_RECOVERY))
                        .filter(run -> run.state().equals("COMPLETED"))
                        .isPresent());
        assertThat(epPin.isPinned()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !partnerPin.isPinned());
        assertEveryKeyIntactAt(1);
    }

    @Test
    void thePartnerRefusesAReplayedBeginAndAnotherSeedWhileRewriting() {
        RefreshCoordinator coordinator = coordinator(0);
        coordinator.requestNow();
        awaitCompleted(coordinator, 1);
        RefreshMessages.Begin captured = peer.begins.getLast();
        assertThatThrownBy(() -> partnerRefresh.begin(captured))
                .hasMessageContaining("a replay")
                .satisfies(e -> assertThat(((SymbolonException) e).errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        // Restamped, the same decision is acknowledged as done (idempotent), never applied twice.
        RefreshMessages.Status again = partnerRefresh.begin(new RefreshMessages.Begin(
                MessageStamp.fresh(pair.random, pair.clock), captured.pairId(), 1, captured.seed()));
        assertThat(again.epoch()).isEqualTo(1);
        assertEveryKeyIntactAt(1);
        // A target that is not the Partner's next epoch is refused.
        assertThatThrownBy(() -> partnerRefresh.begin(new RefreshMessages.Begin(
                        MessageStamp.fresh(pair.random, pair.clock),
                        captured.pairId(),
                        5,
                        Base64.getEncoder().encodeToString(new byte[32]))))
                .satisfies(e -> assertThat(((SymbolonException) e).errorCode()).isEqualTo(ErrorCode.EPOCH_MISMATCH));
        assertThatThrownBy(() -> partnerRefresh.begin(new RefreshMessages.Begin(
                        MessageStamp.fresh(pair.random, pair.clock),
                        "ffffffffffffffff",
                        2,
                        Base64.getEncoder().encodeToString(new byte[32]))))
                .satisfies(e -> assertThat(((SymbolonException) e).errorCode()).isEqualTo(ErrorCode.FOREIGN_PAIR));
    }
}
