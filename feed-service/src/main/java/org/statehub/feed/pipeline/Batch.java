package org.statehub.feed.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.statehub.feed.store.RunStore;

/** What a pull prepared and has not stored yet: records to stage and data errors to queue. */
final class Batch {

    /** How many records or errors a batch holds before it is stored. */
    static final int SIZE = 500;

    final List<RunStore.Staged> staged = new ArrayList<>();
    final List<RunStore.DataError> errors = new ArrayList<>();

    boolean full() {
        return staged.size() >= SIZE || errors.size() >= SIZE;
    }

    void clear() {
        staged.clear();
        errors.clear();
    }
}
