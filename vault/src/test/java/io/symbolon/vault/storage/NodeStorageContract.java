package io.symbolon.vault.storage;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static io.symbolon.vault.testing.SampleObjects.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import org.junit.jupiter.api.Test;

/** The node's settings, partitions and users. */
interface NodeStorageContract extends StorageFixture {
    @Test
    default void remembersTheNodeItWasBootedAs() {
        assertThat(storage().node()).contains(StorageFixture.node(Role.EP));
        assertThat(emptyStorage().node()).isEmpty();
    }

    @Test
    default void refusesToBootTwice() {
        assertThatThrownBy(() -> storage().createNode(StorageFixture.node(Role.PARTNER)))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    default void forgetsTheSettingsOfAnUnfinishedBootSoTheDatabaseCanBeBootedAgain() {
        Storage unfinished = emptyStorage();
        unfinished.createNode(StorageFixture.node(Role.PARTNER));

        unfinished.abandonNode();

        assertThat(unfinished.node()).isEmpty();
        unfinished.createNode(StorageFixture.node(Role.EP));
        assertThat(unfinished.node()).contains(StorageFixture.node(Role.EP));
    }

    @Test
    default void refusesToForgetANodeThatHoldsData() {
        assertThatThrownBy(() -> storage().abandonNode())
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(storage().node()).contains(StorageFixture.node(Role.EP));
    }

    @Test
    default void updatesTheEpochAndRefreshStateAtomically() {
        NodeSettings updated =
                storage().updateNode(node -> node.withRefresh(RefreshState.rewriting(1, new byte[] {1, 2, 3})));
        assertThat(storage().node()).contains(updated);
        NodeSettings finished = storage().updateNode(NodeSettings::finishRefresh);
        assertThat(storage().node().orElseThrow().currentEpoch()).isEqualTo(1);
        assertThat(finished.refresh()).isEqualTo(RefreshState.IDLE);
    }

    @Test
    default void refusesToChangeTheRoleOfABootedNode() {
        assertThatThrownBy(() -> storage().updateNode(node -> StorageFixture.node(Role.PARTNER)))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(storage().node().orElseThrow().role()).isEqualTo(Role.EP);
    }

    @Test
    default void refusesAPartitionNameTwice() {
        assertThatThrownBy(() -> storage().createPartition(new Partition(PARTITION, CLOCK.instant())))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains(PARTITION);
                });
    }

    @Test
    default void listsPartitionsByName() {
        storage().createPartition(new Partition("alpha", CLOCK.instant()));
        assertThat(storage().partitions()).extracting(Partition::name).containsExactly("alpha", PARTITION);
        assertThat(storage().findPartition("alpha")).isPresent();
        assertThat(storage().findPartition("missing")).isEmpty();
    }

    @Test
    default void storesAndReplacesAUsersPasswordHash() {
        storage().putUser(new PartitionUser(PARTITION, "so", "$argon2id$first", true, CLOCK.instant()));
        storage().putUser(new PartitionUser(PARTITION, "alice", "$argon2id$alice", false, CLOCK.instant()));
        storage().putUser(new PartitionUser(PARTITION, "so", "$argon2id$second", true, CLOCK.instant()));

        assertThat(storage().findUser(PARTITION, "so").orElseThrow().passwordHash())
                .isEqualTo("$argon2id$second");
        assertThat(storage().users(PARTITION)).extracting(PartitionUser::user).containsExactly("alice", "so");
        assertThat(storage().deleteUser(PARTITION, "alice")).isTrue();
        assertThat(storage().findUser(PARTITION, "alice")).isEmpty();
    }

    @Test
    default void refusesAUserOfAMissingPartition() {
        assertThatThrownBy(() -> storage().putUser(new PartitionUser("missing", "so", "$x", true, CLOCK.instant())))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    default void deletesOnlyAnEmptyPartition() {
        storage().putUser(new PartitionUser(PARTITION, "so", "$x", true, CLOCK.instant()));
        storage().insert(row(aes256(7, PARTITION, "key", 0), ObjectState.ACTIVE));

        assertThatThrownBy(() -> storage().deletePartition(PARTITION))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT));

        storage().delete(new io.symbolon.vault.object.ObjectUid(7));
        assertThat(storage().deletePartition(PARTITION)).isTrue();
        assertThat(storage().partitions()).isEmpty();
        assertThat(storage().findUser(PARTITION, "so")).isEmpty();
    }
}
