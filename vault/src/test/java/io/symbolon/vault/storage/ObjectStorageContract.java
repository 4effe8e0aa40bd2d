package io.symbolon.vault.storage;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static io.symbolon.vault.testing.SampleObjects.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.testing.SampleObjects;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Creating, reading, listing and deleting objects. */
interface ObjectStorageContract extends StorageFixture {
    @Test
    default void findsAnObjectByUidAndByNameExactlyAsStored() {
        StoredObject stored = row(aes256(0x0063858a832dc39aL, PARTITION, "256AES", 3), ObjectState.ACTIVE);
        storage().insert(stored);

        assertThat(storage().find(stored.uid())).contains(stored);
        assertThat(storage().findByName(PARTITION, "256AES")).contains(stored);
        assertThat(storage().find(new ObjectUid(1))).isEmpty();
    }

    @Test
    default void readsNonAsciiNamesAndLabelsBackExactlyOnEveryReadPath() {
        String name = "naïve 𝄞 ключ \\N \"quoted\" 鍵";
        VaultObject plain = aes256(0x0044444444444444L, PARTITION, name, 0);
        VaultObject object = new VaultObject(
                plain.uid(),
                PARTITION,
                name,
                plain.type(),
                plain.version(),
                plain.epoch(),
                new Attributes(
                        "étiquette ü\\t € 🔑",
                        "0a0b",
                        false,
                        true,
                        plain.attributes().usages(),
                        plain.attributes().created(),
                        plain.attributes().activation(),
                        plain.attributes().deactivation()),
                plain.publicData());
        StoredObject stored = row(object, ObjectState.ACTIVE);
        storage().insert(stored);

        assertThat(storage().find(stored.uid())).contains(stored);
        assertThat(storage().findByName(PARTITION, name)).contains(stored);
        assertThat(storage().list(ObjectQuery.allActive(10)).objects()).containsExactly(stored);
        try (Snapshot snapshot = storage().snapshot();
                ObjectCursor objects = snapshot.objects()) {
            assertThat(objects.hasNext()).isTrue();
            assertThat(objects.next()).isEqualTo(stored);
            assertThat(objects.hasNext()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(ObjectType.class)
    default void roundTripsEveryObjectType(ObjectType type) {
        StoredObject stored =
                row(SampleObjects.ofType(type, 42, PARTITION, "a " + type.label(), 0), ObjectState.ACTIVE);
        storage().insert(stored);
        assertThat(storage().find(stored.uid())).contains(stored);
    }

    @Test
    default void refusesASecondObjectOfTheSameNameInOnePartition() {
        storage().insert(row(aes256(1, PARTITION, "same", 0), ObjectState.ACTIVE));

        assertThatThrownBy(() -> storage().insert(row(aes256(2, PARTITION, "same", 0), ObjectState.PENDING)))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("'same'").contains(PARTITION);
                });
        assertThat(storage().find(new ObjectUid(2))).isEmpty();
    }

    @Test
    default void allowsOneNameInTwoPartitions() {
        storage().createPartition(new Partition("part2", CLOCK.instant()));
        storage().insert(row(aes256(1, PARTITION, "same", 0), ObjectState.ACTIVE));
        storage().insert(row(aes256(2, "part2", "same", 0), ObjectState.ACTIVE));
        assertThat(storage().count(ObjectState.ACTIVE)).isEqualTo(2);
    }

    @Test
    default void countsTheObjectsInEachState() {
        storage().insert(row(aes256(1, PARTITION, "active-1", 0), ObjectState.ACTIVE));
        storage().insert(row(aes256(2, PARTITION, "pending-1", 0), ObjectState.PENDING));
        storage().insert(row(aes256(3, PARTITION, "active-2", 0), ObjectState.ACTIVE));
        storage().insert(row(aes256(4, PARTITION, "deleting-1", 0), ObjectState.DELETING));
        storage().insert(row(aes256(5, PARTITION, "pending-2", 0), ObjectState.PENDING));
        storage().insert(row(aes256(6, PARTITION, "active-3", 0), ObjectState.ACTIVE));

        assertThat(storage().count(ObjectState.ACTIVE)).isEqualTo(3);
        assertThat(storage().count(ObjectState.PENDING)).isEqualTo(2);
        assertThat(storage().count(ObjectState.DELETING)).isEqualTo(1);
    }

    @Test
    default void refusesATakenUid() {
        storage().insert(row(aes256(1, PARTITION, "first", 0), ObjectState.ACTIVE));
        assertThatThrownBy(() -> storage().insert(row(aes256(1, PARTITION, "second", 0), ObjectState.ACTIVE)))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains(new ObjectUid(1).toString());
                });
    }

    @Test
    default void refusesAnObjectInAMissingPartition() {
        assertThatThrownBy(() -> storage().insert(row(aes256(1, "nowhere", "key", 0), ObjectState.ACTIVE)))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("nowhere");
                });
    }

    @Test
    default void letsExactlyOneOfConcurrentCreationsOfOneNameWin() throws Exception {
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 1; i <= contenders; i++) {
            long uid = i;
            attempts.add(() -> {
                start.await();
                try {
                    storage().insert(row(aes256(uid, PARTITION, "contested", 0), ObjectState.PENDING));
                    return true;
                } catch (SymbolonException e) {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> attempt : attempts) {
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(storage().count(ObjectState.PENDING)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void movesAnObjectThroughItsStatesOnlyFromTheExpectedOne() {
        ObjectUid uid = new ObjectUid(9);
        storage().insert(row(aes256(9, PARTITION, "two-phase", 0), ObjectState.PENDING));
        Instant later = CLOCK.instant().plusSeconds(5);

        assertThat(storage().changeState(uid, ObjectState.ACTIVE, ObjectState.DELETING, later))
                .isFalse();
        assertThat(storage().changeState(uid, ObjectState.PENDING, ObjectState.ACTIVE, later))
                .isTrue();
        assertThat(storage().find(uid).orElseThrow().state()).isEqualTo(ObjectState.ACTIVE);
        assertThat(storage().find(uid).orElseThrow().stateChanged()).isEqualTo(later);
        assertThat(storage().delete(uid, ObjectState.DELETING)).isFalse();
        assertThat(storage().changeState(uid, ObjectState.ACTIVE, ObjectState.DELETING, later))
                .isTrue();
        assertThat(storage().delete(uid, ObjectState.DELETING)).isTrue();
        assertThat(storage().find(uid)).isEmpty();
        assertThat(storage().changeState(uid, ObjectState.PENDING, ObjectState.ACTIVE, later))
                .isFalse();
    }

    @Test
    default void deletesAnObjectInAnyStateWhenAskedTo() {
        storage().insert(row(aes256(5, PARTITION, "partial", 0), ObjectState.PENDING));
        assertThat(storage().delete(new ObjectUid(5))).isTrue();
        assertThat(storage().delete(new ObjectUid(5))).isFalse();
    }

    @Test
    default void replacesAnObjectOnlyAtTheVersionItWasReadAt() {
        StoredObject original = row(aes256(3, PARTITION, "versioned", 0), ObjectState.ACTIVE);
        storage().insert(original);
        VaultObject changed =
                original.object().withAttributes(original.object().attributes().withExtractable(true));
        StoredObject updated =
                new StoredObject(changed, ObjectState.ACTIVE, SampleObjects.randomBytes(48), CLOCK.instant());

        assertThat(storage().replace(updated, 1)).isTrue();
        assertThat(storage().replace(updated, 1)).isFalse();
        assertThat(storage().find(original.uid())).contains(updated);
        assertThat(updated.object().version()).isEqualTo(2);
    }

    @Test
    default void listsPageByPageInUidOrderWithoutGapsOrRepeats() {
        storage().createPartition(new Partition("part2", CLOCK.instant()));
        SecureRandom random = new SecureRandom();
        List<StoredObject> active = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            String partition = i % 3 == 0 ? "part2" : PARTITION;
            StoredObject stored =
                    row(aes256(ObjectUid.random(random).value(), partition, "key" + i, 0), ObjectState.ACTIVE);
            storage().insert(stored);
            active.add(stored);
        }
        storage().insert(row(aes256(ObjectUid.random(random).value(), PARTITION, "pending", 0), ObjectState.PENDING));
        active.sort(Comparator.comparing(StoredObject::uid));

        assertThat(collect(ObjectQuery.allActive(40))).containsExactlyElementsOf(active);
        assertThat(collect(ObjectQuery.activeIn("part2", 7)))
                .containsExactlyElementsOf(active.stream()
                        .filter(o -> o.object().partition().equals("part2"))
                        .toList());
        assertThat(collect(new ObjectQuery(Optional.empty(), ObjectState.PENDING, Optional.empty(), 10)))
                .extracting(o -> o.object().name())
                .containsExactly("pending");
    }

    private List<StoredObject> collect(ObjectQuery first) {
        List<StoredObject> all = new ArrayList<>();
        ObjectPage page = storage().list(first);
        all.addAll(page.objects());
        while (page.next().isPresent()) {
            assertThat(page.objects()).hasSize(first.limit());
            page = storage().list(first.after(page.next().get()));
            all.addAll(page.objects());
        }
        return all;
    }

    @Test
    default void streamsEveryObjectAcrossPages() {
        for (int i = 1; i <= 25; i++) {
            storage().insert(row(aes256(i, PARTITION, "key" + i, 0), ObjectState.ACTIVE));
        }
        List<Long> uids = new ArrayList<>();
        storage().stream(ObjectQuery.allActive(4))
                .forEachRemaining(o -> uids.add(o.uid().value()));
        assertThat(uids).hasSize(25).isSorted();
    }

    @Test
    default void findsOperationsThePeerNeverConfirmedOldestFirst() {
        Instant now = CLOCK.instant();
        storage()
                .insert(new StoredObject(
                        aes256(1, PARTITION, "old pending", 0),
                        ObjectState.PENDING,
                        new byte[48],
                        now.minus(Duration.ofHours(2))));
        storage()
                .insert(new StoredObject(
                        aes256(2, PARTITION, "older deleting", 0),
                        ObjectState.DELETING,
                        new byte[48],
                        now.minus(Duration.ofHours(3))));
        storage()
                .insert(new StoredObject(
                        aes256(3, PARTITION, "fresh pending", 0), ObjectState.PENDING, new byte[48], now));
        storage()
                .insert(new StoredObject(
                        aes256(4, PARTITION, "old active", 0),
                        ObjectState.ACTIVE,
                        new byte[48],
                        now.minus(Duration.ofHours(5))));

        assertThat(storage().unsettled(now.minus(Duration.ofMinutes(10)), 10))
                .extracting(o -> o.object().name())
                .containsExactly("older deleting", "old pending");
    }
}
