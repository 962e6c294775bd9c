package org.statehub.feed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.feed.TestConnections;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.RunStore;
import org.statehub.jdbc.Sql;
import org.statehub.testing.PostgresTestResource;

/**
 * Outbox rows that cannot be delivered, next to rows that can, against a stand-in hub: a row that fails inside
 * feed-service and a refusal whose problem quotes a NUL are each rejected with their own data error, and every
 * other row, including those of the next dependency rank, is delivered. Before, the first was retried forever
 * (holding back every later rank of its connection) and the second failed the whole claim on every attempt.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DeliveryBadRowsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    Outbox outbox;

    @Inject
    RunStore runStore;

    /** Students are created unless their studentUniqueId is 'refused'. */
    private static StandInHub.Reply answer(StandInHub.Request request) {
        if (!request.path().equals("/data/v3/ed-fi/students")
                || !request.method().equals("POST")) {
            return new StandInHub.Reply(404, "{}", null);
        }
        if (request.body().contains("\"refused\"")) {
            return new StandInHub.Reply(
                    400,
                    "{\"type\": \"urn:ed-fi:api:bad-request:data-validation-failed\", \"title\": \"Bad\","
                            + " \"status\": 400, \"detail\": \"The value 'a\\u0000b' is not allowed.\"}",
                    null);
        }
        return StandInHub.Reply.created();
    }

    @Test
    void aRowThatFailsInsideFeedServiceAndARefusalQuotingANulAreRejectedAndTheRestIsDelivered() throws Exception {
        String id = TestConnections.push(dataSource, connections).id();
        try (Connection c = dataSource.getConnection()) {
            long runId = runStore.start(c, id, RunTrigger.PUSH);
            runStore.succeed(c, runId, 4, 0, 3, 0, 0);
            // an orphan whose hub id cannot be put in a URL: the call cannot even be made
            StandInHub.pending(c, runId, id, 4, "P-1", "purge", "{\"id\": \"not a valid id\"}");
            StandInHub.pending(c, runId, id, 4, "S-1", "upsert", "{\"studentUniqueId\": \"801\"}");
            StandInHub.pending(c, runId, id, 4, "S-2", "upsert", "{\"studentUniqueId\": \"refused\"}");
            StandInHub.pending(c, runId, id, 5, "S-3", "upsert", "{\"studentUniqueId\": \"803\"}");
        }
        try (StandInHub hub = new StandInHub(DeliveryBadRowsTest::answer)) {
            Delivery delivery = hub.delivery(
                    dataSource, connections, outbox, runStore, StandInHub.settings(1, Duration.ofMinutes(1)));
            for (int i = 0; i < 3; i++) {
                delivery.deliverBatch();
            }
        }

        Map<String, String> status;
        Map<String, String> errors;
        try (Connection c = dataSource.getConnection()) {
            status = pairs(c, "SELECT source_id, status FROM outbox WHERE connection_id = ? ORDER BY id", id);
            errors = pairs(
                    c,
                    "SELECT source_id, code || ' | ' || message FROM data_error"
                            + " WHERE connection_id = ? AND state = 'open' ORDER BY source_id",
                    id);
        }
        assertThat(status)
                .isEqualTo(Map.of("P-1", "rejected", "S-1", "delivered", "S-2", "rejected", "S-3", "delivered"));
        assertThat(errors).containsOnlyKeys("P-1", "S-2");
        assertThat(errors.get("P-1"))
                .startsWith("undeliverable | feed-service could not prepare this change")
                .doesNotContain("Exception");
        assertThat(errors.get("S-2"))
                .startsWith("400 urn:ed-fi:api:bad-request:data-validation-failed")
                .contains("The value 'a\uFFFDb' is not allowed.");
    }

    /** The query's two columns, in its order. */
    private static Map<String, String> pairs(Connection c, String sql, String connectionId) throws SQLException {
        Map<String, String> pairs = new LinkedHashMap<>();
        Sql.list(c, sql, rs -> Map.entry(rs.getString(1), rs.getString(2)), connectionId)
                .forEach(e -> pairs.put(e.getKey(), e.getValue()));
        return pairs;
    }
}
