package io.symbolon.vault.storage;

import io.symbolon.vault.node.Role;
import io.symbolon.vault.partition.Partition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The storage contract (restic's backend tests): every behaviour a {@link Storage} must have, run
 * against each database by a subclass that says how to get a fresh one. The tests themselves live in
 * the interfaces this class implements, grouped by concern.
 */
public abstract class StorageContractTest
        implements ObjectStorageContract, BulkStorageContract, ShareTamperContract, NodeStorageContract {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private StorageConfig config;
    private JdbcStorage storage;

    /** A configuration for a new, empty database (a new one on every call). */
    protected abstract StorageConfig freshDatabase();

    /** A raw connection to the database of {@code config}. */
    protected abstract Connection connect(StorageConfig config) throws SQLException;

    @BeforeEach
    void openStorage() {
        config = freshDatabase();
        storage = JdbcStorage.open(config, CLOCK);
        opened.add(storage);
        storage.createNode(StorageFixture.node(Role.EP));
        storage.createPartition(new Partition(PARTITION, CLOCK.instant()));
    }

    @AfterEach
    void closeStorages() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        opened.clear();
    }

    @Override
    public JdbcStorage storage() {
        return storage;
    }

    @Override
    public JdbcStorage emptyStorage() {
        JdbcStorage another = JdbcStorage.open(freshDatabase(), CLOCK);
        opened.add(another);
        return another;
    }

    @Override
    public int executeSql(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(config);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public Object queryColumn(String column, long uid) throws SQLException {
        try (Connection connection = connect(config);
                PreparedStatement statement =
                        connection.prepareStatement("SELECT " + column + " FROM objects WHERE uid = ?")) {
            statement.setLong(1, uid);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        }
    }
}
