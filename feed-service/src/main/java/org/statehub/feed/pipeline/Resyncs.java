package org.statehub.feed.pipeline;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.ResyncJobs;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * Starts resync jobs in the background (one running job per connection) and resumes those whose instance
 * stopped: a job that has not shown a sign of life for {@code feed.resync.stale-after} starts again (its phases
 * are idempotent).
 */
@Singleton
public class Resyncs {

    private static final Logger LOG = Logger.getLogger(Resyncs.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    Resync resync;

    @ConfigProperty(name = "feed.resync.stale-after", defaultValue = "2m")
    Duration staleAfter;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * The new job's id (of one resource, or all when null; of one school year, or all when null), or empty when a
     * resync of the connection is already running.
     */
    public Optional<Long> start(SisConnection connection, String resource, Integer schoolYear, String requestedBy)
            throws SQLException {
        Optional<Long> id = resync.create(connection, resource, schoolYear, requestedBy);
        id.ifPresent(job -> executor.submit(() -> resync.run(job, connection, resource, schoolYear)));
        return id;
    }

    @Scheduled(
            every = "${feed.schedule-check:20s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeStale() {
        try {
            for (ResyncJobs.Stale job : resync.claimStale(staleAfter.toSeconds())) {
                Optional<SisConnection> connection =
                        Transactions.read(dataSource, c -> connections.find(c, job.connectionId()));
                if (connection.isPresent()) {
                    LOG.infof(
                            "Resuming resync %d of %s",
                            job.id(), connection.get().id());
                    executor.submit(() -> resync.run(job.id(), connection.get(), job.resource(), job.schoolYear()));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "Interrupted resyncs could not be checked");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
