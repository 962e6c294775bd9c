package org.statehub.feed.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.Pulls;
import org.statehub.feed.store.SisConnection;

/** Reads a connection's settings from a request body, over the settings it has (or the defaults of a new one). */
final class ConnectionRequests {

    static final String DEFAULT_SCHEDULE = "0 0 14,17 * * ?";
    static final List<String> FORMATS = List.of("edfi-json", "csv-templates", "push");

    private ConnectionRequests() {}

    /** The connection a request describes, over {@code base} (null for a new one); problems go to {@code errors}. */
    static SisConnection read(JsonNode r, SisConnection base, Map<String, List<String>> errors) {
        if (r == null || !r.isObject()) {
            errors.put("$", List.of("A JSON object is required."));
            return null;
        }
        long lea = r.has("localEducationAgencyId")
                ? r.path("localEducationAgencyId").asLong(-1)
                : base == null ? -1 : base.localEducationAgencyId();
        if (lea <= 0) {
            errors.put("$.localEducationAgencyId", List.of("LocalEducationAgencyId is required (a positive number)."));
        }
        String vendor = text(r, "vendor", base == null ? null : base.vendor());
        if (vendor == null || vendor.isBlank()) {
            errors.put("$.vendor", List.of("Vendor is required."));
        }
        String format = text(r, "format", base == null ? "edfi-json" : base.format());
        if (!FORMATS.contains(format)) {
            errors.put("$.format", List.of("Format must be one of " + FORMATS + "."));
        }
        String baseUrl = text(r, "baseUrl", base == null ? null : base.baseUrl());
        if ("push".equals(format) && baseUrl == null) {
            baseUrl = "push:"; // the vendor sends; there is nothing to pull from
        } else if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            errors.put("$.baseUrl", List.of("BaseUrl must be an http(s) URL."));
        } else {
            try {
                URI.create(baseUrl);
            } catch (IllegalArgumentException e) {
                errors.put("$.baseUrl", List.of("BaseUrl is not a valid URL."));
            }
        }
        SisConnection.VendorCredentials credentials =
                base == null ? new SisConnection.VendorCredentials(null) : base.credentials();
        if (r.has("credentials")) {
            JsonNode given = r.get("credentials");
            if (given.isNull()) {
                credentials = new SisConnection.VendorCredentials(null);
            } else if (!given.isObject()) {
                errors.put("$.credentials", List.of("Credentials must be an object such as {\"apiKey\": \"...\"}."));
            } else {
                credentials =
                        new SisConnection.VendorCredentials(given.path("apiKey").asText(null));
            }
        }
        String schedule = text(r, "schedule", base == null ? DEFAULT_SCHEDULE : base.schedule());
        String timeZone = text(r, "timeZone", base == null ? "UTC" : base.timeZone());
        Pulls.scheduleProblem(schedule, timeZone).ifPresent(p -> errors.put("$.schedule", List.of(p)));
        List<String> resources = new ArrayList<>(base == null ? Puller.DEFAULT_RESOURCES : base.resources());
        if (r.has("resources")) {
            resources.clear();
            if (!r.get("resources").isArray() || r.get("resources").isEmpty()) {
                errors.put("$.resources", List.of("Resources must be a non-empty array."));
            } else {
                for (JsonNode resource : r.get("resources")) {
                    if (!Puller.LOAD_ORDER.containsKey(resource.asText())) {
                        errors.put(
                                "$.resources",
                                List.of("Unknown resource '" + resource.asText() + "'; known: "
                                        + Puller.LOAD_ORDER.keySet() + "."));
                    }
                    resources.add(resource.asText());
                }
            }
        }
        List<Integer> years = new ArrayList<>(base == null ? List.of(currentSchoolYear()) : base.schoolYears());
        if (r.has("schoolYears")) {
            years.clear();
            if (!r.get("schoolYears").isArray() || r.get("schoolYears").isEmpty()) {
                errors.put("$.schoolYears", List.of("SchoolYears must be a non-empty array such as [2025]."));
            } else {
                for (JsonNode year : r.get("schoolYears")) {
                    if (!year.canConvertToInt() || year.asInt() < 1990 || year.asInt() > 2100) {
                        errors.put(
                                "$.schoolYears", List.of("Each school year is a year 1990..2100 (2025 = 2024-2025)."));
                    }
                    years.add(year.asInt());
                }
            }
        }
        boolean legal = r.has("preferLegalNames")
                ? r.get("preferLegalNames").asBoolean(true)
                : base == null || base.preferLegalNames();
        boolean enabled = r.has("enabled") ? r.get("enabled").asBoolean(true) : base == null || base.enabled();
        List<Long> excludedSchools = new ArrayList<>(base == null ? List.of() : base.excludedSchoolIds());
        if (r.has("excludedSchoolIds")) {
            excludedSchools.clear();
            if (!r.get("excludedSchoolIds").isArray()) {
                errors.put("$.excludedSchoolIds", List.of("ExcludedSchoolIds must be an array of school ids."));
            } else {
                for (JsonNode id : r.get("excludedSchoolIds")) {
                    if (!id.canConvertToLong() || id.asLong() <= 0) {
                        errors.put("$.excludedSchoolIds", List.of("Each excluded school is a school id."));
                    }
                    excludedSchools.add(id.asLong());
                }
            }
        }
        List<String> excludedCalendars = new ArrayList<>(base == null ? List.of() : base.excludedCalendarCodes());
        if (r.has("excludedCalendarCodes")) {
            excludedCalendars.clear();
            if (!r.get("excludedCalendarCodes").isArray()) {
                errors.put("$.excludedCalendarCodes", List.of("ExcludedCalendarCodes must be an array of codes."));
            } else {
                r.get("excludedCalendarCodes").forEach(code -> excludedCalendars.add(code.asText()));
            }
        }
        return new SisConnection(
                base == null ? null : base.id(),
                lea,
                vendor,
                baseUrl,
                format,
                credentials,
                null,
                null,
                schedule,
                timeZone,
                List.copyOf(resources),
                List.copyOf(years),
                legal,
                enabled,
                null,
                null,
                null,
                List.copyOf(excludedSchools),
                List.copyOf(excludedCalendars));
    }

    private static String text(JsonNode r, String field, String fallback) {
        return r.hasNonNull(field) ? r.get(field).asText() : fallback;
    }

    /** The school year in progress (a year runs 07-01..06-30 and is named by its ending year). */
    static int currentSchoolYear() {
        java.time.LocalDate today = java.time.LocalDate.now();
        return today.getMonthValue() >= 7 ? today.getYear() + 1 : today.getYear();
    }
}
