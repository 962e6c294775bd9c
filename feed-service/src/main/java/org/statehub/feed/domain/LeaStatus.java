package org.statehub.feed.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One LEA's feeds ({@code GET /feed/v1/status}): its connections, and per day (newest first, in the connection's
 * time zone) its runs and what they published per daily feed.
 */
public record LeaStatus(long localEducationAgencyId, List<ConnectionStatus> connections, List<DayStatus> days) {

    /** A connection with its last successful pull and its last run (absent when it never ran). */
    public record ConnectionStatus(
            String id,
            String vendor,
            String format,
            boolean enabled,
            Instant nextPullAt,
            Instant lastSuccessfulPullAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) LastRun lastRun) {}

    public record LastRun(
            long id, String trigger, String status, Instant startedAt, Instant finishedAt, String reason) {}

    /** A day's runs (previews aside) and, when they queued anything, the outcome per feed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DayStatus(
            String date,
            Long runs,
            Long failed,
            Long held,
            Long recordsRead,
            Long recordsHeld,
            Map<String, FeedCounts> feeds) {}

    /** A day's runs of one LEA. */
    public record DayRuns(String date, long runs, long failed, long held, long recordsRead, long recordsHeld) {}

    /** What a day's runs published for one feed (demographic, contacts, enrollment, attendance, organizations). */
    public record FeedCounts(long upserted, long deleted, long keyChanges, long rejected, long pending) {}
}
