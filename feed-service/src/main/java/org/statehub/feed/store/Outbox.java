package org.statehub.feed.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.statehub.feed.domain.DeliveryOutcome;
import org.statehub.feed.domain.OutboxRow;

/** What delivery asks of the outbox (SQL only, in the caller's claiming transaction). */
public interface Outbox {

    /**
     * Claims up to {@code batch} due rows ({@code FOR UPDATE SKIP LOCKED}): of each connection with pending rows,
     * its lowest pending rank, never ahead of an older pending change of the same record.
     */
    List<OutboxRow> claim(Connection c, int batch) throws SQLException;

    /**
     * Records each row's outcome (status, attempts, the hub's answer; a retry's next attempt after its wait, up to
     * {@code maxBackoff}) and the hub's ids the answers named in the identity map.
     */
    void record(Connection c, List<OutboxRow> rows, List<DeliveryOutcome> outcomes, Duration maxBackoff)
            throws SQLException;

    /** Closes the open refusals of the records these delivered rows carried. */
    void resolveDelivered(Connection c, List<OutboxRow> delivered) throws SQLException;
}
