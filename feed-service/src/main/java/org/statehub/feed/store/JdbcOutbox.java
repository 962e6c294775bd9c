package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;
import org.statehub.feed.domain.DeliveryOutcome;
import org.statehub.feed.domain.Operation;
import org.statehub.feed.domain.OutboxRow;
import org.statehub.feed.domain.PendingRank;
import org.statehub.feed.domain.Stored;
import org.statehub.jdbc.Sql;

/**
 * {@link Outbox} on {@code outbox}, {@code identity_map} and {@code data_error}: a claim is a token and a
 * claimed-until time on its rows. The claim's cursors (where the last claim of each connection and rank ended) are
 * this instance's.
 */
@Singleton
public class JdbcOutbox implements Outbox {

    private static final Logger LOG = Logger.getLogger(JdbcOutbox.class);

    /**
     * Up to {@code batch} due rows: of each connection with pending rows, its lowest pending rank. Each step is an
     * index walk that stops after the rows it returns, so a claim costs the same on an outbox of ten rows or of a
     * million (a plan comparing all pending rows made each claim grow with the outbox). Each step writes the claim
     * on the rows it returns ({@code FOR UPDATE SKIP LOCKED} keeps two claims running at once apart; once committed,
     * the lease does).
     *
     * <p>Within a rank the walk starts after the last row this instance claimed of it ({@link #cursors}): from
     * the rank's first row, each claim would pass every row already delivered (whose index entries stay until the
     * outbox is vacuumed; measured 12-16 ms a claim after 8,000 rows). Rows behind the cursor that are still
     * pending (a retry waiting for its backoff, rows another claim held) are picked up when a walk from the cursor
     * comes back short and the rank is walked again from its start (which passes the rows this claim took, now
     * leased).
     */
    @Override
    public List<OutboxRow> claim(Connection c, UUID token, Duration lease, int batch) throws SQLException {
        List<PendingRank> lowest = Sql.list(
                        c,
                        "SELECT n.id, (SELECT o.rank FROM outbox o WHERE o.connection_id = n.id"
                                + " AND o.status = 'pending' ORDER BY o.rank LIMIT 1) FROM connection n",
                        rs -> rs.getObject(2) == null ? null : new PendingRank(rs.getString(1), rs.getInt(2)))
                .stream()
                .filter(Objects::nonNull)
                .toList();
        List<OutboxRow> rows = new ArrayList<>();
        for (PendingRank next : lowest) {
            if (rows.size() >= batch) {
                break;
            }
            long after = cursors.getOrDefault(next, 0L);
            rows.addAll(claimRank(c, token, lease, next, after, batch - rows.size()));
            if (after > 0 && rows.size() < batch) {
                rows.addAll(claimRank(c, token, lease, next, 0, batch - rows.size()));
            }
            if (!rows.isEmpty() && rows.get(rows.size() - 1).connectionId().equals(next.connectionId())) {
                cursors.put(next, rows.get(rows.size() - 1).id());
            }
        }
        cursors.keySet().retainAll(lowest);
        return rows;
    }

    /** Where the last claim of each connection and rank ended (its last outbox id). */
    private final Map<PendingRank, Long> cursors = new ConcurrentHashMap<>();

