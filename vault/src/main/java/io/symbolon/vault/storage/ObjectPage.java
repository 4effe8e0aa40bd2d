package io.symbolon.vault.storage;

import io.symbolon.vault.object.ObjectUid;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, and the cursor of the next one (empty when this page was the last).
 *
 * @param objects in ascending uid order
 * @param next pass to {@link ObjectQuery#after} for the next page
 */
public record ObjectPage(List<StoredObject> objects, Optional<ObjectUid> next) {
    public ObjectPage {
        objects = List.copyOf(objects);
    }
}
