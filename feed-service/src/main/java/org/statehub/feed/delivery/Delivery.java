package org.statehub.feed.delivery;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
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
 * each; a bulk request the hub does not take (an older hub: 404, 405...) is sent again record by record. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} (so
 * several instances share the work), one dependency rank of a connection at a time and never ahead of an older
 * change of the same record; the claim's transaction records each outcome, so a crash before the commit only
 * means the rows are delivered again, which the API's upsert-by-natural-key makes harmless. Failures that may
 * pass (unreachable, 429, 5xx) are retried with a doubling wait; refusals (400, 403, 409...) are kept with the
 * API's error body. A row that fails inside feed-service (it cannot be prepared for the hub) is rejected with its
 * own data error ({@code undeliverable}; the log has the cause under the outbox id), so that it never holds back the
 * rows after it; a bulk request that fails so goes row by row.
 */
public final class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    /**
     * How delivery goes: rows claimed at a time, rows in one bulk request, requests in flight, the longest wait
     * before a retry, and feed-service's administrator client (null id: none), which deletes a resync's orphans.
     */
    public record Settings(
            int batch, int bulkSize, int parallelism, Duration maxBackoff, String adminId, String adminSecret) {}

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final ConnectionStore connections;
    private final Outbox outbox;
    private final RunStore runs;
    private final Settings settings;
    private final Sender sender;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public Delivery(
            DataSource dataSource,
            ObjectMapper mapper,
            HubClient hub,
            ConnectionStore connections,
            Outbox outbox,
            RunStore runs,
            Settings settings) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.connections = connections;
        this.outbox = outbox;
        this.runs = runs;
        this.settings = settings;
        this.sender = new Sender(
                mapper, hub, settings.bulkSize(), settings.parallelism(), settings.adminId(), settings.adminSecret());
    }

    /** Stopped by an interruption while the hub was being called: the claim is rolled back. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /**
     * Claims and delivers one batch; returns how many rows were attempted. The claim, the calls and the outcomes
     * are one transaction, run once: after a serialization failure or deadlock it is rolled back, not repeated
     * here (a repetition would call the hub again at once); the rows stay pending for the next claim, and the
     * API's upsert by natural key makes a second delivery harmless.
     */
    public int deliverBatch() throws SQLException {
        try {
            return Transactions.once(dataSource, this::deliverBatch);
        } catch (Interrupted e) {
            return 0;
        }
    }

    private int deliverBatch(Connection c) throws SQLException {
        List<OutboxRow> rows = outbox.claim(c, settings.batch());
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, SisConnection> byId = new HashMap<>();
        for (OutboxRow row : rows) {
            if (!byId.containsKey(row.connectionId())) {
                byId.put(
                        row.connectionId(),
                        connections.find(c, row.connectionId()).orElse(null));
            }
        }
        List<List<Integer>> units = DeliveryUnits.of(rows, sender::bulk, settings.bulkSize());
        List<Future<List<DeliveryOutcome>>> futures = new ArrayList<>();
        for (List<Integer> unit : units) {
            List<OutboxRow> unitRows = unit.stream().map(rows::get).toList();
            SisConnection connection = byId.get(unitRows.get(0).connectionId());
            futures.add(executor.submit(() -> sender.deliverUnit(unitRows, connection)));
        }
        DeliveryOutcome[] byRow = new DeliveryOutcome[rows.size()];
        for (int u = 0; u < units.size(); u++) {
            List<DeliveryOutcome> unitOutcomes;
            try {
                unitOutcomes = futures.get(u).get();
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
            for (int k = 0; k < units.get(u).size(); k++) {
                byRow[units.get(u).get(k)] = unitOutcomes.get(k);
            }
        }
        List<DeliveryOutcome> outcomes = Arrays.asList(byRow);
        outbox.record(c, rows, outcomes, settings.maxBackoff());
        queueErrors(c, rows, outcomes, byId);
        return rows.size();
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
                        row.resource(), row.sourceId(), "rejected", refusal.code(), refusal.message(), row.record());
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
