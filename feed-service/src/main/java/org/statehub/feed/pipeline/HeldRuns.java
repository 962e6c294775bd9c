package org.statehub.feed.pipeline;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;
import org.statehub.feed.domain.HeldRun;
import org.statehub.feed.domain.RunStatus;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.Queueing;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * An administrator's decision on a held run (docs/FEEDS.md, "Safety holds"): approved, what it staged is queued
 * by the same queue step as a complete pull's; rejected, it is dropped. Only the latest run of a connection can be
 * held: a newer run supersedes older held ones.
 */
@Singleton
public class HeldRuns {

    private static final Logger LOG = Logger.getLogger(HeldRuns.class);

    private final AgroalDataSource dataSource;
    private final RunStore runs;
    private final ConnectionStore connections;
    private final Puller puller;
    private final QueueStep queue;

    public HeldRuns(
            AgroalDataSource dataSource, RunStore runs, ConnectionStore connections, Puller puller, Queueing queueing) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.connections = connections;
        this.puller = puller;
        this.queue = new QueueStep(queueing);
    }

    /**
     * Approves (publishes) or rejects (drops) a held run, in one transaction with the run locked, repeated whole
     * after a serialization failure or deadlock (it reads and writes only feed-service's tables).
     */
    public Puller.Decision decide(long runId, boolean approve, String by) throws SQLException {
        Differ.Result[] queued = {null};
        Puller.Decision decision = Transactions.inTransaction(dataSource, c -> {
            HeldRun run = runs.lockForDecision(c, runId).orElse(null);
            if (run == null) {
                return Puller.Decision.NOT_FOUND;
            }
            if (run.status() != RunStatus.HELD) {
                return Puller.Decision.NOT_HELD;
            }
            if (!approve) {
                runs.reject(c, runId, by);
                return Puller.Decision.REJECTED;
            }
            SisConnection connection = connections.find(c, run.connectionId()).orElseThrow();
            List<Differ.Pulled> pulled = puller.pulledResources(connection);
            queued[0] = queue.queue(c, connection.id(), runId, pulled, true, null, run.read(), run.held());
            runs.approved(c, runId, by);
            return Puller.Decision.APPROVED;
        });
        if (decision == Puller.Decision.APPROVED) {
            LOG.infof(
                    "Held run %d approved by %s: queued %d upserts, %d deletes, %d key changes",
                    runId, by, queued[0].upserts(), queued[0].deletes(), queued[0].keyChanges());
            puller.tidyOutbox();
        }
        return decision;
    }
}
