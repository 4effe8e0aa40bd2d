package io.symbolon.vault.storage;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static io.symbolon.vault.testing.SampleObjects.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bulk import into PostgreSQL drops the objects table's indexes and key constraints and re-creates
 * them after the rows (DeferredObjectIndexes): afterwards, committed or not, the schema is exactly the
 * migrations', and bad rows are refused as they were when every row was checked on arrival.
 */
@Tag("integration")
class PostgresBulkImportSchemaTest {
    private static final String TEMPLATE = "import_template";
    private static final int ROWS = 3000;

    private static PostgresServer postgres;
    private static List<String> migrated;
    private static int databases;

    private String database;
    private JdbcStorage storage;

    @BeforeAll
    static void startPostgres() throws SQLException {
        postgres = PostgresServer.start();
        postgres.createDatabase(TEMPLATE);
        JdbcStorage.open(
                        StorageConfig.postgres(postgres.jdbcUrl(TEMPLATE), PostgresServer.USER, null),
                        StorageFixture.CLOCK)
                .close();
        migrated = schema(TEMPLATE);
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void openEmptyNode() {
        database = "import" + databases++;
        postgres.createDatabase(database, TEMPLATE);
        storage = JdbcStorage.open(
                StorageConfig.postgres(postgres.jdbcUrl(database), PostgresServer.USER, null), StorageFixture.CLOCK);
        storage.createNode(StorageFixture.node(Role.PARTNER));
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void schemaIsTheMigrationsAfterAnImport() throws SQLException {
        assertThat(migrated)
                .as("what the comparison covers")
                .anyMatch(line -> line.startsWith("index objects_name_unique "))
                .anyMatch(line -> line.startsWith("index objects_partition_uid "))
                .anyMatch(line -> line.startsWith("index objects_unsettled "))
                .anyMatch(line -> line.startsWith("constraint objects_pkey "))
                .anyMatch(line -> line.startsWith("constraint objects_partition_name_fkey "))
                .anyMatch(line -> line.startsWith("trigger partitions "));

        try (BulkImport bulk = storage.beginImport()) {
            sample(bulk);
            bulk.epoch(2);
            bulk.commit();
        }

        assertThat(schema(database)).containsExactlyElementsOf(migrated);
        assertThat(storage.count(ObjectState.ACTIVE)).isEqualTo(ROWS);
        assertThat(storage.find(new ObjectUid(1234)).orElseThrow().object().name())
                .isEqualTo("key1234");
        // The unique constraint holds again for later writes (key8, an even uid, is in part1).
        assertThatThrownBy(() -> storage.insert(row(aes256(99_999, "part1", "key8", 2), ObjectState.ACTIVE)))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void importByAUserWhoDoesNotOwnTheTablesChecksRowsAsTheyArrive() throws SQLException {
        String user = "restorer_" + database;
        try (Connection admin = postgres.connect(database);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + user + " LOGIN");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + user);
        }
        try (JdbcStorage restorer = JdbcStorage.open(
                StorageConfig.postgres(postgres.jdbcUrl(database), user, null), StorageFixture.CLOCK)) {
            try (BulkImport bulk = restorer.beginImport()) {
                sample(bulk);
                bulk.epoch(2);
                bulk.commit();
            }
            assertThat(restorer.count(ObjectState.ACTIVE)).isEqualTo(ROWS);

            assertThat(schema(database)).containsExactlyElementsOf(migrated);
        }
    }

    @Test
    void importIntoATableWhoseColumnTypesAreNotTheMigrationsIsRefusedNamingTheColumn() throws SQLException {
        // The rows go in PostgreSQL's binary COPY format, which is each column's exact type's: a schema
        // changed by hand must stop the import with a message, not load the numbers as something else.
        try (Connection admin = postgres.connect(database);
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER TABLE objects ALTER COLUMN usages TYPE bigint");
        }
        try (BulkImport bulk = storage.beginImport()) {
            bulk.partition(new Partition("part1", StorageFixture.CLOCK.instant()));
            assertThatThrownBy(() -> bulk.object(row(aes256(1, "part1", "first", 2), ObjectState.ACTIVE)))
                    .isInstanceOf(SymbolonException.class)
                    .hasMessageContaining("usages")
                    .hasMessageContaining("bigint, not integer");
        }

        assertThat(storage.count(ObjectState.ACTIVE)).isZero();
        assertThat(storage.partitions()).isEmpty();
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of(
                        "a uid twice",
                        (Consumer<BulkImport>)
                                bulk -> bulk.object(row(aes256(5, "part1", "again", 2), ObjectState.ACTIVE)),
                        ErrorCode.ALREADY_EXISTS),
                Arguments.of(
                        "a name twice in one partition",
                        (Consumer<BulkImport>)
                                bulk -> bulk.object(row(aes256(50_000, "part2", "key11", 2), ObjectState.ACTIVE)),
                        ErrorCode.ALREADY_EXISTS),
                Arguments.of(
                        "a partition it does not define",
                        (Consumer<BulkImport>)
                                bulk -> bulk.object(row(aes256(50_000, "nowhere", "lost", 2), ObjectState.ACTIVE)),
                        ErrorCode.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void importHoldingBadRowsFailsAndLeavesTheSchemaAndNoRows(String what, Consumer<BulkImport> bad, ErrorCode expected)
            throws SQLException {
        try (BulkImport bulk = storage.beginImport()) {
            sample(bulk);
            bad.accept(bulk);
            assertThatThrownBy(() -> {
                        bulk.epoch(2);
                        bulk.commit();
                    })
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(expected));
        }

        assertThat(schema(database)).containsExactlyElementsOf(migrated);
        assertThat(storage.count(ObjectState.ACTIVE)).isZero();
        assertThat(storage.partitions()).isEmpty();
        assertThat(storage.node().orElseThrow().currentEpoch()).isZero();
    }

    @Test
    void importWhoseConnectionDiesHalfwayLeavesTheSchemaAndNoRows() throws SQLException {
        try (BulkImport bulk = storage.beginImport()) {
            sample(bulk);
            // The server ends the importing session while it is in its COPY, indexes dropped, as a crash would.
            try (Connection admin = postgres.connect(database);
                    Statement statement = admin.createStatement();
                    ResultSet killed = statement.executeQuery(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND query LIKE 'COPY objects%'")) {
                assertThat(killed.next()).isTrue();
            }
            assertThatThrownBy(() -> {
                        for (long uid = 10_000; uid < 20_000; uid++) {
                            bulk.object(row(aes256(uid, "part1", "late" + uid, 2), ObjectState.ACTIVE));
                        }
                        bulk.epoch(2);
                        bulk.commit();
                    })
                    .isInstanceOf(SymbolonException.class);
        }

        assertThat(schema(database)).containsExactlyElementsOf(migrated);
        assertThat(storage.count(ObjectState.ACTIVE)).isZero();
        assertThat(storage.partitions()).isEmpty();
    }

    private static void sample(BulkImport bulk) {
        bulk.partition(new Partition("part1", StorageFixture.CLOCK.instant()));
        bulk.partition(new Partition("part2", StorageFixture.CLOCK.instant()));
        for (long uid = 1; uid <= ROWS; uid++) {
            bulk.object(row(aes256(uid, uid % 2 == 0 ? "part1" : "part2", "key" + uid, 2), ObjectState.ACTIVE));
        }
    }

    /**
     * The objects table's indexes (pg_indexes, with validity) and constraints (pg_constraint), and the
     * triggers that enforce its foreign key on both tables, by name and definition: everything that
     * must be the same after an import (OIDs and the triggers' generated names are not).
     */
    private static List<String> schema(String database) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement()) {
            collect(
                    statement,
                    "SELECT 'index ' || x.indexname || ' ' || x.indexdef || ' valid=' || i.indisvalid"
                            + " || ' ready=' || i.indisready || ' live=' || i.indislive || ' primary=' || i.indisprimary"
                            + " || ' unique=' || i.indisunique FROM pg_indexes x"
                            + " JOIN pg_index i ON i.indexrelid = (quote_ident(x.schemaname) || '.'"
                            + " || quote_ident(x.indexname))::regclass"
                            + " WHERE x.tablename IN ('objects', 'partitions') ORDER BY 1",
                    lines);
            collect(
                    statement,
                    "SELECT 'constraint ' || conname || ' ' || conrelid::regclass::text || ' ' || contype::text || ' '"
                            + " || pg_get_constraintdef(oid) || ' deferrable=' || condeferrable"
                            + " || ' deferred=' || condeferred || ' validated=' || convalidated"
                            + " || ' index=' || COALESCE(conindid::regclass::text, '-')"
                            + " FROM pg_constraint WHERE conrelid IN ('objects'::regclass, 'partitions'::regclass)"
                            + " ORDER BY 1",
                    lines);
            collect(
                    statement,
                    "SELECT 'trigger ' || t.tgrelid::regclass::text || ' ' || t.tgfoid::regproc::text || ' type=' || t.tgtype"
                            + " || ' enabled=' || t.tgenabled::text || ' constraint=' || c.conname FROM pg_trigger t"
                            + " JOIN pg_constraint c ON c.oid = t.tgconstraint"
                            + " WHERE t.tgrelid IN ('objects'::regclass, 'partitions'::regclass) ORDER BY 1",
                    lines);
        }
        return lines;
    }

    private static void collect(Statement statement, String query, List<String> lines) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
    }
}
