package org.statehub.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.feed.config.FeedConfig;
import org.statehub.feed.delivery.Delivery;
import org.statehub.feed.delivery.StandInHub;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.Resync;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.ResyncJobs;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * Pulls and deliveries of a test, run in the test's thread with the service's own beans (where the service runs
 * them in the background), so that a test reads their outcome as soon as the call returns; likewise a resync, against
 * a stand-in hub.
 */
@Singleton
public class InThread {

    private final AgroalDataSource dataSource;
    private final ConnectionStore connections;
    private final Puller puller;
    private final RunStore runs;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final ResyncJobs jobs;
    private final FeedConfig config;

    InThread(
            AgroalDataSource dataSource,
            ConnectionStore connections,
            Puller puller,
            RunStore runs,
            Outbox outbox,
            ObjectMapper mapper,
            ResyncJobs jobs,
            FeedConfig config) {
        this.dataSource = dataSource;
        this.connections = connections;
        this.puller = puller;
        this.runs = runs;
        this.outbox = outbox;
        this.mapper = mapper;
        this.jobs = jobs;
        this.config = config;
    }

    /**
     * Resyncs {@code connection} against {@code hub} in this thread ({@code schoolYear}: one year, or null: every
     * year); the job's id (its outcome at {@code /feed/v1/resyncs/{id}}).
     */
    public long resync(SisConnection connection, StandInHub hub, Integer schoolYear) throws SQLException {
        Resync resync =
                new Resync(dataSource, mapper, ResourceCatalog.contract(), puller, hub.client(), jobs, runs, config);
        long job = resync.create(connection, null, schoolYear, "test").orElseThrow();
        resync.run(job, connection, null, schoolYear);
        return job;
    }

    /** Starts a manual run of {@code connection} (as given, not as stored) and pulls it; the run's id. */
    public long pull(SisConnection connection) throws SQLException {
        long run = Transactions.read(dataSource, c -> runs.start(c, connection.id(), RunTrigger.MANUAL));
        puller.pull(connection, run);
        return run;
    }

    /** Pulls the connection as it is stored now; the run's id. */
    public long pullStored(String connectionId) throws SQLException {
        return pull(Transactions.read(
                dataSource, c -> connections.find(c, connectionId).orElseThrow()));
    }

    /** A delivery of what is queued to {@code hub}: one record a batch, a lease of a minute. */
    public Delivery delivery(StandInHub hub) {
        return hub.delivery(dataSource, connections, outbox, runs, StandInHub.settings(1, Duration.ofMinutes(1)));
    }
}
