package org.statehub.feed.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A resync job as {@code /feed/v1/resyncs} shows it: its phase, progress (done of total, rate, estimated seconds
 * left while it runs) and, at the end, its report. With school years: the one year it was asked to repair
 * ({@code schoolYear}; absent: every year), the years it compares ({@code schoolYears}) and, while it reads the hub,
 * the year it reads ({@code readingYear}); without years none of the three is shown.
 */
public record ResyncJob(
        long id,
        String connectionId,
        String resource,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer schoolYear,
        String status,
        String phase,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> schoolYears,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer readingYear,
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