    /**
     * Claims up to {@code limit} due rows of one connection and rank after {@code after}, in id order. Never ahead
     * of an older pending change of the same record (a delete's rank differs from its upsert's), claimed or not.
     */
    private static List<OutboxRow> claimRank(
            Connection c, UUID token, Duration lease, PendingRank rank, long after, int limit) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>(Sql.list(
                c,
                "UPDATE outbox u SET claim_token = ?, claimed_until = clock_timestamp() + make_interval(secs => ?)"
                        + " FROM (SELECT o.id FROM outbox o"
                        + " WHERE o.connection_id = ? AND o.rank = ? AND o.id > ? AND o.status = 'pending'"
                        + " AND o.next_attempt_at <= clock_timestamp()"
                        + " AND (o.claimed_until IS NULL OR o.claimed_until <= clock_timestamp())"
                        + " AND NOT EXISTS (SELECT 1 FROM outbox q WHERE q.connection_id = o.connection_id"
                        + " AND q.resource = o.resource AND q.source_id = o.source_id AND q.school_year = o.school_year"
                        + " AND q.status = 'pending'"
                        + " AND q.id < o.id)"
                        + " ORDER BY o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED) due WHERE u.id = due.id"
                        + " RETURNING u.id, u.connection_id, u.resource, u.source_id, u.operation, u.body::text,"
                        + " u.key_values::text, u.attempts, u.target_id, u.school_year",
                rs -> new OutboxRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Stored.of(Operation.class, rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8),
                        rs.getString(9),
                        rs.getInt(10)),
                token,
                seconds(lease),
                rank.connectionId(),
                rank.rank(),
                after,
                limit));
        rows.sort(Comparator.comparingLong(OutboxRow::id));
        return rows;
    }

    @Override
    public int renew(Connection c, UUID token, Duration lease) throws SQLException {
        return Sql.update(
                c,
                "UPDATE outbox SET claimed_until = clock_timestamp() + make_interval(secs => ?) WHERE claim_token = ?",
                seconds(lease),
                token);
    }

    @Override
    public int release(Connection c, UUID token) throws SQLException {
        return Sql.update(c, "UPDATE outbox SET claim_token = NULL, claimed_until = NULL WHERE claim_token = ?", token);
    }

    @Override
    public Set<Long> held(Connection c, UUID token) throws SQLException {
        return new HashSet<>(
                Sql.list(c, "SELECT id FROM outbox WHERE claim_token = ? FOR UPDATE", rs -> rs.getLong(1), token));
    }

    private static double seconds(Duration lease) {
        return lease.toMillis() / 1000.0;
    }

    @Override
    public void record(Connection c, List<OutboxRow> rows, List<DeliveryOutcome> outcomes, Duration maxBackoff)
            throws SQLException {
        List<Integer> indexes = IntStream.range(0, rows.size()).boxed().toList();
        Sql.batch(
                c,
                "UPDATE outbox SET status = ?, attempts = attempts + 1, claim_token = NULL, claimed_until = NULL,"
                        + " outcome_status = ?::integer, outcome = ?::text,"
                        + " delivered_at = CASE WHEN ? = 'delivered' THEN clock_timestamp() END,"
                        + " next_attempt_at = CASE WHEN ? = 'pending' THEN clock_timestamp() + make_interval(secs => ?)"
                        + " ELSE next_attempt_at END WHERE id = ?",
                indexes,
                i -> {
                    OutboxRow row = rows.get(i);
                    DeliveryOutcome outcome = outcomes.get(i);
                    String status = outcome.kind().stored().value();
                    long wait = DeliveryOutcome.retryWaitSeconds(row.attempts(), maxBackoff);
                    String detail = outcome.detail();
                    if (outcome.kind() == DeliveryOutcome.Kind.RETRY) {
                        LOG.debugf("Delivery of outbox row %d will be retried in %d s: %s", row.id(), wait, detail);
                    }
                    return new Object[] {
                        status,
                        outcome.httpStatus(),
                        Storable.text(detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000)),
                        status,
                        status,
                        wait,
                        row.id()
                    };
                });
        Sql.batch(
                c,
                "UPDATE identity_map SET target_id = ? WHERE connection_id = ? AND resource = ? AND source_id = ?"
                        + " AND school_year = ?",
                indexes.stream()
                        .filter(i -> outcomes.get(i).targetId() != null
                                && rows.get(i).operation() != Operation.DELETE)
                        .toList(),
                i -> new Object[] {
                    outcomes.get(i).targetId(),
                    rows.get(i).connectionId(),
                    rows.get(i).resource(),
                    rows.get(i).sourceId(),
                    rows.get(i).schoolYear()
                });
    }

    @Override
    public void resolveDelivered(Connection c, List<OutboxRow> delivered) throws SQLException {
        Sql.batch(
                c,
                "UPDATE data_error SET state = 'resolved', closed_at = clock_timestamp(),"
                        + " resolution = 'Delivered (outbox ' || ?::text || ').' WHERE connection_id = ?"
                        + " AND resource = ? AND source_id = ? AND school_year = ? AND kind = 'rejected'"
                        + " AND state = 'open'",
                delivered,
                row -> new Object[] {row.id(), row.connectionId(), row.resource(), row.sourceId(), row.schoolYear()});
    }
}
