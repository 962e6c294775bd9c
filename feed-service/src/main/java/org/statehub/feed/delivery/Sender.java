package org.statehub.feed.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;
import org.statehub.feed.domain.DeliveryOutcome;
import org.statehub.feed.domain.Operation;
import org.statehub.feed.domain.OutboxRow;
import org.statehub.feed.store.SisConnection;

/**
 * The calls of a delivery (docs/FEEDS.md, "Publishing"): a unit of outbox rows (of one school year, whose path,
 * {@code /2026/data/v3/...}, each call takes) to the hub as the connection's
 * publishing client (upserts of one resource in one bulk request, sent again row by row when the hub refuses the
 * request as a whole or it fails inside feed-service; a delete or key change one Ed-Fi call each, after a look-up
 * by key where the hub's id is not known; an orphan a resync found deleted by id as feed-service's administrator),
 * each answer made a {@link DeliveryOutcome}. At most {@code parallelism} requests are in flight. No database.
 */
final class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);

    private final ObjectMapper mapper;
    private final HubClient hub;
    private final int bulkSize;
    private final Semaphore inFlight;
    private final String adminId;
    private final String adminSecret;

    /** Sends through {@code hub} with the delivery's bulk size, parallelism and administrator client. */
    Sender(ObjectMapper mapper, HubClient hub, Delivery.Settings settings) {
        this.mapper = mapper;
        this.hub = hub;
        this.bulkSize = Math.max(1, settings.bulkSize());
        this.inFlight = new Semaphore(settings.parallelism());
        this.adminId = settings.adminId();
        this.adminSecret = settings.adminSecret();
    }

    /** One unit: a bulk request of upserts, or one row; a bulk request that fails inside feed-service goes row by row. */
    List<DeliveryOutcome> deliverUnit(List<OutboxRow> rows, SisConnection connection) throws InterruptedException {
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

    /** Whether the row goes in a bulk request (an upsert, when bulk requests carry more than one). */
    boolean bulk(OutboxRow row) {
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
                    rows.get(0).yearPrefix() + "/bulk/v1/ed-fi/" + rows.get(0).resource(),
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
            String collection = row.yearPrefix() + "/data/v3/ed-fi/" + row.resource();
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
}
