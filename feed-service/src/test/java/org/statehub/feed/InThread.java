package org.statehub.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import org.statehub.feed.delivery.Delivery;
import org.statehub.feed.delivery.StandInHub;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * Pulls and deliveries of a test, run in the test's thread with the service's own beans (where the service runs
 * them in the background), so that a test reads their outcome as soon as the call returns.
 */
@Singleton
public class InThread {

    private final AgroalDataSource dataSource;
    private final ConnectionStore connections;
    private final Puller puller;
    private final RunStore runs;
    private final Outbox outbox;

    InThread(AgroalDataSource dataSource, ConnectionStore connections, Puller puller, RunStore runs, Outbox outbox) {
        this.dataSource = dataSource;
        this.connections = connections;
        this.puller = puller;
        this.runs = runs;
        this.outbox = outbox;
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
