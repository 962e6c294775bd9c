package org.statehub.feed.store;

import java.sql.SQLException;
import java.util.List;
import org.statehub.feed.domain.LeaStatus;

/** What {@code GET /feed/v1/status} reads: connections, runs per day and outbox outcomes per day and feed. */
public interface StatusReads {

    /** A connection of an LEA. */
    record LeaConnection(long leaId, LeaStatus.ConnectionStatus connection) {}

    /** An LEA's runs of one day. */
    record LeaDay(long leaId, LeaStatus.DayRuns runs) {}

    /** What an LEA's runs of one day published for one feed. */
    record LeaFeed(long leaId, String date, String feed, LeaStatus.FeedCounts counts) {}

    /** Connections in the order they were made, of one LEA or all ({@code leaId} null). */
    List<LeaConnection> connections(Long leaId) throws SQLException;

    /** Runs (previews aside) started in the last {@code days} days, per LEA and day in the connection's zone. */
    List<LeaDay> days(int days, Long leaId) throws SQLException;

    /** Outbox rows of runs started in the last {@code days} days, per LEA, day and feed. */
    List<LeaFeed> feeds(int days, Long leaId) throws SQLException;
}
