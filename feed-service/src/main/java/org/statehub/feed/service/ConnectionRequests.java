package org.statehub.feed.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.feed.pipeline.ExtensionColumns;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.Pulls;
import org.statehub.feed.store.SisConnection;

/**
 * Reads a connection's settings from a request body, over the settings it has (or the defaults of a new one). The
 * body's shape is checked against a JSON Schema ({@code schema/connection-request.json}, networknt's validator,
 * as edfi-core checks documents), each member's problem told in the words of {@link #MESSAGES}; what needs more than
 * the shape is checked here.
 */
final class ConnectionRequests {

    static final String DEFAULT_SCHEDULE = "0 0 14,17 * * ?";
    static final List<String> FORMATS = List.of("edfi-json", "csv-templates", "push");

    private ConnectionRequests() {}

    /** The request's shape (members, types, ranges): {@code schema/connection-request.json}. */
    private static final Schema SCHEMA = schema("/schema/connection-request.json");

    private static Schema schema(String resource) {
        try (InputStream in = ConnectionRequests.class.getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new ObjectMapper().readTree(in));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("feed-service's " + resource + " cannot be read", e);
        }
    }

    /**
     * What a member that does not have the schema's shape is told, by member; for an array, {@code []} after its
     * name: what one of its items is told.
     */
    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("localEducationAgencyId", "LocalEducationAgencyId is required (a positive number)."),
            Map.entry("vendor", "Vendor is required."),
            Map.entry("format", "Format must be one of " + FORMATS + "."),
            Map.entry("baseUrl", "BaseUrl must be an http(s) URL."),
            Map.entry("credentials", "Credentials must be an object such as {\"apiKey\": \"...\"}."),
            Map.entry("resources", "Resources must be a non-empty array."),
            Map.entry("schoolYears", "SchoolYears must be a non-empty array such as [2025]."),
            Map.entry("schoolYears[]", "Each school year is a year 1990..2100 (2025 = 2024-2025)."),
            Map.entry("excludedSchoolIds", "ExcludedSchoolIds must be an array of school ids."),
            Map.entry("excludedSchoolIds[]", "Each excluded school is a school id."),
            Map.entry("excludedCalendarCodes", "ExcludedCalendarCodes must be an array of codes."),
            Map.entry(
                    "extensionColumns",
                    "ExtensionColumns must be an object of resources, each an object of columns and paths, such as"
                            + " {\"students\": {\"PetName\": \"_ext.sample.pets[].petName\"}}."));

    /** The connection a request describes, over {@code base} (null for a new one); problems go to {@code errors}. */
    static SisConnection read(JsonNode r, SisConnection base, Map<String, List<String>> errors) {
        if (r == null || !r.isObject()) {
            errors.put("$", List.of("A JSON object is required."));
            return null;
        }
        for (Error error : SCHEMA.validate(r)) {
            NodePath at = error.getInstanceLocation();
            String member = at.getNameCount() == 0 ? null : String.valueOf(at.getElement(0));
            String message = member == null
                    ? null
                    : MESSAGES.getOrDefault(at.getNameCount() > 1 ? member + "[]" : member, MESSAGES.get(member));
            errors.putIfAbsent(
                    member == null ? "$" : "$." + member, List.of(message == null ? error.getMessage() : message));
        }
        long lea = r.has("localEducationAgencyId")
                ? r.path("localEducationAgencyId").asLong(-1)
                : base == null ? -1 : base.localEducationAgencyId();
        if (lea <= 0) {
            errors.putIfAbsent("$.localEducationAgencyId", List.of(MESSAGES.get("localEducationAgencyId")));
        }
        String vendor = text(r, "vendor", base == null ? null : base.vendor());
        if (vendor == null || vendor.isBlank()) {
            errors.putIfAbsent("$.vendor", List.of(MESSAGES.get("vendor")));
        }
        String format = text(r, "format", base == null ? "edfi-json" : base.format());
        String baseUrl = text(r, "baseUrl", base == null ? null : base.baseUrl());
        if ("push".equals(format) && baseUrl == null) {
            baseUrl = "push:"; // the vendor sends; there is nothing to pull from
        } else if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            errors.putIfAbsent("$.baseUrl", List.of(MESSAGES.get("baseUrl")));
        } else {
            try {
                URI.create(baseUrl);
            } catch (IllegalArgumentException e) {
                errors.putIfAbsent("$.baseUrl", List.of("BaseUrl is not a valid URL."));
            }
        }
        SisConnection.VendorCredentials credentials =
                base == null ? new SisConnection.VendorCredentials(null) : base.credentials();
        if (r.hasNonNull("credentials")) {
            credentials = new SisConnection.VendorCredentials(
                    r.get("credentials").path("apiKey").asText(null));
        } else if (r.has("credentials")) {
            credentials = new SisConnection.VendorCredentials(null);
        }
        String schedule = text(r, "schedule", base == null ? DEFAULT_SCHEDULE : base.schedule());
        String timeZone = text(r, "timeZone", base == null ? "UTC" : base.timeZone());
        Pulls.scheduleProblem(schedule, timeZone).ifPresent(p -> errors.put("$.schedule", List.of(p)));
        List<String> resources = new ArrayList<>(base == null ? Puller.DEFAULT_RESOURCES : base.resources());
        if (r.has("resources")) {
            resources.clear();
            if (r.get("resources").isArray()) {
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
            r.get("schoolYears").forEach(year -> years.add(year.asInt()));
        }
        boolean legal = r.has("preferLegalNames")
                ? r.get("preferLegalNames").asBoolean(true)
                : base == null || base.preferLegalNames();
        boolean enabled = r.has("enabled") ? r.get("enabled").asBoolean(true) : base == null || base.enabled();
        List<Long> excludedSchools = new ArrayList<>(base == null ? List.of() : base.excludedSchoolIds());
        if (r.has("excludedSchoolIds")) {
            excludedSchools.clear();
            r.get("excludedSchoolIds").forEach(id -> excludedSchools.add(id.asLong()));
        }
        List<String> excludedCalendars = new ArrayList<>(base == null ? List.of() : base.excludedCalendarCodes());
        if (r.has("excludedCalendarCodes")) {
            excludedCalendars.clear();
            r.get("excludedCalendarCodes").forEach(code -> excludedCalendars.add(code.asText()));
        }
        Map<String, Map<String, String>> extensionColumns = base == null ? Map.of() : base.extensionColumns();
        JsonNode columns = r.get("extensionColumns");
        if (columns != null && !errors.containsKey("$.extensionColumns")) {
            extensionColumns = new LinkedHashMap<>();
            if (columns.isObject()) {
                ExtensionColumns.problems(ResourceCatalog.contract(), columns).forEach(errors::putIfAbsent);
                for (Map.Entry<String, JsonNode> resource : columns.properties()) {
                    Map<String, String> byColumn = new LinkedHashMap<>();
                    resource.getValue()
                            .properties()
                            .forEach(c -> byColumn.put(c.getKey(), c.getValue().asText()));
                    extensionColumns.put(resource.getKey(), byColumn);
                }
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
                List.copyOf(excludedCalendars),
                extensionColumns);
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
