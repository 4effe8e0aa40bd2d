package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshPhase;
import io.symbolon.vault.node.RefreshState;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The node, partitions and users tables: small, read whole, shared by the storage and its snapshots. */
final class NodeRows {
    private static final String NODE_COLUMNS = "role, pair_id, node_id, self_hostname, peer_hostname,"
            + " current_epoch, refresh_phase, refresh_target_epoch, refresh_seed, updated_at";

    private NodeRows() {}

    static Optional<NodeSettings> node(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT " + NODE_COLUMNS + " FROM node WHERE id = 1");
                ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            try {
                RefreshPhase phase = RefreshPhase.valueOf(rows.getString(7));
                byte[] seed = rows.getBytes(9);
                RefreshState refresh =
                        phase == RefreshPhase.IDLE ? RefreshState.IDLE : RefreshState.rewriting(rows.getLong(8), seed);
                return Optional.of(new NodeSettings(
                        Role.parse(rows.getString(1)),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getLong(6),
                        refresh));
            } catch (SymbolonException | IllegalArgumentException e) {
                throw new SymbolonException(
                        ErrorCode.MALFORMED, "the node's settings in the database are damaged: " + e.getMessage(), e);
            }
        }
    }

    static void insertNode(Connection connection, NodeSettings settings, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO node (id, " + NODE_COLUMNS + ") VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindNode(insert, settings, now);
            insert.executeUpdate();
        }
    }

    static void updateNode(Connection connection, NodeSettings settings, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE node SET role = ?, pair_id = ?, node_id = ?, self_hostname = ?, peer_hostname = ?,"
                        + " current_epoch = ?, refresh_phase = ?, refresh_target_epoch = ?, refresh_seed = ?,"
                        + " updated_at = ? WHERE id = 1")) {
            bindNode(update, settings, now);
            update.executeUpdate();
        }
    }

    private static void bindNode(PreparedStatement statement, NodeSettings settings, Instant now) throws SQLException {
        statement.setString(1, settings.role().label());
        statement.setString(2, settings.pairId());
        statement.setString(3, settings.nodeId());
        statement.setString(4, settings.selfHostname());
        statement.setString(5, settings.peerHostname());
        statement.setLong(6, settings.currentEpoch());
        statement.setString(7, settings.refresh().phase().name());
        statement.setLong(8, settings.refresh().targetEpoch());
        byte[] seed = settings.refresh().sealedMaskSeed();
        if (seed.length == 0) {
            statement.setNull(9, Types.BINARY);
        } else {
            statement.setBytes(9, seed);
        }
        statement.setLong(10, now.toEpochMilli());
    }

    static List<Partition> partitions(Connection connection) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT name, created_at FROM partitions ORDER BY name");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                partitions.add(new Partition(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2))));
            }
        }
        return partitions;
    }

    static void insertPartition(Connection connection, Partition partition) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO partitions (name, created_at) VALUES (?, ?)")) {
            insert.setString(1, partition.name());
            insert.setLong(2, partition.created().toEpochMilli());
            insert.executeUpdate();
        }
    }

    static final String USER_COLUMNS = "partition_name, user_name, password_hash, security_officer, created_at";

    static List<PartitionUser> users(Connection connection, String whereClause, String... parameters)
            throws SQLException {
        List<PartitionUser> users = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + USER_COLUMNS + " FROM partition_users "
                + whereClause + " ORDER BY partition_name, user_name")) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    users.add(new PartitionUser(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getBoolean(4),
                            Instant.ofEpochMilli(rows.getLong(5))));
                }
            }
        }
        return users;
    }

    static void insertUser(Connection connection, PartitionUser user) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO partition_users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, user.partition());
            insert.setString(2, user.user());
            insert.setString(3, user.passwordHash());
            insert.setBoolean(4, user.securityOfficer());
            insert.setLong(5, user.created().toEpochMilli());
            insert.executeUpdate();
        }
    }
}
