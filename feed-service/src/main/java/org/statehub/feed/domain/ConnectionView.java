package org.statehub.feed.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.statehub.feed.store.SisConnection;

/** A connection as the API shows it: credentials only as whether they are set, the publishing secret never. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionView(
        String id,
        long localEducationAgencyId,
        String vendor,
        String baseUrl,
        String format,
        boolean credentialsSet,
        String publishClientId,
        String schedule,
        String timeZone,
        List<String> resources,
        List<Integer> schoolYears,
        boolean preferLegalNames,
        boolean enabled,
        List<Long> excludedSchoolIds,
        List<String> excludedCalendarCodes,
        Map<String, Map<String, String>> extensionColumns,
        Instant nextPullAt,
        Instant createdAt,
        Instant updatedAt) {

    public static ConnectionView of(SisConnection c) {
        return new ConnectionView(
                c.id(),
                c.localEducationAgencyId(),
                c.vendor(),
                c.baseUrl(),
                c.format(),
                c.credentials() != null && c.credentials().any(),
                c.publishClientId(),
                c.schedule(),
                c.timeZone(),
                c.resources(),
                c.schoolYears(),
                c.preferLegalNames(),
                c.enabled(),
                c.excludedSchoolIds(),
                c.excludedCalendarCodes(),
                c.extensionColumns(),
                c.nextPullAt(),
                c.createdAt(),
                c.updatedAt());
    }
}
