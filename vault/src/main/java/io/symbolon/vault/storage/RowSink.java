package io.symbolon.vault.storage;

import java.sql.SQLException;

/** Where a bulk import writes object rows, inside its transaction. */
interface RowSink {
    void add(StoredObject row) throws SQLException;

    /** Writes whatever is buffered; the rows are then part of the transaction. */
    void finish() throws SQLException;

    /** Gives up (the transaction is being rolled back). */
    void abandon();
}
