package org.statehub.feed.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.RunStore;
import org.statehub.jdbc.Sql;

/**
 * A stand-in for the hub (the gateway) on a free local port, for delivery tests: a token for anyone, every other
 * call answered by the test's {@link Answer} (a failing answer is a 500) and kept in {@link #requests}.
 */
public final class StandInHub implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A call to the hub. */
    public record Request(String method, String path, String body) {}

    /** The hub's answer: status, body (empty: none) and the id a Location header names (null: none). */
    public record Reply(int status, String body, String locationId) {

        /** 201 with a new id. */
        public static Reply created() {
            return new Reply(201, "", UUID.randomUUID().toString());
        }
    }

    @FunctionalInterface
    public interface Answer {
        Reply answer(Request request) throws Exception;
    }

    /** Every call but the token requests, in the order received. */
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    private final HttpServer server;
    private final Answer answer;

    public StandInHub(Answer answer) throws IOException {
        this.answer = answer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::exchange);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** A client of this hub, as feed-service's {@link HubClient} (time-out 5 s). */
    public HubClient client() {
        return new HubClient("http://127.0.0.1:" + server.getAddress().getPort(), MAPPER, Duration.ofSeconds(5));
    }

    /** A delivery to this hub with the test's settings. */
    public Delivery delivery(
            DataSource dataSource,
            ConnectionStore connections,
            Outbox outbox,
            RunStore runs,
            Delivery.Settings settings) {
        return new Delivery(dataSource, MAPPER, client(), connections, outbox, runs, settings);
    }

    /**
     * Settings for tests: {@code bulkSize} rows in a bulk request, 2 requests in flight, retries after 1 s,
     * feed-service's administrator client, the claim's {@code lease}.
     */
    public static Delivery.Settings settings(int bulkSize, Duration lease) {
        return new Delivery.Settings(100, bulkSize, 2, Duration.ofSeconds(1), "feed-admin", "feed-admin-secret", lease);
    }

    /** A pending outbox row of students, due now; its id. */
    static long pending(
            Connection c, long runId, String connectionId, int rank, String sourceId, String operation, String body)
            throws SQLException {
        return Sql.first(
                        c,
                        "INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation, body,"
                                + " next_attempt_at) VALUES (?, ?, ?, 'students', ?, ?, ?::jsonb, clock_timestamp())"
                                + " RETURNING id",
                        rs -> rs.getLong(1),
                        runId,
                        connectionId,
                        rank,
                        sourceId,
                        operation,
                        body)
                .orElseThrow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        if (path.equals("/oauth/token")) {
            reply = new Reply(200, "{\"access_token\": \"t\", \"token_type\": \"bearer\", \"expires_in\": 3600}", null);
        } else {
            Request request = new Request(exchange.getRequestMethod(), path, body);
            requests.add(request);
            try {
                reply = answer.answer(request);
            } catch (Exception e) {
                reply = new Reply(500, "{\"detail\": \"" + e.getClass().getSimpleName() + "\"}", null);
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (reply.locationId() != null) {
            exchange.getResponseHeaders().add("Location", path + "/" + reply.locationId());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
