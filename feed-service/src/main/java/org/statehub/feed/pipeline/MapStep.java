package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.store.RunStore;

/**
 * A pull's "map" step (docs/FEEDS.md, "A pull, step by step", 2. Prepare): one vendor record through the
 * connection's {@link RecordPreparer} into the batch. A record ready for the hub is staged with its key, key values,
 * body and hash; a held record gets its data error and, when it has a source id, is staged as held (so a complete
 * run does not delete the hub's copy); a record out of the connection's school years is staged as held (left
 * alone); a record not reported is left out (so the hub's copy is deleted).
 */
@RequiredArgsConstructor
final class MapStep {

    private final RecordPreparer preparer;
    private final RecordYears years;

    /** Without school years. */
    MapStep(RecordPreparer preparer) {
        this(preparer, RecordYears.NONE);
    }

    void map(ResourceDefinition resource, ObjectNode record, Puller.Counts counts, Batch batch) {
        RecordPreparer.Outcome outcome = preparer.prepare(resource, record);
        if (outcome instanceof RecordPreparer.Ready ready && years.enabled()) {
            inYears(resource.key(), ready, record, counts, batch);
        } else {
            place(resource.key(), outcome, counts, batch);
        }
    }

    /**
     * A ready record staged once per school year it belongs to ({@link RecordYears}); none: left alone, as a record
     * outside the connection's school years; a date the rule cannot read holds the record as an invalid date.
     */
    private void inYears(
            String resource, RecordPreparer.Ready ready, ObjectNode record, Puller.Counts counts, Batch batch) {
        java.util.List<RunStore.Staged> rows;
        try {
            rows = years.rows(resource, ready.body(), staged(resource, ready));
        } catch (java.time.format.DateTimeParseException | IllegalArgumentException e) {
            place(
                    resource,
                    new RecordPreparer.Held(
                            ready.sourceId(),
                            "invalid-record",
                            "invalid-date",
                            "A date of the record is not a valid date, or its dates are in the wrong order: "
                                    + e.getMessage(),
                            record),
                    counts,
                    batch);
            return;
        }
        if (rows.isEmpty()) {
            place(resource, new RecordPreparer.OutOfScope(ready.sourceId()), counts, batch);
            return;
        }
        counts.read++;
        batch.staged.addAll(rows);
    }

    private static RunStore.Staged staged(String resource, RecordPreparer.Ready ready) {
        return new RunStore.Staged(
                resource,
                ready.sourceId(),
                ready.naturalKey(),
                ready.keyValues().toString(),
                ready.body().toString(),
                ready.hash(),
                false);
    }

    /** What the preparer said of one record of {@code resource}, into the batch and the counts. */
    static void place(String resource, RecordPreparer.Outcome outcome, Puller.Counts counts, Batch batch) {
        counts.read++;
        switch (outcome) {
            case RecordPreparer.Ready ready -> batch.staged.add(staged(resource, ready));
            case RecordPreparer.Held held -> {
                counts.held++;
                batch.errors.add(new RunStore.DataError(
                        resource,
                        held.sourceId(),
                        held.kind(),
                        held.code(),
                        held.message(),
                        held.record() == null ? null : held.record().toString()));
                if (held.sourceId() != null) {
                    batch.staged.add(RunStore.Staged.held(resource, held.sourceId()));
                }
            }
            case RecordPreparer.OutOfScope out -> batch.staged.add(RunStore.Staged.held(resource, out.sourceId()));
            case RecordPreparer.NotReported notReported -> {}
        }
    }
}
