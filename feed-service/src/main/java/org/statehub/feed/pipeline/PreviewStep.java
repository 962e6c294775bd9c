package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * A dry run's end (docs/FEEDS.md, "Feed status and previews"): the diff runs inside a transaction that is rolled
 * back, after what it queued is summed up per resource and action with up to three sample records each; the run
 * keeps the summary as {@code preview}, and publishes nothing and changes no identity.
 */
@RequiredArgsConstructor
final class PreviewStep {

    private static final Logger LOG = Logger.getLogger(PreviewStep.class);

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final RunStore runs;
    private final Differ differ;
    private final DiffStep diff;

    void preview(SisConnection connection, long runId, List<Differ.Pulled> pulled, Puller.Counts counts)
            throws SQLException {
        ObjectNode summary = mapper.createObjectNode();
        // a preview publishes nothing and changes no identity: its diff is rolled back once summed up
        Differ.Result result = Transactions.rolledBack(dataSource, c -> {
            diff.wouldHold(c, connection.id(), runId, pulled)
                    .ifPresent(deletes -> summary.put("wouldBeHeld", "It would delete " + deletes + "."));
            Differ.Result queued = differ.diff(c, connection.id(), runId, pulled, true);
            ObjectNode actions = summary.putObject("actions");
            for (RunStore.Queued group : runs.queued(c, runId)) {
                ObjectNode action = actions.withObject(group.resource()).putObject(group.operation());
                action.put("count", group.count());
                var samples = action.putArray("samples");
                for (String sample : group.samples()) {
                    samples.add(json(sample));
                }
            }
            return queued;
        });
        Transactions.inTransaction(dataSource, Transactions.doing(c -> {
            runs.previewed(c, runId, summary.toString(), counts.read, counts.held, result);
            runs.dropStaged(c, runId);
        }));
        LOG.infof(
                "Preview %d of %s: would queue %d upserts, %d deletes, %d key changes",
                runId, connection.id(), result.upserts(), result.deletes(), result.keyChanges());
    }

    private JsonNode json(String queued) {
        try {
            return mapper.readTree(queued);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A queued body is not JSON", e);
        }
    }
}
