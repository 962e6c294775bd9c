package org.statehub.feed.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A SIS connection: where one LEA's data is pulled from, how often, and which resources and school years.
 * Credentials are held decrypted only in memory ({@link VendorCredentials}); the publishing client is the hub
 * API client this connection writes with (scoped to its LEA). Records of excluded schools and calendars are not
 * reported (state rule). {@code extensionColumns}: of a csv-templates connection, per resource the template columns
 * that fill extension members ({@code {"students": {"PetName": "_ext.sample.pets[].petName"}}}, docs/FEEDS.md).
 */
public record SisConnection(
        String id,
        long localEducationAgencyId,
        String vendor,
        String baseUrl,
        String format,
        VendorCredentials credentials,
        String publishClientId,
        String publishSecret,
        String schedule,
        String timeZone,
        List<String> resources,
        List<Integer> schoolYears,
        boolean preferLegalNames,
        boolean enabled,
        Instant nextPullAt,
        Instant createdAt,
        Instant updatedAt,
        List<Long> excludedSchoolIds,
        List<String> excludedCalendarCodes,
        Map<String, Map<String, String>> extensionColumns) {

    /** How to authenticate at the vendor: an API key header, or nothing. */
    public record VendorCredentials(String apiKey) {
        public boolean any() {
            return apiKey != null && !apiKey.isEmpty();
        }
    }
}
