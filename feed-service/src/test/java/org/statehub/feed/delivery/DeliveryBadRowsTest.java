package org.statehub.feed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.statehub.feed.TestConnections;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.RunStore;
import org.statehub.feed.store.SisConnection;
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

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    Outbox outbox;

    @Inject
    RunStore runStore;

    private HttpServer hub;

    @BeforeEach
    void startHub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/", DeliveryBadRowsTest::answer);
        hub.start();
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    /** Tokens for anyone; students are created unless their studentUniqueId is 'refused'. */
    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        String body;
        if (path.equals("/oauth/token")) {
            status = 200;
            body = "{\"access_token\": \"t\", \"token_type\": \"bearer\", \"expires_in\": 3600}";
        } else if (path.equals("/data/v3/ed-fi/students")
                && exchange.getRequestMethod().equals("POST")) {
            if (request.contains("\"refused\"")) {
                status = 400;
                body = "{\"type\": \"urn:ed-fi:api:bad-request:data-validation-failed\", \"title\": \"Bad\","
                        + " \"status\": 400, \"detail\": \"The value 'a\\u0000b' is not allowed.\"}";
            } else {
                status = 201;
                exchange.getResponseHeaders().add("Location", "/data/v3/ed-fi/students/" + UUID.randomUUID());
                body = "";
            }
        } else {
            status = 404;
            body = "{}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private long row(
            Connection c, long runId, String connectionId, int rank, String sourceId, String operation, String body)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (run_id, connection_id, rank, resource,"
                + " source_id, operation, body, next_attempt_at) VALUES (?, ?, ?, 'students', ?, ?, ?::jsonb,"
                + " clock_timestamp()) RETURNING id")) {
            ps.setLong(1, runId);
            ps.setString(2, connectionId);
            ps.setInt(3, rank);
            ps.setString(4, sourceId);
            ps.setString(5, operation);
            ps.setString(6, body);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aRowThatFailsInsideFeedServiceAndARefusalQuotingANulAreRejectedAndTheRestIsDelivered() throws Exception {
        SisConnection connection = TestConnections.push(dataSource, connections);
        String id = connection.id();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            long runId = runStore.start(c, id, RunTrigger.PUSH);
            runStore.succeed(c, runId, 4, 0, 3, 0, 0);
            // an orphan whose hub id cannot be put in a URL: the call cannot even be made
            rows.put("P-1", row(c, runId, id, 4, "P-1", "purge", "{\"id\": \"not a valid id\"}"));
            rows.put("S-1", row(c, runId, id, 4, "S-1", "upsert", "{\"studentUniqueId\": \"801\"}"));
            rows.put("S-2", row(c, runId, id, 4, "S-2", "upsert", "{\"studentUniqueId\": \"refused\"}"));
            rows.put("S-3", row(c, runId, id, 5, "S-3", "upsert", "{\"studentUniqueId\": \"803\"}"));
        }
        Delivery delivery = new Delivery(
                dataSource,
                MAPPER,
                new HubClient("http://127.0.0.1:" + hub.getAddress().getPort(), MAPPER, Duration.ofSeconds(5)),
                connections,
                outbox,
                runStore,
                new Delivery.Settings(100, 1, 2, Duration.ofSeconds(1), "feed-admin", "feed-admin-secret"));

        for (int i = 0; i < 3; i++) {
            delivery.deliverBatch();
        }

        Map<String, String> status = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT source_id, status FROM outbox" + " WHERE connection_id = ? ORDER BY id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        status.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT source_id, code || ' | ' || message FROM data_error"
                    + " WHERE connection_id = ? AND state = 'open' ORDER BY source_id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        errors.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
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
}
