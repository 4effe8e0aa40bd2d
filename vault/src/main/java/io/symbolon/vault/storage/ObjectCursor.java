package io.symbolon.vault.storage;

import java.util.Iterator;

/**
 * Objects streamed from an open result set, in ascending uid order. Memory does not grow with the
 * number of objects. Close it (try-with-resources) to release the database cursor.
 */
public interface ObjectCursor extends Iterator<StoredObject>, AutoCloseable {
    @Override
    void close();
}
