package org.statehub.feed.delivery;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.feed.domain.DeliveryOutcome;
import org.statehub.feed.domain.OutboxRow;
import org.statehub.feed.domain.Refusal;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
import org.statehub.jdbc.Transactions;

/**
 * Publishes the outbox through the hub's Ed-Fi API: upserts of one resource in bulk requests
 * ({@code POST /bulk/v1/ed-fi/{resource}}, each item with its own outcome), deletes and key changes one Ed-Fi call
 * each; a bulk request the hub does not take (an older hub: 404, 405...) is sent again record by record.
 *
 * <p>No transaction is open while the hub is called. A batch is held by a lease: a short transaction claims it
 * (a claim token and a claimed-until time on its rows, {@link Outbox#claim}) and commits, so several instances
 * share the work; one dependency rank of a connection at a time and never ahead of an older change of the same
 * record. While the calls are made the lease is renewed every third of its length; a second short transaction
 * writes the outcomes of the rows the claim still holds. A lease that ran out (the instance died, or could not
 * renew it) lets the next claim take the rows again; the outcomes of rows another claim took are not written, and
 * the API's upsert by natural key, delete by key and PUT of the same body make the second delivery harmless.
 * Failures that may pass (unreachable, 429, 5xx) are retried with a doubling wait; refusals (400, 403, 409...) are
 * kept with the API's error body. A row that fails inside feed-service (it cannot be prepared for the hub) is
 * rejected with its own data error ({@code undeliverable}; the log has the cause under the outbox id), so that it
 * never holds back the rows after it; a bulk request that fails so goes row by row.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    /**
     * How delivery goes: rows claimed at a time, rows in one bulk request, requests in flight, the longest wait
     * before a retry, feed-service's administrator client (null id: none), which deletes a resync's orphans, and
     * how long a claim holds its rows without a renewal.
     */
    public record Settings(
            int batch,
            int bulkSize,
            int parallelism,
            Duration maxBackoff,
            String adminId,
            String adminSecret,
            Duration lease) {}

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final ConnectionStore connections;
    private final Outbox outbox;
    private final RunStore runs;
    private final Settings settings;
    private final Sender sender;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** A delivery through {@code hub}: its sender is made of the settings' bulk size, parallelism and client. */
    public Delivery(
            DataSource dataSource,
            ObjectMapper mapper,
            HubClient hub,
            ConnectionStore connections,
            Outbox outbox,
            RunStore runs,
            Settings settings) {
        this(dataSource, mapper, connections, outbox, runs, settings, new Sender(mapper, hub, settings));
    }

    /** Stopped by an interruption while the hub was being called: the claim is given back. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /** A claimed batch: its rows, in claim order, and their connections (null: gone). */
    private record Claim(UUID token, List<OutboxRow> rows, Map<String, SisConnection> connections) {}

    /**
     * Claims and delivers one batch; returns how many rows were attempted. The claim and the outcomes are each a
     * short transaction (repeated after a serialization failure or deadlock: they only touch feed-service's
     * tables); the hub is called between them, with no transaction open.
     */
    public int deliverBatch() throws SQLException {
        UUID token = UUID.randomUUID();
        Claim claim = Transactions.inTransaction(dataSource, c -> claim(c, token));
        if (claim.rows().isEmpty()) {
            return 0;
        }
        List<DeliveryOutcome> outcomes;
        try {
            outcomes = send(claim);
        } catch (Interrupted e) {
            release(claim);
            return 0;
        }
        try {
            Transactions.inTransaction(dataSource, Transactions.doing(c -> record(c, claim, outcomes)));
        } catch (SQLException | RuntimeException e) {
            release(claim);
            throw e;
        }
        return claim.rows().size();
    }

    /**
     * Gives the claim's rows back, due again at once (they are sent again by the next claim); when that fails too,
     * they are due once the lease runs out.
     */
    private void release(Claim claim) {
        try {
            Transactions.read(dataSource, c -> outbox.release(c, claim.token()));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "An outbox claim could not be given back; its rows are due again when its lease runs out");
        }
    }

    private Claim claim(Connection c, UUID token) throws SQLException {
        List<OutboxRow> rows = outbox.claim(c, token, settings.lease(), settings.batch());
        Map<String, SisConnection> byId = new HashMap<>();
        for (OutboxRow row : rows) {
            if (!byId.containsKey(row.connectionId())) {
                byId.put(
                        row.connectionId(),
                        connections.find(c, row.connectionId()).orElse(null));
            }
        }
        return new Claim(token, rows, byId);
    }

    /** Calls the hub for every row of the claim, renewing its lease while it waits; an outcome per row. */
    private List<DeliveryOutcome> send(Claim claim) {
        List<OutboxRow> rows = claim.rows();
        List<List<Integer>> units = DeliveryUnits.of(rows, sender::bulk, settings.bulkSize());
        List<Future<List<DeliveryOutcome>>> futures = new ArrayList<>();
        for (List<Integer> unit : units) {
            List<OutboxRow> unitRows = unit.stream().map(rows::get).toList();
            SisConnection connection = claim.connections().get(unitRows.get(0).connectionId());
            futures.add(executor.submit(() -> sender.deliverUnit(unitRows, connection)));
        }
        long renewEvery = Math.max(1, settings.lease().toNanos() / 3);
        long nextRenewal = System.nanoTime() + renewEvery;
        DeliveryOutcome[] byRow = new DeliveryOutcome[rows.size()];
        for (int u = 0; u < units.size(); u++) {
            List<DeliveryOutcome> unitOutcomes = null;
            while (unitOutcomes == null) {
                try {
                    unitOutcomes = futures.get(u).get(Math.max(0, nextRenewal - System.nanoTime()), NANOSECONDS);
                } catch (TimeoutException e) {
                    renew(claim);
                    nextRenewal = System.nanoTime() + renewEvery;
                } catch (ExecutionException e) {
                    LOG.errorf(
                            e.getCause(),
                            "Delivery of outbox rows %s failed inside feed-service; they are tried again",
                            units.get(u).stream().map(i -> rows.get(i).id()).toList());
                    DeliveryOutcome failed =
                            DeliveryOutcome.retry(null, "Delivery failed inside feed-service; its log has the cause.");
                    unitOutcomes = Collections.nCopies(units.get(u).size(), failed);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Interrupted();
                }
            }
            for (int k = 0; k < units.get(u).size(); k++) {
                byRow[units.get(u).get(k)] = unitOutcomes.get(k);
            }
        }
        return Arrays.asList(byRow);
    }

    /** Extends the claim's lease; a failure is only logged (the outcomes are then written if it still holds). */
    private void renew(Claim claim) {
        try {
            Transactions.read(dataSource, c -> outbox.renew(c, claim.token(), settings.lease()));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "The lease of an outbox claim could not be renewed; another claim may take its rows");
        }
    }

    /** Writes the outcomes of the rows the claim still holds; the others went to another claim. */
    private void record(Connection c, Claim claim, List<DeliveryOutcome> outcomes) throws SQLException {
        Set<Long> held = outbox.held(c, claim.token());
        List<OutboxRow> rows = new ArrayList<>();
        List<DeliveryOutcome> kept = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        for (int i = 0; i < claim.rows().size(); i++) {
            OutboxRow row = claim.rows().get(i);
            if (held.contains(row.id())) {
                rows.add(row);
                kept.add(outcomes.get(i));
            } else {
                lost.add(row.id());
            }
        }
        if (!lost.isEmpty()) {
            LOG.warnf(
                    "Outbox rows %s lost their lease to another claim before their outcomes were written; that"
                            + " claim delivers them",
                    lost);
        }
        outbox.record(c, rows, kept, settings.maxBackoff());
        queueErrors(c, rows, kept, claim.connections());
    }

    /**
     * Refusals become data errors of the record ({@link Refusal}), each under a savepoint: one that cannot be
     * stored is logged with its outbox id and the row keeps its outcome; a delivery closes the record's open
     * refusal.
     */
    private void queueErrors(
            Connection c, List<OutboxRow> rows, List<DeliveryOutcome> outcomes, Map<String, SisConnection> byId)
            throws SQLException {
        List<OutboxRow> delivered = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            DeliveryOutcome outcome = outcomes.get(i);
            SisConnection connection = byId.get(row.connectionId());
            if (outcome.kind() == DeliveryOutcome.Kind.DELIVERED) {
                delivered.add(row);
            } else if (outcome.kind() == DeliveryOutcome.Kind.REJECTED && connection != null) {
                Refusal refusal = Refusal.of(outcome, row.operation(), mapper);
                RunStore.DataError error = new RunStore.DataError(
                        row.resource(),
                        row.sourceId(),
                        "rejected",
                        refusal.code(),
                        refusal.message(),
                        row.record(),
                        row.schoolYear());
                Optional<Exception> notStored = Transactions.perRecord(c, x -> {
                    runs.errors(
                            x, null, row.connectionId(), connection.localEducationAgencyId(), List.of(error), row.id());
                    return null;
                });
                notStored.ifPresent(e -> LOG.warnf(
                        e,
                        "The data error of outbox row %d (source id %s) cannot be stored; the row keeps its outcome",
                        row.id(),
                        row.sourceId()));
            }
        }
        outbox.resolveDelivered(c, delivered);
    }
}
