package org.statehub.feed.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An error of the data-error queue ({@code /feed/v1/errors}): a held record (unmapped code, invalid record) or a
 * record the hub refused, with its LEA, school, student, age in business days and state. {@code record} is the
 * record as the source sent it, as JSON text. {@code schoolYear}: the year the hub refused the change in, with
 * school years (absent for held records and without years).
 */
public record DataErrorEntry(
        long id,
        String state,
        Long localEducationAgencyId,
        Long schoolId,
        String studentUniqueId,
        String resource,
        String sourceId,
        String kind,
        String code,
        String message,
        Instant firstSeen,
        Instant lastSeen,
        int occurrences,
        int ageBusinessDays,
        boolean overdue,
        String connectionId,
        Long runId,
        String resolution,
        Instant closedAt,
        String closedBy,
        String record,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer schoolYear) {

    /** An open error older than this many business days is overdue. */
    public static final int OVERDUE_BUSINESS_DAYS = 5;
}
