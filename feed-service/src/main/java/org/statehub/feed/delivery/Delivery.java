package org.statehub.feed.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

/**
 * Publishes the outbox through the hub's Ed-Fi API. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} (so
 * several instances share the work), one dependency rank of a connection at a time and never ahead of an older
 * change of the same record; the claim's transaction records each outcome, so a crash before the commit only
 * means the rows are delivered again, which the API's upsert-by-natural-key makes harmless. Failures that may
 * pass (unreachable, 429, 5xx) are retried with a doubling wait; refusals (400, 403, 409...) are kept with the
 * API's error body.
 */
public final class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final HubClient hub;
    private final ConnectionStore connections;
    private final int batch;
    private final Semaphore inFlight;
    private final Duration maxBackoff;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final String adminId;
    private final String adminSecret;

    public Delivery(DataSource dataSource, ObjectMapper mapper, HubClient hub, ConnectionStore connections, int batch,
                    int parallelism, Duration maxBackoff, String adminId, String adminSecret) {
        this.adminId = adminId;
        this.adminSecret = adminSecret;
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.hub = hub;
        this.connections = connections;
        this.batch = batch;
        this.inFlight = new Semaphore(parallelism);
        this.maxBackoff = maxBackoff;
    }

    private record Row(long id, String connectionId, String resource, String sourceId, String operation, String body,
                       String keyValues, int attempts) {
    }

    /** How a row ended this time. */
    private record Outcome(String status, Integer httpStatus, String detail, String targetId) {
    }

    /** Claims and delivers one batch; returns how many rows were attempted. */
    public int deliverBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Row> rows = claim(c);
                if (rows.isEmpty()) {
                    c.commit();
                    return 0;
                }
                Map<String, SisConnection> byId = new HashMap<>();
                for (Row row : rows) {
                    if (!byId.containsKey(row.connectionId())) {
                        byId.put(row.connectionId(), connections.find(c, row.connectionId()).orElse(null));
                    }
                }
                List<Future<Outcome>> futures = new ArrayList<>();
                for (Row row : rows) {
                    futures.add(executor.submit(() -> deliver(row, byId.get(row.connectionId()))));
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> future : futures) {
                    try {
                        outcomes.add(future.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.add(new Outcome("retry", null, "Delivery failed: " + e.getCause(), null));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        c.rollback();
                        return 0;
                    }
                }
                record(c, rows, outcomes);
                queueErrors(c, rows, outcomes, byId);
                c.commit();
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<Row> claim(Connection c) throws SQLException {
        // planned for the values at hand: a generic plan of this statement (chosen after a few executions) can
        // compare every pending row with every other one, which never finishes on a large outbox
        try (var setting = c.createStatement()) {
            setting.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
        // the lowest pending rank of each connection first (an index scan), then its due rows: a comparison of
        // every pending row with every other would grow with the square of the outbox
        try (PreparedStatement ps = c.prepareStatement("WITH lowest AS (SELECT connection_id, min(rank) AS rank"
                + " FROM outbox WHERE status = 'pending' GROUP BY connection_id)"
                + " SELECT o.id, o.connection_id, o.resource, o.source_id,"
                + " o.operation, o.body::text, o.key_values::text, o.attempts FROM outbox o"
                + " JOIN lowest l ON l.connection_id = o.connection_id AND l.rank = o.rank"
                + " WHERE o.status = 'pending' AND o.next_attempt_at <= clock_timestamp()"
                + " AND NOT EXISTS (SELECT 1 FROM outbox q WHERE q.connection_id = o.connection_id"
                + " AND q.resource = o.resource AND q.source_id = o.source_id AND q.status = 'pending' AND q.id < o.id)"
                + " ORDER BY o.rank, o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED")) {
            ps.setInt(1, batch);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)));
                }
            }
            return rows;
        }
    }

    private Outcome deliver(Row row, SisConnection connection) throws InterruptedException {
        if (connection == null || connection.publishClientId() == null) {
            return new Outcome("rejected", null, "The connection has no publishing client.", null);
        }
        inFlight.acquire();
        try {
            String collection = "/data/v3/ed-fi/" + row.resource();
            String client = connection.publishClientId();
            String secret = connection.publishSecret();
            return switch (row.operation()) {
                case "upsert" -> result(hub.call(client, secret, "POST", collection, row.body()), false);
                case "delete" -> {
                    String id = find(client, secret, collection, row.keyValues());
                    yield id == null ? new Outcome("delivered", 404, "Already absent from the hub.", null)
                            : result(hub.call(client, secret, "DELETE", collection + "/" + id, null), true);
                }
                case "purge" -> {
                    // an orphan a resync found: deleted by id as feed-service's administrator client
                    if (adminId == null) {
                        yield new Outcome("rejected", null, "feed-service has no administrator client to delete "
                                + "orphans with (FEED_ADMIN_CLIENT_ID).", null);
                    }
                    String id = mapper.readTree(row.body()).path("id").asText();
                    yield result(hub.call(adminId, adminSecret, "DELETE", collection + "/" + id, null), true);
                }
                case "key-change" -> {
                    String id = find(client, secret, collection, row.keyValues());
                    yield id == null ? result(hub.call(client, secret, "POST", collection, row.body()), false)
                            : withId(result(hub.call(client, secret, "PUT", collection + "/" + id, row.body()), false),
                            id);
                }
                default -> new Outcome("rejected", null, "Unknown operation " + row.operation(), null);
            };
        } catch (IOException e) {
            return new Outcome("retry", null, "The hub cannot be reached: " + e.getMessage(), null);
        } catch (LookupFailure e) {
            return e.outcome;
        } finally {
            inFlight.release();
        }
    }

    private static Outcome withId(Outcome outcome, String id) {
        return outcome.targetId() != null ? outcome : new Outcome(outcome.status(), outcome.httpStatus(),
                outcome.detail(), outcome.status().equals("delivered") ? id : null);
    }

    private static final class LookupFailure extends RuntimeException {
        final transient Outcome outcome;

        LookupFailure(Outcome outcome) {
            super(outcome.detail(), null, false, false);
            this.outcome = outcome;
        }
    }

    /** The hub's id of the item with these key values, or null when there is none. */
    private String find(String client, String secret, String collection, String keyValues)
            throws IOException, InterruptedException {
        HubClient.Reply reply = hub.call(client, secret, "GET", collection + HubClient.query(mapper.readTree(keyValues)),
                null);
        if (reply.status() != 200) {
            throw new LookupFailure(result(reply, false));
        }
        JsonNode items = mapper.readTree(reply.body());
        return items.isArray() && !items.isEmpty() ? items.get(0).path("id").asText(null) : null;
    }

    private static Outcome result(HubClient.Reply reply, boolean delete) {
        int status = reply.status();
        if (status >= 200 && status < 300 || delete && status == 404) {
            return new Outcome("delivered", status, null, reply.locationId());
        }
        String detail = reply.body() == null ? "" : reply.body();
        if (status == 401 || status == 408 || status == 429 || status >= 500) {
            return new Outcome("retry", status, detail, null);
        }
        return new Outcome("rejected", status, detail, null);
    }

    /**
     * Refusals become data errors of the record (code: the status and the problem's type; message: its detail and
     * errors); a delivery closes the record's open refusal.
     */
    private void queueErrors(Connection c, List<Row> rows, List<Outcome> outcomes, Map<String, SisConnection> byId)
            throws SQLException {
        org.statehub.feed.store.RunStore runs = new org.statehub.feed.store.RunStore();
        try (PreparedStatement resolve = c.prepareStatement("UPDATE data_error SET state = 'resolved',"
                + " closed_at = clock_timestamp(), resolution = 'Delivered (outbox ' || ?::text || ').'"
                + " WHERE connection_id = ? AND resource = ? AND source_id = ? AND kind = 'rejected' AND state = 'open'")) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                Outcome outcome = outcomes.get(i);
                SisConnection connection = byId.get(row.connectionId());
                if (outcome.status().equals("delivered")) {
                    resolve.setLong(1, row.id());
                    resolve.setString(2, row.connectionId());
                    resolve.setString(3, row.resource());
                    resolve.setString(4, row.sourceId());
                    resolve.addBatch();
                } else if (outcome.status().equals("rejected") && connection != null) {
                    String code = String.valueOf(outcome.httpStatus());
                    String message = outcome.detail();
                    try {
                        JsonNode problem = mapper.readTree(outcome.detail());
                        if (problem != null && problem.isObject()) {
                            code = outcome.httpStatus() + " " + problem.path("type").asText("");
                            List<String> parts = new ArrayList<>();
                            parts.add(problem.path("detail").asText(""));
                            problem.path("errors").forEach(e -> parts.add(e.asText()));
                            problem.path("validationErrors").properties().forEach(e ->
                                    e.getValue().forEach(m -> parts.add(e.getKey() + ": " + m.asText())));
                            message = String.join(" ", parts).trim();
                        }
                    } catch (IOException | RuntimeException notJson) {
                        // keep the raw answer
                    }
                    String record = row.body() != null ? row.body() : row.keyValues();
                    runs.errors(c, null, row.connectionId(), connection.localEducationAgencyId(),
                            List.of(new org.statehub.feed.store.RunStore.DataError(row.resource(), row.sourceId(),
                                    "rejected", code, "The hub refused the " + row.operation() + ": " + message,
                                    record)), row.id());
                }
            }
            resolve.executeBatch();
        }
    }

    private void record(Connection c, List<Row> rows, List<Outcome> outcomes) throws SQLException {
        try (PreparedStatement done = c.prepareStatement("UPDATE outbox SET status = ?, attempts = attempts + 1,"
                + " outcome_status = ?, outcome = ?, delivered_at = CASE WHEN ? = 'delivered' THEN clock_timestamp() END,"
                + " next_attempt_at = CASE WHEN ? = 'pending' THEN clock_timestamp() + make_interval(secs => ?)"
                + " ELSE next_attempt_at END WHERE id = ?");
             PreparedStatement target = c.prepareStatement("UPDATE identity_map SET target_id = ?"
                     + " WHERE connection_id = ? AND resource = ? AND source_id = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                Outcome outcome = outcomes.get(i);
                String status = outcome.status().equals("retry") ? "pending" : outcome.status();
                long wait = Math.min(maxBackoff.toSeconds(), 1L << Math.min(20, row.attempts()));
                done.setString(1, status);
                if (outcome.httpStatus() == null) {
                    done.setNull(2, java.sql.Types.INTEGER);
                } else {
                    done.setInt(2, outcome.httpStatus());
                }
                String detail = outcome.detail();
                done.setString(3, detail == null ? null : detail.length() > 4000 ? detail.substring(0, 4000) : detail);
                done.setString(4, status);
                done.setString(5, status);
                done.setLong(6, wait);
                done.setLong(7, row.id());
                done.addBatch();
                if (outcome.targetId() != null && !row.operation().equals("delete")) {
                    target.setString(1, outcome.targetId());
                    target.setString(2, row.connectionId());
                    target.setString(3, row.resource());
                    target.setString(4, row.sourceId());
                    target.addBatch();
                }
                if (status.equals("pending")) {
                    LOG.debugf("Delivery of outbox row %d will be retried in %d s: %s", row.id(), wait, detail);
                }
            }
            done.executeBatch();
            target.executeBatch();
        }
    }
}
