package org.statehub.feed.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.statehub.feed.domain.DeliveryOutcome;
import org.statehub.feed.domain.OutboxRow;

/**
 * What delivery asks of the outbox (SQL only, each call in a short transaction of the caller). Delivery holds the
 * rows it sends by a lease, a claim token and a claimed-until time written on them, never by an open transaction
 * (docs/FEEDS.md, "Publishing").
 */
public interface Outbox {

    /**
     * Claims up to {@code batch} due rows for {@code token} until {@code lease} from now: of each connection with
     * pending rows, its lowest pending rank, never ahead of an older pending change of the same record, and no row
     * another claim holds (its lease has not run out). Rows whose lease ran out are claimed again.
     */
    List<OutboxRow> claim(Connection c, UUID token, Duration lease, int batch) throws SQLException;

    /** Extends the lease of the rows {@code token} still holds to {@code lease} from now; how many it holds. */
    int renew(Connection c, UUID token, Duration lease) throws SQLException;

    /** Gives back the rows {@code token} still holds, due again at once (no attempt counted); how many. */
    int release(Connection c, UUID token) throws SQLException;

    /**
     * The ids of the rows {@code token} still holds, locked until the caller's transaction ends (so no other claim
     * takes them before their outcomes are written). A row missing here lost its lease to another claim.
     */
    Set<Long> held(Connection c, UUID token) throws SQLException;

    /**
     * Records each row's outcome (status, attempts, the hub's answer; a retry's next attempt after its wait, up to
     * {@code maxBackoff}), ending its claim, and the hub's ids the answers named in the identity map. For rows
     * {@link #held} returned only.
     */
    void record(Connection c, List<OutboxRow> rows, List<DeliveryOutcome> outcomes, Duration maxBackoff)
            throws SQLException;

    /** Closes the open refusals of the records these delivered rows carried. */
    void resolveDelivered(Connection c, List<OutboxRow> delivered) throws SQLException;
}
