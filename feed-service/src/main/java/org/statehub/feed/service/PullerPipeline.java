package org.statehub.feed.service;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.Pulls;
import org.statehub.feed.pipeline.Resyncs;
import org.statehub.feed.store.SisConnection;

/** {@link Pipeline} done by {@link Pulls}, {@link Resyncs} and the {@link Puller}. */
@Singleton
public class PullerPipeline implements Pipeline {

    private final Puller puller;
    private final Pulls pulls;
    private final Resyncs resyncs;

    public PullerPipeline(Puller puller, Pulls pulls, Resyncs resyncs) {
        this.puller = puller;
        this.pulls = pulls;
        this.resyncs = resyncs;
    }

    @Override
    public Optional<Long> startPull(SisConnection connection, RunTrigger trigger) throws SQLException {
        return pulls.startNow(connection, trigger);
    }

    @Override
    public Optional<Long> startResync(SisConnection connection, String resource, String requestedBy)
            throws SQLException {
        return resyncs.start(connection, resource, requestedBy);
    }

    @Override
    public Puller.Decision decide(long runId, boolean approve, String by) throws SQLException {
        return puller.decide(runId, approve, by);
    }

    @Override
    public Optional<Puller.PushResult> retry(SisConnection connection, List<Puller.HeldRecord> records)
            throws SQLException {
        return puller.retryHeld(connection, records);
    }
}
