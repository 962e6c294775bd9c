package org.statehub.feed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A resync job as {@code /feed/v1/resyncs} shows it: its phase, progress (done of total, rate, estimated seconds
 * left while it runs) and, at the end, its report.
 */
public record ResyncJob(
        long id,
        String connectionId,
        String resource,
        String status,
        String phase,
        long done,
        long total,
        String requestedBy,
        Instant startedAt,
        Instant finishedAt,
        BigDecimal ratePerSecond,
        BigDecimal etaSeconds,
        Long runId,
        JsonNode report,
        String error) {}
