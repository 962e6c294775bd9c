package org.statehub.edfi.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.config.EngineDatabase;
import org.statehub.edfi.core.config.StandIn;
import org.statehub.edfi.core.service.SkippedRecords;

/**
 * A replica consumer against a source (a small HTTP server answering the change queries) that serves, among good
 * items, some the replica cannot hold: the bad ones are skipped and counted, the good ones stored, and the
 * watermark advances past them all, so the next window does not meet them again.
 */
class ReplicaConsumerTest {

    private static final String GOOD_1 = "11111111-1111-1111-1111-111111111111";
    private static final String GOOD_2 = "22222222-2222-2222-2222-222222222222";
    private static final String WITH_NUL = "33333333-3333-3333-3333-333333333333";
    private static final String GONE = "44444444-4444-4444-4444-444444444444";

    @RegisterExtension
    static final EngineDatabase DATABASE = new EngineDatabase();

    @RegisterExtension
    static final StandIn SOURCE = new StandIn(ReplicaConsumerTest::answer);

    private static DataSource dataSource;
    private static final List<String> requests = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dataSource = DATABASE.dataSource();
    }

    /** student-service as a non-administrator sees it: no checkpoint, changes up to version 10. */
    private static void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        org.statehub.edfi.core.config.EngineTestSupport.answerAsSource(
                exchange, 10, List.of("students"), ReplicaConsumerTest::students);
    }

    /** What the stand-in student-service serves at {@code path}; null for anything else. */
    private static String students(String path) {
        return switch (path) {
            case "/data/v3/ed-fi/students" ->
                "["
                        + "{\"id\": \"" + GOOD_1 + "\", \"studentUniqueId\": \"S1\", \"firstName\": \"Ana\","
                        + " \"lastSurname\": \"Lee\", \"birthDate\": \"2010-01-01\", \"_etag\": \"3\"},"
                        + "{\"id\": \"" + WITH_NUL
                        + "\", \"studentUniqueId\": \"S3\", \"firstName\": \"Bad\\u0000Name\","
                        + " \"lastSurname\": \"Lee\", \"birthDate\": \"2010-01-01\", \"_etag\": \"4\"},"
                        + "\"not an item\","
                        + "{\"studentUniqueId\": \"S5\", \"firstName\": \"No\", \"lastSurname\": \"Id\", \"_etag\": \"5\"},"
                        + "{\"id\": \"" + GOOD_2 + "\", \"studentUniqueId\": \"S2\", \"firstName\": \"Bo\","
                        + " \"lastSurname\": \"Kim\", \"birthDate\": \"2011-02-02\", \"_etag\": \"6\","
                        // a reference as the source serves it, with the link its read adds
                        + " \"personReference\": {\"personId\": \"P2\", \"sourceSystemDescriptor\": \"uri://x#y\","
                        + " \"link\": {\"rel\": \"Person\", \"href\": \"/ed-fi/people/0123\"}}}]";
            case "/data/v3/ed-fi/students/deletes" ->
                "[{\"id\": \"not-a-uuid\", \"changeVersion\": 7}, {\"id\": \"" + GONE + "\"}]";
            default -> null;
        };
    }

    @Test
    void itemsTheReplicaCannotHoldAreSkippedAndCountedAndTheWatermarkAdvancesPastThem() throws Exception {
        SkippedRecords skipped = new SkippedRecords();
        ChangeFeed feed = new ChangeFeed(SOURCE.url(), new ObjectMapper(), Duration.ofSeconds(5), null);
        ReplicaConsumer consumer = new ReplicaConsumer(
                "student-service", feed, Set.of("students"), ResourceCatalog.load(), dataSource, 0, skipped);

        assertThat(consumer.catchUp())
                .as("the two good items and the tombstone of an item never replicated")
                .isEqualTo(3);

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("SELECT id::text FROM replica_item WHERE resource = 'students'" + " ORDER BY id")) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                assertThat(ids).containsExactly(GOOD_1, GOOD_2);
            }
            // the replica keeps the item as its source stores it: without the links of the source's read
            try (ResultSet rs =
                    s.executeQuery("SELECT body->'personReference' FROM replica_item WHERE id = '" + GOOD_2 + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(new ObjectMapper().readTree(rs.getString(1)))
                        .isEqualTo(new ObjectMapper()
                                .readTree("{\"personId\": \"P2\", \"sourceSystemDescriptor\": \"uri://x#y\"}"));
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT change_version FROM replication_watermark" + " WHERE source = 'student-service'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(10);
            }
        }
        // the item with a NUL, the one that is no object, the one without an id, the tombstone without a valid id
        assertThat(skipped.count("replication from student-service")).isEqualTo(4);
        assertThat(skipped.counts()).containsEntry("replication from student-service", 4L);

        requests.clear();
        assertThat(consumer.catchUp())
                .as("nothing new: the window is not read again")
                .isZero();
        assertThat(requests).noneMatch(r -> r.contains("/data/v3/ed-fi/students"));
    }
}
