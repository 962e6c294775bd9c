package org.statehub.feed;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

/**
 * Connections stored directly for tests (making one through the API needs the hub, tested in system-tests): a new
 * id, LEA 255901, the vendor's key {@code vendor-secret-key}, the publishing client {@code publisher}, school year
 * 2025, legal names; and the check of what a push to one answers.
 */
public final class TestConnections {

    private TestConnections() {}

    /** A push connection of students (vendors send their records; nothing is pulled). */
    public static SisConnection push(DataSource dataSource, ConnectionStore connections) throws SQLException {
        return stored(dataSource, connections, "push:", "push", List.of("students"));
    }

    /** A connection of {@code resources}, read from {@code baseUrl} in {@code format}, stored. */
    public static SisConnection stored(
            DataSource dataSource, ConnectionStore connections, String baseUrl, String format, List<String> resources)
            throws SQLException {
        return stored(dataSource, connections, baseUrl, format, resources, List.of(2025));
    }

    /** As above, taking {@code schoolYears}. */
    public static SisConnection stored(
            DataSource dataSource,
            ConnectionStore connections,
            String baseUrl,
            String format,
            List<String> resources,
            List<Integer> schoolYears)
            throws SQLException {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Instant now = Instant.now();
        SisConnection connection = new SisConnection(
                id,
                255901,
                "Acme SIS",
                baseUrl,
                format,
                new SisConnection.VendorCredentials("vendor-secret-key"),
                "publisher",
                "publisher-secret",
                "0 0 14,17 * * ?",
                "UTC",
                resources,
                schoolYears,
                true,
                true,
                null,
                now,
                now,
                List.of(),
                List.of(),
                java.util.Map.of());
        try (Connection c = dataSource.getConnection()) {
            connections.insert(c, connection);
        }
        return connection;
    }

    /** A push's answer: 202, with how many records it received, held, queued as upserts and queued as deletes. */
    public static ValidatableResponse pushed(
            ValidatableResponse answer, int received, int held, int upserts, int deletes) {
        return answer.statusCode(202)
                .body("received", equalTo(received))
                .body("held", equalTo(held))
                .body("upserts", equalTo(upserts))
                .body("deletes", equalTo(deletes));
    }
}
