package io.symbolon.vault.storage;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link Storage#rewriteShares}: batches of rows at the old epoch are read (no lock held),
 * rewritten by the caller, and written back in a short transaction each, every update conditional on
 * the row's sealed share being unchanged since it was read. Memory holds one batch.
 */
final class ShareRewrite {
    private static final Logger LOG = LoggerFactory.getLogger(ShareRewrite.class);
    /** More passes than this means rows change faster than they are rewritten: stop and say so. */
    private static final int MAX_PASSES = 20;

    private final Database database;
    private final long fromEpoch;
    private final long toEpoch;
    private final ShareRewriter rewriter;
    private final int batchSize;

    ShareRewrite(Database database, long fromEpoch, long toEpoch, ShareRewriter rewriter, int batchSize) {
        if (toEpoch == fromEpoch || batchSize < 1 || batchSize > ObjectQuery.MAX_LIMIT) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "a rewrite moves to another epoch in batches of 1 to " + ObjectQuery.MAX_LIMIT);
        }
        this.database = database;
        this.fromEpoch = fromEpoch;
        this.toEpoch = toEpoch;
        this.rewriter = rewriter;
        this.batchSize = batchSize;
    }

    long run() {
        long total = 0;
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            long seen = 0;
            long cursor = 0;
            while (true) {
                List<StoredObject> batch = readBatch(cursor);
                if (batch.isEmpty()) {
                    break;
                }
                seen += batch.size();
                total += writeBatch(batch);
                cursor = batch.getLast().uid().value();
            }
            LOG.debug("share rewrite pass={} fromEpoch={} toEpoch={} rowsSeen={}", pass, fromEpoch, toEpoch, seen);
            if (seen == 0) {
                LOG.info("shares rewritten fromEpoch={} toEpoch={} rows={}", fromEpoch, toEpoch, total);
                return total;
            }
        }
        throw new SymbolonException(
                ErrorCode.CONFLICT,
                "rows at epoch " + fromEpoch + " kept changing during " + MAX_PASSES + " passes of the refresh;"
                        + " create new objects at epoch " + toEpoch + " while a refresh runs, then run it again");
    }

    private List<StoredObject> readBatch(long cursor) {
        return database.read("read shares to refresh", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    ObjectRows.SELECT + " WHERE uid > ? AND epoch = ? ORDER BY uid LIMIT ?")) {
                select.setLong(1, cursor);
                select.setLong(2, fromEpoch);
                select.setInt(3, batchSize);
                List<StoredObject> rows = new ArrayList<>(batchSize);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(ObjectRows.read(result, database.dialect()));
                    }
                }
                return rows;
            }
        });
    }

    private long writeBatch(List<StoredObject> batch) {
        List<byte[]> rewritten = new ArrayList<>(batch.size());
        for (StoredObject row : batch) {
            rewritten.add(rewriter.rewrite(row, row.object().withEpoch(toEpoch)));
        }
        return database.write(
                "write refreshed shares",
                connection -> database.dialect() == Dialect.POSTGRESQL
                        ? updateAtOnce(connection, batch, rewritten)
                        : updateOneByOne(connection, batch, rewritten));
    }

    /** SQLite: one prepared UPDATE per row, batched; SQLite updates rows in place. */
    private long updateOneByOne(Connection connection, List<StoredObject> batch, List<byte[]> rewritten)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE objects SET epoch = ?, sealed_share = ? WHERE uid = ? AND epoch = ? AND sealed_share = ?")) {
            for (int i = 0; i < batch.size(); i++) {
                StoredObject row = batch.get(i);
                update.setLong(1, toEpoch);
                update.setBytes(2, rewritten.get(i));
                update.setLong(3, row.uid().value());
                update.setLong(4, fromEpoch);
                update.setBytes(5, row.sealedShareUnsafe());
                update.addBatch();
            }
            long updated = 0;
            for (int count : update.executeBatch()) {
                updated += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
            }
            return updated;
        }
    }

    /** PostgreSQL: the whole batch as one UPDATE joined to arrays, one statement for the server to plan. */
    private long updateAtOnce(Connection connection, List<StoredObject> batch, List<byte[]> rewritten)
            throws SQLException {
        Long[] uids = new Long[batch.size()];
        byte[][] previous = new byte[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            uids[i] = batch.get(i).uid().value();
            previous[i] = batch.get(i).sealedShareUnsafe();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE objects AS o SET epoch = ?,"
                + " sealed_share = v.share FROM unnest(?::bigint[], ?::bytea[], ?::bytea[]) AS v(uid, previous, share)"
                + " WHERE o.uid = v.uid AND o.epoch = ? AND o.sealed_share = v.previous")) {
            update.setLong(1, toEpoch);
            update.setArray(2, connection.createArrayOf("bigint", uids));
            update.setArray(3, connection.createArrayOf("bytea", previous));
            update.setArray(4, connection.createArrayOf("bytea", rewritten.toArray(new byte[0][])));
            update.setLong(5, fromEpoch);
            return update.executeUpdate();
        }
    }
}
