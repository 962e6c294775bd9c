package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.feed.config.FeedConfig;
import org.statehub.feed.delivery.HubClient;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;

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
    Puller puller;

    @Inject
    HubClient hub;

    @Inject
    ResourceCatalog catalog;

    @Inject
    ObjectMapper mapper;

    @Inject
    FeedConfig config;

    @ConfigProperty(name = "feed.resync.stale-after", defaultValue = "2m")
    Duration staleAfter;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** The new job's id, or empty when a resync of the connection is already running. */
    public Optional<Long> start(SisConnection connection, String resource, String requestedBy) throws SQLException {
        Long id;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO resync_job (connection_id, resource, status, phase,"
                                + " requested_by, started_at, heartbeat_at) VALUES (?, ?, 'running', 'queued', ?, clock_timestamp(),"
                                + " clock_timestamp()) ON CONFLICT (connection_id) WHERE status = 'running' DO NOTHING RETURNING id")) {
            ps.setString(1, connection.id());
            ps.setString(2, resource);
            ps.setString(3, requestedBy);
            try (ResultSet rs = ps.executeQuery()) {
                id = rs.next() ? rs.getLong(1) : null;
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        long job = id;
        executor.submit(() -> resync().run(job, connection, resource));
        return Optional.of(id);
    }

    @Scheduled(
            every = "${feed.schedule-check:20s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeStale() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE resync_job SET heartbeat_at = clock_timestamp()"
                        + " WHERE status = 'running' AND heartbeat_at < clock_timestamp() - make_interval(secs => ?)"
                        + " RETURNING id, connection_id, resource, run_id")) {
            ps.setLong(1, staleAfter.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long job = rs.getLong(1);
                    String resource = rs.getString(3);
                    long oldRun = rs.getLong(4);
                    if (!rs.wasNull()) {
                        new RunStore().fail(c, oldRun, "The resync that ran this was interrupted; it starts again.");
                    }
                    Optional<SisConnection> connection = connections.find(c, rs.getString(2));
                    if (connection.isPresent()) {
                        LOG.infof(
                                "Resuming resync %d of %s",
                                job, connection.get().id());
                        executor.submit(() -> resync().run(job, connection.get(), resource));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "Interrupted resyncs could not be checked");
        }
    }

    private Resync resync() {
        return new Resync(
                dataSource,
                mapper,
                catalog,
                puller,
                hub,
                config.admin().clientId().orElse(null),
                config.admin().clientSecret().orElse(""));
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
