package org.statehub.feed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.statehub.feed.TestConnections;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Outbox;
import org.statehub.feed.store.RunStore;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;
import org.statehub.testing.PostgresTestResource;

/**
 * Delivery against a stand-in hub (docs/FEEDS.md, "Publishing"); each test's rows belong to a connection of its own
 * (other tests' pending rows may be claimed too, so nothing here counts a batch).
 *
 * <p>Delivery holds the rows it sends by a lease, never by an open transaction: while the hub is called its rows
 * are committed as claimed and nobody holds them locked; a lease that ran out is claimed again; a live lease,
 * renewed while the hub is slow, keeps a second deliverer away; and the outcomes of a claim that lost its rows to
 * another claim are not written.
 *
 * <p>Rows that cannot be delivered, next to rows that can: a row that fails inside feed-service and a refusal whose
 * problem quotes a NUL are each rejected with their own data error, and every other row, including those of the
 * next dependency rank, is delivered. Before, the first was retried forever (holding back every later rank of its
 * connection) and the second failed the whole claim on every attempt.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DeliveryTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    Outbox outbox;

    @Inject
    RunStore runStore;

    private String connectionId;
    private long runId;

    /** A row's state: status, attempts, whether a claim holds it and which, whether its lease runs. */
    private record RowState(String status, int attempts, UUID token, boolean live) {

        static final String QUERY =
                "SELECT status, attempts, claim_token, claimed_until > clock_timestamp() FROM outbox WHERE id = ?";

        static RowState read(ResultSet rs) throws SQLException {
            return new RowState(rs.getString(1), rs.getInt(2), rs.getObject(3, UUID.class), rs.getBoolean(4));
        }
    }

    @BeforeEach
    void connection() throws SQLException {
        connectionId = TestConnections.push(dataSource, connections).id();
        try (Connection c = dataSource.getConnection()) {
            runId = runStore.start(c, connectionId, RunTrigger.PUSH);
            runStore.succeed(c, runId, 2, 0, 2, 0, 0);
        }
    }

    private long pending(String sourceId, String studentUniqueId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return StandInHub.pending(
                    c,
                    runId,
                    connectionId,
                    4,
                    sourceId,
                    "upsert",
                    "{\"studentUniqueId\": \"" + studentUniqueId + "\"}");
        }
    }

    private RowState state(long id) throws SQLException {
        return Transactions.read(
                dataSource,
                c -> Sql.first(c, RowState.QUERY, RowState::read, id).orElseThrow());
    }

    /** Gives the row to another claim, whose lease runs out {@code seconds} from now (negative: has run out). */
    private UUID claimedElsewhere(long id, int seconds) throws SQLException {
        UUID other = UUID.randomUUID();
        Transactions.read(
                dataSource,
                c -> Sql.update(
                        c,
                        "UPDATE outbox SET claim_token = ?, claimed_until = clock_timestamp() + make_interval(secs => ?)"
                                + " WHERE id = ?",
                        other,
                        seconds,
                        id));
        return other;
    }

    private static long calls(StandInHub hub, String studentUniqueId) {
        return hub.requests.stream()
                .filter(r -> r.body().contains("\"" + studentUniqueId + "\""))
                .count();
    }

    @Test
    void theHubIsCalledWithTheClaimCommittedAndNoTransactionOpen() throws Exception {
        String marker = "lease-" + UUID.randomUUID();
        long id = pending("S-1", marker);
        List<String> seen = new CopyOnWriteArrayList<>();
        StandInHub.Answer answer = request -> {
            if (request.body().contains(marker)) {
                seen.add(observe(id));
            }
            return StandInHub.Reply.created();
        };
        try (StandInHub hub = new StandInHub(answer)) {
            hub.delivery(dataSource, connections, outbox, runStore, StandInHub.settings(1, Duration.ofMinutes(1)))
                    .deliverBatch();
        }

        assertThat(seen).containsExactly("pending claimed=true idle-in-transaction=0");
        assertThat(state(id)).isEqualTo(new RowState("delivered", 1, null, false));
    }

    /**
     * From another session, while the hub is called: the row's status, whether a live claim holds it, and how many
     * sessions sit in a transaction that touched the outbox; or why the row could not be locked at once.
     */
    private String observe(long id) {
        try {
            return Transactions.inTransaction(dataSource, c -> {
                // another session can lock the row at once (NOWAIT fails when a transaction holds it)
                RowState row = Sql.first(c, RowState.QUERY + " FOR UPDATE NOWAIT", RowState::read, id)
                        .orElseThrow();
                long idle = Sql.first(
                                c,
                                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                        + " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
                                        + " AND query ILIKE '%outbox%'",
                                rs -> rs.getLong(1))
                        .orElseThrow();
                c.rollback();
                return row.status() + " claimed=" + (row.token() != null && row.live()) + " idle-in-transaction="
                        + idle;
            });
        } catch (SQLException e) {
            return "not lockable: " + e.getMessage();
        }
    }

    @Test
    void aLeaseThatRanOutIsClaimedAgainAndALiveOneIsLeftAlone() throws Exception {
        String expired = "expired-" + UUID.randomUUID();
        String live = "live-" + UUID.randomUUID();
        String behindLive = "behind-live-" + UUID.randomUUID();
        long expiredId = pending("S-1", expired);
        long liveId = pending("S-2", live);
        // a newer change of the record the live claim holds: never ahead of it
        long behindLiveId = pending("S-2", behindLive);
        claimedElsewhere(expiredId, -1);
        UUID other = claimedElsewhere(liveId, 600);

        try (StandInHub hub = new StandInHub(request -> StandInHub.Reply.created())) {
            Delivery delivery = hub.delivery(
                    dataSource, connections, outbox, runStore, StandInHub.settings(1, Duration.ofMinutes(1)));
            delivery.deliverBatch();
            delivery.deliverBatch();

            assertThat(calls(hub, expired)).isEqualTo(1);
            assertThat(calls(hub, live)).isZero();
            assertThat(calls(hub, behindLive)).isZero();
        }
        assertThat(state(expiredId)).isEqualTo(new RowState("delivered", 1, null, false));
        assertThat(state(liveId)).isEqualTo(new RowState("pending", 0, other, true));
        assertThat(state(behindLiveId)).isEqualTo(new RowState("pending", 0, null, false));
    }

    @Test
    void aLeaseRenewedWhileTheHubIsSlowKeepsASecondDelivererAway() throws Exception {
        String marker = "slow-" + UUID.randomUUID();
        long id = pending("S-1", marker);
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        try (StandInHub hub = new StandInHub(request -> {
            if (request.body().contains(marker)) {
                called.countDown();
                answer.await(30, TimeUnit.SECONDS);
            }
            return StandInHub.Reply.created();
        })) {
            Duration lease = Duration.ofSeconds(2);
            Delivery first = hub.delivery(dataSource, connections, outbox, runStore, StandInHub.settings(1, lease));
            Delivery second = hub.delivery(dataSource, connections, outbox, runStore, StandInHub.settings(1, lease));
            CompletableFuture<Integer> firstBatch = CompletableFuture.supplyAsync(() -> {
                try {
                    return first.deliverBatch();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
            UUID token = state(id).token();
            // past the end of the first lease: only its renewals keep the row held
            Thread.sleep(lease.toMillis() + 500);
            assertThat(state(id)).isEqualTo(new RowState("pending", 0, token, true));

            second.deliverBatch();

            assertThat(calls(hub, marker)).isEqualTo(1);
            answer.countDown();
            firstBatch.get(30, TimeUnit.SECONDS);
        }
        assertThat(state(id)).isEqualTo(new RowState("delivered", 1, null, false));
    }

    @Test
    void theOutcomesOfAClaimThatLostItsLeaseAreNotWritten() throws Exception {
        String lost = "lost-" + UUID.randomUUID();
        String kept = "kept-" + UUID.randomUUID();
        long lostId = pending("S-1", lost);
        long keptId = pending("S-2", kept);
        List<UUID> others = new CopyOnWriteArrayList<>();
        StandInHub.Answer answer = request -> {
            if (request.body().contains(lost)) {
                // meanwhile its lease ran out and another claim took the row
                others.add(claimedElsewhere(lostId, 600));
                return new StandInHub.Reply(
                        400, "{\"type\": \"urn:ed-fi:api:bad-request\", \"status\": 400, \"detail\": \"No.\"}", null);
            }
            return StandInHub.Reply.created();
        };
        try (StandInHub hub = new StandInHub(answer)) {
            hub.delivery(dataSource, connections, outbox, runStore, StandInHub.settings(1, Duration.ofMinutes(1)))
                    .deliverBatch();
        }

        assertThat(others).hasSize(1);
        assertThat(state(lostId)).isEqualTo(new RowState("pending", 0, others.get(0), true));
        assertThat(state(keptId)).isEqualTo(new RowState("delivered", 1, null, false));
        long errors = Transactions.read(
                dataSource,
                c -> Sql.first(
                                c,
                                "SELECT count(*) FROM data_error WHERE connection_id = ? AND source_id = 'S-1'",
                                rs -> rs.getLong(1),
                                connectionId)
                        .orElseThrow());
        assertThat(errors).isZero();
    }

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
        try (Connection c = dataSource.getConnection()) {
            // an orphan whose hub id cannot be put in a URL: the call cannot even be made
            StandInHub.pending(c, runId, connectionId, 4, "P-1", "purge", "{\"id\": \"not a valid id\"}");
            StandInHub.pending(c, runId, connectionId, 4, "S-1", "upsert", "{\"studentUniqueId\": \"801\"}");
            StandInHub.pending(c, runId, connectionId, 4, "S-2", "upsert", "{\"studentUniqueId\": \"refused\"}");
            StandInHub.pending(c, runId, connectionId, 5, "S-3", "upsert", "{\"studentUniqueId\": \"803\"}");
        }
        try (StandInHub hub = new StandInHub(DeliveryTest::answer)) {
            Delivery delivery = hub.delivery(
                    dataSource, connections, outbox, runStore, StandInHub.settings(1, Duration.ofMinutes(1)));
            for (int i = 0; i < 3; i++) {
                delivery.deliverBatch();
            }
        }

        Map<String, String> status;
        Map<String, String> errors;
        try (Connection c = dataSource.getConnection()) {
            status = pairs(c, "SELECT source_id, status FROM outbox WHERE connection_id = ? ORDER BY id", connectionId);
            errors = pairs(
                    c,
                    "SELECT source_id, code || ' | ' || message FROM data_error"
                            + " WHERE connection_id = ? AND state = 'open' ORDER BY source_id",
                    connectionId);
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
