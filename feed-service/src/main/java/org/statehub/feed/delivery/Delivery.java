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
import org.statehub.feed.domain.DeliveryOutcome;
import org.statehub.feed.domain.Operation;
import org.statehub.feed.domain.OutboxRow;
import org.statehub.feed.domain.PendingRank;
import org.statehub.feed.domain.Stored;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

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

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final HubClient hub;
    private final ConnectionStore connections;
    private final int batch;
    private final int bulkSize;
    private final Semaphore inFlight;
    private final Duration maxBackoff;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final String adminId;
    private final String adminSecret;

    public Delivery(
            DataSource dataSource,
            ObjectMapper mapper,
            HubClient hub,
            ConnectionStore connections,
            int batch,
            int bulkSize,
            int parallelism,
            Duration maxBackoff,
            String adminId,
            String adminSecret) {
        this.bulkSize = Math.max(1, bulkSize);
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

    /** A unit of delivery: the upserts of one connection and resource together ({@code single} -1), or one row. */
    private record Unit(String connectionId, String resource, int single) {}

    /** Claims and delivers one batch; returns how many rows were attempted. */
    public int deliverBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<OutboxRow> rows = claim(c);
                if (rows.isEmpty()) {
                    c.commit();
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
                // the units of delivery: upserts of one connection and resource together, the rest alone
                Map<Unit, List<Integer>> groups = new java.util.LinkedHashMap<>();
                for (int i = 0; i < rows.size(); i++) {
                    OutboxRow row = rows.get(i);
                    Unit group = bulk(row)
                            ? new Unit(row.connectionId(), row.resource(), -1)
                            : new Unit(row.connectionId(), null, i);
                    groups.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
                }
                List<List<Integer>> units = new ArrayList<>();
                for (List<Integer> group : groups.values()) {
                    for (int from = 0; from < group.size(); from += bulkSize) {
                        units.add(group.subList(from, Math.min(group.size(), from + bulkSize)));
                    }
                }
                List<Future<List<DeliveryOutcome>>> futures = new ArrayList<>();
                for (List<Integer> unit : units) {
                    List<OutboxRow> unitRows = unit.stream().map(rows::get).toList();
                    SisConnection connection = byId.get(unitRows.get(0).connectionId());
                    futures.add(executor.submit(() -> deliverUnit(unitRows, connection)));
                }
                DeliveryOutcome[] byRow = new DeliveryOutcome[rows.size()];
                for (int u = 0; u < units.size(); u++) {
                    List<DeliveryOutcome> unitOutcomes;
                    try {
                        unitOutcomes = futures.get(u).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        LOG.errorf(
                                e.getCause(),
                                "Delivery of outbox rows %s failed inside feed-service; they are " + "tried again",
                                units.get(u).stream().map(i -> rows.get(i).id()).toList());
                        DeliveryOutcome failed = DeliveryOutcome.retry(
                                null, "Delivery failed inside feed-service; its log has the cause.");
                        unitOutcomes =
                                java.util.Collections.nCopies(units.get(u).size(), failed);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        c.rollback();
                        return 0;
                    }
                    for (int k = 0; k < units.get(u).size(); k++) {
                        byRow[units.get(u).get(k)] = unitOutcomes.get(k);
                    }
                }
                List<DeliveryOutcome> outcomes = java.util.Arrays.asList(byRow);
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

    /**
     * Up to {@code batch} due rows: of each connection with pending rows, its lowest pending rank. Each step is an
     * index walk that stops after the rows it returns, so a claim costs the same on an outbox of ten rows or of a
     * million (a plan comparing all pending rows made each claim grow with the outbox).
     *
     * <p>Within a rank the walk starts after the last row this instance claimed of it ({@link #cursors}): from
     * the rank's first row, each claim would pass every row already delivered (whose index entries stay until the
     * outbox is vacuumed; measured 12-16 ms a claim after 8,000 rows). Rows behind the cursor that are still
     * pending (a retry waiting for its backoff, rows another instance held) are picked up when a walk from the
     * cursor comes back short and the rank is walked again from its start.
     */
    private List<OutboxRow> claim(Connection c) throws SQLException {
        List<PendingRank> lowest = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT n.id, (SELECT o.rank FROM outbox o"
                                + " WHERE o.connection_id = n.id AND o.status = 'pending' ORDER BY o.rank LIMIT 1) FROM connection n");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getObject(2) != null) {
                    lowest.add(new PendingRank(rs.getString(1), rs.getInt(2)));
                }
            }
        }
        List<OutboxRow> rows = new ArrayList<>();
        // never ahead of an older pending change of the same record (a delete's rank differs from its upsert's)
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.connection_id, o.resource, o.source_id,"
                + " o.operation, o.body::text, o.key_values::text, o.attempts, o.target_id FROM outbox o"
                + " WHERE o.connection_id = ? AND o.rank = ? AND o.id > ? AND o.status = 'pending'"
                + " AND o.next_attempt_at <= clock_timestamp()"
                + " AND NOT EXISTS (SELECT 1 FROM outbox q WHERE q.connection_id = o.connection_id"
                + " AND q.resource = o.resource AND q.source_id = o.source_id AND q.status = 'pending' AND q.id < o.id)"
                + " ORDER BY o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED")) {
            for (PendingRank next : lowest) {
                if (rows.size() >= batch) {
                    break;
                }
                long after = cursors.getOrDefault(next, 0L);
                claimRank(ps, next, after, rows);
                if (after > 0 && rows.size() < batch) {
                    claimRank(ps, next, 0, rows);
                }
                if (!rows.isEmpty() && rows.get(rows.size() - 1).connectionId().equals(next.connectionId())) {
                    cursors.put(next, rows.get(rows.size() - 1).id());
                }
            }
        }
        cursors.keySet().retainAll(lowest);
        return rows;
    }

    /** Where the last claim of each connection and rank ended (its last outbox id). */
    private final Map<PendingRank, Long> cursors = new java.util.concurrent.ConcurrentHashMap<>();

    /** Adds the due rows of one connection and rank after {@code after} (a walk from the start skips those held). */
    private void claimRank(PreparedStatement ps, PendingRank rank, long after, List<OutboxRow> rows)
            throws SQLException {
        java.util.Set<Long> held = new java.util.HashSet<>();
        rows.forEach(row -> held.add(row.id()));
        ps.setString(1, rank.connectionId());
        ps.setInt(2, rank.rank());
        ps.setLong(3, after);
        ps.setInt(4, batch - rows.size() + held.size());
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next() && rows.size() < batch) {
                long id = rs.getLong(1);
                if (!held.contains(id)) {
                    rows.add(new OutboxRow(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Stored.of(Operation.class, rs.getString(5)),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getInt(8),
                            rs.getString(9)));
                }
            }
        }
    }

    /** One unit: a bulk request of upserts, or one row; a bulk request that fails inside feed-service goes row by row. */
    private List<DeliveryOutcome> deliverUnit(List<OutboxRow> rows, SisConnection connection)
            throws InterruptedException {
        if (rows.size() == 1 && !bulk(rows.get(0))) {
            return List.of(deliver(rows.get(0), connection));
        }
        try {
            return deliverBulk(rows, connection);
        } catch (RuntimeException e) {
            LOG.warnf(
                    e,
                    "A bulk delivery of outbox rows %s failed inside feed-service; they go one by one",
                    rows.stream().map(OutboxRow::id).toList());
            List<DeliveryOutcome> outcomes = new ArrayList<>();
            for (OutboxRow row : rows) {
                outcomes.add(deliver(row, connection));
            }
            return outcomes;
        }
    }

    private boolean bulk(OutboxRow row) {
        return bulkSize > 1 && row.operation() == Operation.UPSERT;
    }

    /**
     * Upserts of one resource in one bulk request, an outcome per row; when the hub refuses the request as a whole
     * (not a passing failure), the rows go one Ed-Fi POST each, so every refusal names its own record.
     */
    private List<DeliveryOutcome> deliverBulk(List<OutboxRow> rows, SisConnection connection)
            throws InterruptedException {
        if (connection == null || connection.publishClientId() == null) {
            return java.util.Collections.nCopies(rows.size(), DeliveryOutcome.undeliverable(NO_PUBLISHING_CLIENT));
        }
        StringBuilder body = new StringBuilder("[");
        for (OutboxRow row : rows) {
            body.append(body.length() == 1 ? "" : ",").append(row.body());
        }
        HubClient.Reply reply;
        inFlight.acquire();
        try {
            reply = hub.call(
                    connection.publishClientId(),
                    connection.publishSecret(),
                    "POST",
                    "/bulk/v1/ed-fi/" + rows.get(0).resource(),
                    body.append(']').toString());
        } catch (IOException e) {
            return java.util.Collections.nCopies(rows.size(), unreachable(e));
        } finally {
            inFlight.release();
        }
        if (reply.status() == 200) {
            try {
                JsonNode items = mapper.readTree(reply.body());
                if (items != null && items.isArray() && items.size() == rows.size()) {
                    List<DeliveryOutcome> outcomes = new ArrayList<>();
                    for (JsonNode item : items) {
                        int status = item.path("status").asInt();
                        outcomes.add(DeliveryOutcome.answered(
                                status,
                                item.path("problem").toString(),
                                false,
                                item.path("id").asText(null)));
                    }
                    return outcomes;
                }
            } catch (IOException notJson) {
                // answered as a whole below
            }
            return java.util.Collections.nCopies(
                    rows.size(),
                    DeliveryOutcome.retry(200, "The hub's bulk answer could not be read: " + abbreviate(reply.body())));
        }
        DeliveryOutcome whole = result(reply, false);
        if (whole.kind() == DeliveryOutcome.Kind.RETRY) {
            return java.util.Collections.nCopies(rows.size(), whole);
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (OutboxRow row : rows) {
            outcomes.add(deliver(row, connection));
        }
        return outcomes;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private DeliveryOutcome deliver(OutboxRow row, SisConnection connection) throws InterruptedException {
        if (connection == null || connection.publishClientId() == null) {
            return DeliveryOutcome.undeliverable(NO_PUBLISHING_CLIENT);
        }
        inFlight.acquire();
        try {
            String collection = "/data/v3/ed-fi/" + row.resource();
            String client = connection.publishClientId();
            String secret = connection.publishSecret();
            return switch (row.operation()) {
                case UPSERT -> result(hub.call(client, secret, "POST", collection, row.body()), false);
                case DELETE -> {
                    String id = find(client, secret, collection, row.keyValues());
                    yield id == null
                            ? new DeliveryOutcome(
                                    DeliveryOutcome.Kind.DELIVERED, 404, "Already absent from the hub.", null)
                            : result(hub.call(client, secret, "DELETE", collection + "/" + id, null), true);
                }
                case PURGE -> {
                    // an orphan a resync found: deleted by id as feed-service's administrator client
                    if (adminId == null) {
                        yield DeliveryOutcome.undeliverable("feed-service has no administrator client to delete"
                                + " orphans with (FEED_ADMIN_CLIENT_ID).");
                    }
                    String id = mapper.readTree(row.body()).path("id").asText();
                    yield result(hub.call(adminId, adminSecret, "DELETE", collection + "/" + id, null), true);
                }
                case KEY_CHANGE -> {
                    // by the hub's id the identity map knew; gone from the hub (404): looked up by the old key
                    if (row.targetId() != null) {
                        HubClient.Reply put =
                                hub.call(client, secret, "PUT", collection + "/" + row.targetId(), row.body());
                        if (put.status() != 404) {
                            yield result(put, false).withId(row.targetId());
                        }
                    }
                    String id = find(client, secret, collection, row.keyValues());
                    yield id == null
                            ? result(hub.call(client, secret, "POST", collection, row.body()), false)
                            : result(hub.call(client, secret, "PUT", collection + "/" + id, row.body()), false)
                                    .withId(id);
                }
            };
        } catch (IOException e) {
            return unreachable(e);
        } catch (LookupFailure e) {
            return e.outcome;
        } catch (RuntimeException e) {
            LOG.warnf(
                    e,
                    "Outbox row %d (%s %s of %s, source id %s) cannot be delivered: it failed inside feed-service",
                    row.id(),
                    row.operation(),
                    row.resource(),
                    row.connectionId(),
                    row.sourceId());
            return DeliveryOutcome.undeliverable(UNDELIVERABLE);
        } finally {
            inFlight.release();
        }
    }

    /** The outcome of a row that failed inside feed-service. */
    private static final String UNDELIVERABLE = "feed-service could not prepare this change for the hub; its log has "
            + "the cause under the outbox row's id.";

    private static final String NO_PUBLISHING_CLIENT = "The connection has no publishing client.";

    private static DeliveryOutcome unreachable(IOException e) {
        return DeliveryOutcome.retry(null, "The hub cannot be reached: " + e.getMessage());
    }

    private static final class LookupFailure extends RuntimeException {
        final transient DeliveryOutcome outcome;

        LookupFailure(DeliveryOutcome outcome) {
            super(outcome.detail(), null, false, false);
            this.outcome = outcome;
        }
    }

    /** The hub's id of the item with these key values, or null when there is none. */
    private String find(String client, String secret, String collection, String keyValues)
            throws IOException, InterruptedException {
        HubClient.Reply reply =
                hub.call(client, secret, "GET", collection + HubClient.query(mapper.readTree(keyValues)), null);
        if (reply.status() != 200) {
            throw new LookupFailure(result(reply, false));
        }
        JsonNode items = mapper.readTree(reply.body());
        return items.isArray() && !items.isEmpty() ? items.get(0).path("id").asText(null) : null;
    }

    private static DeliveryOutcome result(HubClient.Reply reply, boolean delete) {
        return DeliveryOutcome.answered(reply.status(), reply.body(), delete, reply.locationId());
    }

    /**
     * Refusals become data errors of the record (code: the status and the problem's type; message: its detail and
     * errors); a delivery closes the record's open refusal.
     */
    private void queueErrors(
            Connection c, List<OutboxRow> rows, List<DeliveryOutcome> outcomes, Map<String, SisConnection> byId)
            throws SQLException {
        org.statehub.feed.store.RunStore runs = new org.statehub.feed.store.RunStore();
        try (PreparedStatement resolve = c.prepareStatement(
                "UPDATE data_error SET state = 'resolved',"
                        + " closed_at = clock_timestamp(), resolution = 'Delivered (outbox ' || ?::text || ').'"
                        + " WHERE connection_id = ? AND resource = ? AND source_id = ? AND kind = 'rejected' AND state = 'open'")) {
            for (int i = 0; i < rows.size(); i++) {
                OutboxRow row = rows.get(i);
                DeliveryOutcome outcome = outcomes.get(i);
                SisConnection connection = byId.get(row.connectionId());
                if (outcome.kind() == DeliveryOutcome.Kind.DELIVERED) {
                    resolve.setLong(1, row.id());
                    resolve.setString(2, row.connectionId());
                    resolve.setString(3, row.resource());
                    resolve.setString(4, row.sourceId());
                    resolve.addBatch();
                } else if (outcome.kind() == DeliveryOutcome.Kind.REJECTED && connection != null) {
                    String code = outcome.httpStatus() == null ? "undeliverable" : String.valueOf(outcome.httpStatus());
                    String message = outcome.detail();
                    try {
                        JsonNode problem = mapper.readTree(outcome.detail());
                        if (problem != null && problem.isObject()) {
                            code = outcome.httpStatus() + " "
                                    + problem.path("type").asText("");
                            List<String> parts = new ArrayList<>();
                            parts.add(problem.path("detail").asText(""));
                            problem.path("errors").forEach(e -> parts.add(e.asText()));
                            problem.path("validationErrors")
                                    .properties()
                                    .forEach(e -> e.getValue().forEach(m -> parts.add(e.getKey() + ": " + m.asText())));
                            message = String.join(" ", parts).trim();
                        }
                    } catch (IOException | RuntimeException notJson) {
                        // keep the raw answer
                    }
                    String record = row.record();
                    String text = outcome.httpStatus() == null
                            ? message
                            : "The hub refused the " + row.operation().value() + ": " + message;
                    java.sql.Savepoint savepoint = c.setSavepoint();
                    try {
                        runs.errors(
                                c,
                                null,
                                row.connectionId(),
                                connection.localEducationAgencyId(),
                                List.of(new org.statehub.feed.store.RunStore.DataError(
                                        row.resource(), row.sourceId(), "rejected", code, text, record)),
                                row.id());
                        c.releaseSavepoint(savepoint);
                    } catch (SQLException e) {
                        if (!org.statehub.jdbc.SqlStates.causedByData(e)) {
                            throw e;
                        }
                        c.rollback(savepoint);
                        LOG.warnf(
                                e,
                                "The data error of outbox row %d (source id %s) cannot be stored; the row keeps "
                                        + "its outcome",
                                row.id(),
                                row.sourceId());
                    }
                }
            }
            resolve.executeBatch();
        }
    }

    private void record(Connection c, List<OutboxRow> rows, List<DeliveryOutcome> outcomes) throws SQLException {
        try (PreparedStatement done = c.prepareStatement("UPDATE outbox SET status = ?, attempts = attempts + 1,"
                        + " outcome_status = ?, outcome = ?, delivered_at = CASE WHEN ? = 'delivered' THEN clock_timestamp() END,"
                        + " next_attempt_at = CASE WHEN ? = 'pending' THEN clock_timestamp() + make_interval(secs => ?)"
                        + " ELSE next_attempt_at END WHERE id = ?");
                PreparedStatement target = c.prepareStatement("UPDATE identity_map SET target_id = ?"
                        + " WHERE connection_id = ? AND resource = ? AND source_id = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                OutboxRow row = rows.get(i);
                DeliveryOutcome outcome = outcomes.get(i);
                String status = outcome.kind().stored().value();
                long wait = DeliveryOutcome.retryWaitSeconds(row.attempts(), maxBackoff);
                done.setString(1, status);
                if (outcome.httpStatus() == null) {
                    done.setNull(2, java.sql.Types.INTEGER);
                } else {
                    done.setInt(2, outcome.httpStatus());
                }
                String detail = outcome.detail();
                done.setString(
                        3,
                        org.statehub.feed.store.Storable.text(
                                detail == null ? null : detail.length() > 4000 ? detail.substring(0, 4000) : detail));
                done.setString(4, status);
                done.setString(5, status);
                done.setLong(6, wait);
                done.setLong(7, row.id());
                done.addBatch();
                if (outcome.targetId() != null && row.operation() != Operation.DELETE) {
                    target.setString(1, outcome.targetId());
                    target.setString(2, row.connectionId());
                    target.setString(3, row.resource());
                    target.setString(4, row.sourceId());
                    target.addBatch();
                }
                if (outcome.kind() == DeliveryOutcome.Kind.RETRY) {
                    LOG.debugf("Delivery of outbox row %d will be retried in %d s: %s", row.id(), wait, detail);
                }
            }
            done.executeBatch();
            target.executeBatch();
        }
    }
}
