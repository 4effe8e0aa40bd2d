package io.symbolon.vault.storage;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static io.symbolon.vault.testing.SampleObjects.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.testing.FaultyStorage;
import io.symbolon.vault.testing.SampleObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Snapshots for backups, bulk imports for restores, share rewrites for refreshes. */
interface BulkStorageContract extends StorageFixture {
    private List<StoredObject> insertActive(int count, long firstUid) {
        List<StoredObject> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StoredObject stored = row(aes256(firstUid + i, PARTITION, "key" + (firstUid + i), 0), ObjectState.ACTIVE);
            storage().insert(stored);
            rows.add(stored);
        }
        return rows;
    }

    private static List<StoredObject> drain(Snapshot snapshot) {
        List<StoredObject> rows = new ArrayList<>();
        try (ObjectCursor cursor = snapshot.objects()) {
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    default void snapshotStreamsEveryActiveObjectInUidOrder() {
        List<StoredObject> active = insertActive(30, 100);
        storage().insert(row(aes256(50, PARTITION, "pending", 0), ObjectState.PENDING));
        storage().insert(row(aes256(60, PARTITION, "deleting", 0), ObjectState.DELETING));

        try (Snapshot snapshot = storage().snapshot()) {
            assertThat(snapshot.objectCount()).isEqualTo(30);
            assertThat(drain(snapshot)).containsExactlyElementsOf(active);
            assertThat(snapshot.node()).contains(StorageFixture.node(Role.EP));
            assertThat(snapshot.partitions()).extracting(Partition::name).containsExactly(PARTITION);
        }
    }

    @Test
    default void snapshotIgnoresWritesCommittedWhileItIsOpenAndDoesNotBlockThem() {
        List<StoredObject> before = insertActive(20, 1);
        try (Snapshot snapshot = storage().snapshot()) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                insertActive(15, 1000);
                storage().delete(new ObjectUid(1));
                storage().changeState(new ObjectUid(2), ObjectState.ACTIVE, ObjectState.DELETING, CLOCK.instant());
                storage().createPartition(new Partition("later", CLOCK.instant()));
                storage().updateNode(node -> node.withCurrentEpoch(7));
            });

            assertThat(snapshot.objectCount()).isEqualTo(20);
            assertThat(drain(snapshot)).containsExactlyElementsOf(before);
            assertThat(snapshot.partitions()).hasSize(1);
            assertThat(snapshot.node().orElseThrow().currentEpoch()).isZero();
        }
        assertThat(storage().count(ObjectState.ACTIVE)).isEqualTo(20 - 2 + 15);
    }

    private static void importSample(BulkImport bulk, int objects, long firstUid) {
        bulk.partition(new Partition(PARTITION, CLOCK.instant()));
        bulk.partition(new Partition("part2", CLOCK.instant()));
        bulk.user(new PartitionUser(PARTITION, "so", "$argon2id$hash", true, CLOCK.instant()));
        for (int i = 0; i < objects; i++) {
            long uid = firstUid + i;
            bulk.object(row(aes256(uid, i % 2 == 0 ? PARTITION : "part2", "key" + uid, 4), ObjectState.ACTIVE));
        }
        bulk.epoch(4);
    }

    private JdbcStorage bootedEmptyStorage() {
        JdbcStorage target = emptyStorage();
        target.createNode(StorageFixture.node(Role.PARTNER));
        return target;
    }

    @Test
    default void importsEverythingAtOnceOnCommit() {
        JdbcStorage target = bootedEmptyStorage();
        try (BulkImport bulk = target.beginImport()) {
            importSample(bulk, 2500, 1);
            if (readersWaitForImports()) {
                // Readers wait for the end of the import (readersWaitForImports) and never see part of it.
                CompletableFuture<Long> objects = CompletableFuture.supplyAsync(() -> target.count(ObjectState.ACTIVE));
                CompletableFuture<Integer> partitions =
                        CompletableFuture.supplyAsync(() -> target.partitions().size());
                bulk.commit();
                assertThat(objects.join()).as("none or all of the import").isIn(0L, 2500L);
                assertThat(partitions.join()).as("none or all of the import").isIn(0, 2);
            } else {
                assertThat(target.count(ObjectState.ACTIVE))
                        .as("invisible before commit")
                        .isZero();
                assertThat(target.partitions()).as("invisible before commit").isEmpty();
                bulk.commit();
            }
            assertThat(bulk.objectCount()).isEqualTo(2500);
        }
        assertThat(target.count(ObjectState.ACTIVE)).isEqualTo(2500);
        assertThat(target.partitions()).hasSize(2);
        assertThat(target.findUser(PARTITION, "so")).isPresent();
        assertThat(target.node().orElseThrow().currentEpoch()).isEqualTo(4);
        assertThat(target.find(new ObjectUid(1234)).orElseThrow().object().name())
                .isEqualTo("key1234");
    }

    @Test
    default void importKeepsEveryColumnOfEveryRow() {
        JdbcStorage target = bootedEmptyStorage();
        List<StoredObject> rows = new ArrayList<>();
        long uid = 1;
        for (ObjectType type : ObjectType.values()) {
            VaultObject plain = SampleObjects.ofType(type, uid++, PARTITION, "plain " + type.label(), 4);
            rows.add(row(plain, ObjectState.ACTIVE));
            // Every column at an edge: non-ASCII and escape-worthy text at full length, the largest
            // numbers, every usage, both dates, and another state.
            VaultObject edges = new VaultObject(
                    new ObjectUid(Long.MAX_VALUE - uid++),
                    PARTITION,
                    ("naïve \\ \"key\" 𝄞 \\N " + type.label() + " ").repeat(5) + "end",
                    type,
                    Long.MAX_VALUE,
                    4,
                    new Attributes(
                            "ü\\t".repeat(85),
                            "0a".repeat(128),
                            true,
                            false,
                            EnumSet.allOf(Usage.class),
                            SampleObjects.CREATED,
                            Optional.of(SampleObjects.CREATED),
                            Optional.of(SampleObjects.CREATED.plusSeconds(60))),
                    plain.publicData());
            rows.add(row(edges, ObjectState.DELETING));
        }

        try (BulkImport bulk = target.beginImport()) {
            bulk.partition(new Partition(PARTITION, CLOCK.instant()));
            rows.forEach(bulk::object);
            bulk.epoch(4);
            bulk.commit();
        }

        for (StoredObject row : rows) {
            assertThat(target.find(row.uid())).as(row.toString()).contains(row);
        }
    }

    @Test
    default void importKeepsNumbersAtEveryDigitCountAndTimesBefore1970() {
        JdbcStorage target = bootedEmptyStorage();
        List<StoredObject> rows = new ArrayList<>();
        List<Long> numbers = new ArrayList<>(List.of(1L, Long.MAX_VALUE, Long.MAX_VALUE - 1));
        for (long power = 10; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            numbers.addAll(List.of(power - 1, power, power + 1));
        }
        for (long number : numbers) {
            long millis = number % 4_000_000_000_000L;
            VaultObject object = new VaultObject(
                    new ObjectUid(number),
                    PARTITION,
                    "n" + number + " \\ plain",
                    ObjectType.AES_256,
                    number,
                    4,
                    new Attributes(
                            "",
                            "",
                            false,
                            true,
                            EnumSet.noneOf(Usage.class),
                            java.time.Instant.ofEpochMilli(-millis),
                            Optional.of(java.time.Instant.ofEpochMilli(-millis)),
                            Optional.of(java.time.Instant.ofEpochMilli(millis))),
                    SampleObjects.ofType(ObjectType.AES_256, 1, PARTITION, "x", 4)
                            .publicData());
            rows.add(new StoredObject(
                    object, ObjectState.ACTIVE, SampleObjects.randomBytes(61), java.time.Instant.ofEpochMilli(millis)));
        }

        try (BulkImport bulk = target.beginImport()) {
            bulk.partition(new Partition(PARTITION, CLOCK.instant()));
            rows.forEach(bulk::object);
            bulk.epoch(4);
            bulk.commit();
        }

        for (StoredObject row : rows) {
            assertThat(target.find(row.uid())).as(row.toString()).contains(row);
        }
    }

    @Test
    default void importLeavesNothingWhenTheDatabaseRefusesARowHalfway() {
        JdbcStorage target = bootedEmptyStorage();
        try (BulkImport bulk = target.beginImport()) {
            importSample(bulk, 2100, 1);
            // A uid seen 2,000 rows earlier: batches before it are already in the transaction.
            assertThatThrownBy(() -> {
                        bulk.object(row(aes256(5, PARTITION, "duplicate", 4), ObjectState.ACTIVE));
                        bulk.commit();
                    })
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        }
        assertUntouched(target);
    }

    @Test
    default void importKeepsEveryRowWhenTheCountIsNotAMultipleOfTheRowsPerStatement() {
        int perStatement = BatchInsertSink.ROWS_PER_STATEMENT;
        for (int count : List.of(1, perStatement - 1, perStatement, perStatement + 1, 3 * perStatement + 7)) {
            JdbcStorage target = bootedEmptyStorage();
            List<StoredObject> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // Every row different in every column that varies, so that a row bound at the wrong
                // offset of a multi-row statement would be found out.
                long uid = 1_000 + 7L * i;
                VaultObject object = new VaultObject(
                        new ObjectUid(uid),
                        i % 3 == 0 ? "part2" : PARTITION,
                        "row " + i + " of " + count,
                        ObjectType.AES_256,
                        1 + i,
                        4,
                        new Attributes(
                                "label " + i,
                                String.format("%04x", i),
                                i % 2 == 0,
                                i % 5 == 0,
                                i % 2 == 0 ? EnumSet.of(Usage.ENCRYPT) : EnumSet.allOf(Usage.class),
                                SampleObjects.CREATED.plusMillis(i),
                                i % 4 == 0 ? Optional.empty() : Optional.of(SampleObjects.CREATED.plusSeconds(i)),
                                Optional.empty()),
                        SampleObjects.ofType(ObjectType.AES_256, 1, PARTITION, "x", 4)
                                .publicData());
                rows.add(new StoredObject(
                        object,
                        i % 7 == 0 ? ObjectState.DELETING : ObjectState.ACTIVE,
                        SampleObjects.randomBytes(40 + i % 30),
                        SampleObjects.CREATED.plusMillis(3L * i)));
            }
            try (BulkImport bulk = target.beginImport()) {
                bulk.partition(new Partition(PARTITION, CLOCK.instant()));
                bulk.partition(new Partition("part2", CLOCK.instant()));
                rows.forEach(bulk::object);
                bulk.epoch(4);
                bulk.commit();
                assertThat(bulk.objectCount()).isEqualTo(count);
            }
            for (StoredObject row : rows) {
                assertThat(target.find(row.uid())).as("%d rows: %s", count, row).contains(row);
            }
            assertThat(target.count(ObjectState.ACTIVE) + target.count(ObjectState.DELETING))
                    .as("%d rows", count)
                    .isEqualTo(count);
        }
    }

    @Test
    default void importLeavesNothingWhenTheDatabaseRefusesARowInsideAFullStatement() {
        JdbcStorage target = bootedEmptyStorage();
        try (BulkImport bulk = target.beginImport()) {
            importSample(bulk, 40 * BatchInsertSink.ROWS_PER_STATEMENT + 3, 1);
            // The duplicate and the rows after it fill a statement of their own, which fails as a whole.
            assertThatThrownBy(() -> {
                        bulk.object(row(aes256(7, PARTITION, "duplicate", 4), ObjectState.ACTIVE));
                        for (int i = 0; i < 2 * BatchInsertSink.ROWS_PER_STATEMENT; i++) {
                            long uid = 100_000 + i;
                            bulk.object(row(aes256(uid, PARTITION, "after" + uid, 4), ObjectState.ACTIVE));
                        }
                        bulk.commit();
                    })
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        }
        assertUntouched(target);
    }

    @Test
    default void importLeavesNothingWhenItsSourceFailsHalfway() {
        JdbcStorage target = bootedEmptyStorage();
        FaultyStorage faulty = new FaultyStorage(target, 1500);
        try (BulkImport bulk = faulty.beginImport()) {
            assertThatThrownBy(() -> importSample(bulk, 3000, 1))
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.getMessage()).contains("injected"));
        }
        assertThat(faulty.writes()).isEqualTo(1500);
        assertUntouched(target);
    }

    @Test
    default void importLeavesNothingWhenClosedWithoutCommit() {
        JdbcStorage target = bootedEmptyStorage();
        try (BulkImport bulk = target.beginImport()) {
            importSample(bulk, 1200, 1);
        }
        assertUntouched(target);
    }

    private static void assertUntouched(JdbcStorage target) {
        assertThat(target.partitions()).isEmpty();
        assertThat(target.users(PARTITION)).isEmpty();
        assertThat(target.count(ObjectState.ACTIVE)).isZero();
        assertThat(target.node().orElseThrow().currentEpoch()).isZero();
        // The database still takes a complete import afterwards.
        try (BulkImport retry = target.beginImport()) {
            importSample(retry, 10, 1);
            retry.commit();
        }
        assertThat(target.count(ObjectState.ACTIVE)).isEqualTo(10);
    }

    @Test
    default void importRefusesADatabaseThatAlreadyHoldsData() {
        insertActive(1, 1);
        assertThatThrownBy(() -> storage().beginImport().close())
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT));
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    @Test
    default void rewriteMovesEveryShareAtTheOldEpochAndNoOther() {
        List<StoredObject> rows = insertActive(250, 1);
        StoredObject otherEpoch = row(aes256(9999, PARTITION, "already moved", 1), ObjectState.ACTIVE);
        storage().insert(otherEpoch);
        storage().insert(row(aes256(5000, PARTITION, "pending", 0), ObjectState.PENDING));

        long rewritten = storage().rewriteShares(0, 1, (row, moved) -> reversed(row.sealedShare()), 40);

        assertThat(rewritten).isEqualTo(251);
        for (StoredObject original : rows) {
            StoredObject now = storage().find(original.uid()).orElseThrow();
            assertThat(now.object()).isEqualTo(original.object().withEpoch(1));
            assertThat(now.sealedShare()).isEqualTo(reversed(original.sealedShare()));
        }
        assertThat(storage().find(otherEpoch.uid())).contains(otherEpoch);
        assertThat(storage().find(new ObjectUid(5000)).orElseThrow().object().epoch())
                .isEqualTo(1);
    }

    @Test
    default void rewriteResumesAfterACrashRewritingEachShareOnce() {
        List<StoredObject> rows = insertActive(300, 1);
        FaultyStorage crashing = new FaultyStorage(storage(), 123);

        assertThatThrownBy(() -> crashing.rewriteShares(0, 1, (row, moved) -> reversed(row.sealedShare()), 50))
                .isInstanceOf(SymbolonException.class);
        assertThat(storage().count(ObjectState.ACTIVE)).isEqualTo(300);

        long resumed = storage().rewriteShares(0, 1, (row, moved) -> reversed(row.sealedShare()), 50);

        assertThat(resumed).isEqualTo(200); // the first 100 rows (two batches) were written before the crash
        for (StoredObject original : rows) {
            assertThat(storage().find(original.uid()).orElseThrow().sealedShare())
                    .isEqualTo(reversed(original.sealedShare()));
        }
    }

    @Test
    default void rewriteRedoesARowChangedWhileItsBatchWasBeingRewritten() {
        insertActive(10, 1);
        ObjectUid changed = new ObjectUid(7);
        byte[] replacement = new byte[48];
        Arrays.fill(replacement, (byte) 7);
        AtomicBoolean first = new AtomicBoolean(true);

        storage()
                .rewriteShares(
                        0,
                        1,
                        (row, moved) -> {
                            if (first.getAndSet(false)) {
                                // Someone re-seals object 7 after the batch was read, before it is written.
                                StoredObject current = storage().find(changed).orElseThrow();
                                storage()
                                        .replace(
                                                new StoredObject(
                                                        current.object(),
                                                        current.state(),
                                                        replacement,
                                                        CLOCK.instant()),
                                                1);
                            }
                            return reversed(row.sealedShare());
                        },
                        100);

        StoredObject now = storage().find(changed).orElseThrow();
        assertThat(now.object().epoch()).isEqualTo(1);
        assertThat(now.sealedShare()).isEqualTo(reversed(replacement));
    }
}
