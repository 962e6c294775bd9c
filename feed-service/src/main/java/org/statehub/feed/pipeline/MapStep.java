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

    void map(ResourceDefinition resource, ObjectNode record, Puller.Counts counts, Batch batch) {
        place(resource.key(), preparer.prepare(resource, record), counts, batch);
    }

    /** What the preparer said of one record of {@code resource}, into the batch and the counts. */
    static void place(String resource, RecordPreparer.Outcome outcome, Puller.Counts counts, Batch batch) {
        counts.read++;
        switch (outcome) {
            case RecordPreparer.Ready ready ->
                batch.staged.add(new RunStore.Staged(
                        resource,
                        ready.sourceId(),
                        ready.naturalKey(),
                        ready.keyValues().toString(),
                        ready.body().toString(),
                        ready.hash(),
                        false));
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
