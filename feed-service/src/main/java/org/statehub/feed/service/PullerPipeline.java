package org.statehub.feed.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.pipeline.HeldRuns;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.Pulls;
import org.statehub.feed.pipeline.Resyncs;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/** {@link Pipeline} done by {@link Pulls}, {@link Resyncs} and the {@link Puller} (a push's run started by the {@link RunStore}). */
@Singleton
@RequiredArgsConstructor
public class PullerPipeline implements Pipeline {

    private final Puller puller;
    private final Pulls pulls;
    private final Resyncs resyncs;
    private final ResourceCatalog catalog;
    private final AgroalDataSource dataSource;
    private final RunStore runs;
    private final HeldRuns heldRuns;

    @Override
    public Optional<Long> startPull(SisConnection connection, RunTrigger trigger) throws SQLException {
        return pulls.startNow(connection, trigger);
    }

    @Override
    public boolean perYear() {
        return puller.perYear();
    }

    @Override
    public List<Integer> publishedYears(SisConnection connection) {
        return puller.publishedYears(connection);
    }

    @Override
    public Optional<Long> startResync(SisConnection connection, String resource, Integer schoolYear, String requestedBy)
            throws SQLException {
        return resyncs.start(connection, resource, schoolYear, requestedBy);
    }

    @Override
    public Optional<Puller.PushResult> push(
            SisConnection connection, String resource, List<ObjectNode> records, List<String> deletedSourceIds)
            throws SQLException {
        Long runId = Transactions.read(dataSource, c -> runs.start(c, connection.id(), RunTrigger.PUSH));
        if (runId == null) {
            return Optional.empty();
        }
        return Optional.of(puller.push(connection, runId, catalog.find(resource), records, deletedSourceIds));
    }

    @Override
    public Puller.Decision decide(long runId, boolean approve, String by) throws SQLException {
        return heldRuns.decide(runId, approve, by);
    }

    @Override
    public Optional<Puller.PushResult> retry(SisConnection connection, List<Puller.HeldRecord> records)
            throws SQLException {
        return puller.retryHeld(connection, records);
    }
}
