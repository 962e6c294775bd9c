package org.statehub.feed.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.Queueing;

/**
 * A pull's "queue" step (docs/FEEDS.md, "A pull, step by step", 4. Diff), in the run's transaction after the
 * diff step let it go on: the data errors the run settles are closed, the differences from the identity map are
 * queued in the outbox (a complete run's absences as deletes; a push's deletes named by source id), what the run
 * staged is dropped and the run succeeds with its counts.
 */
@RequiredArgsConstructor
final class QueueStep {

    private final Queueing store;

    /** Queues the run's changes; {@code deletedSourceIds} (a push's, of its one resource) may be null. */
    Differ.Result queue(
            Connection c,
            String connectionId,
            long runId,
            List<Differ.Pulled> pulled,
            boolean complete,
            List<String> deletedSourceIds,
            long read,
            long held)
            throws SQLException {
        store.resolveErrors(
                c,
                connectionId,
                runId,
                pulled.stream().map(Differ.Pulled::resource).toList(),
                complete);
        Differ.Result result = store.diff(c, connectionId, runId, pulled, complete);
        if (deletedSourceIds != null && !deletedSourceIds.isEmpty()) {
            result = result.plus(store.deleteSources(c, connectionId, runId, pulled.get(0), deletedSourceIds));
        }
        if (!result.years().isEmpty()) {
            store.countYears(c, runId, result.yearsJson());
        }
        store.dropStaged(c, runId);
        store.succeed(c, runId, read, held, result.upserts(), result.deletes(), result.keyChanges());
        return result;
    }
}
