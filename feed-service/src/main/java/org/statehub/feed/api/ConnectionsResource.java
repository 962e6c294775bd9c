package org.statehub.feed.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.feed.config.FeedConfig;
import org.statehub.feed.delivery.HubClient;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.pipeline.Pulls;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

/**
 * {@code /feed/v1/connections}: SIS connections (one or more per LEA), their code mappings, and pulls on demand.
 * Credentials are write-only: they are stored encrypted and never returned.
 */
@Path("/feed/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

    static final String DEFAULT_SCHEDULE = "0 0 14,17 * * ?";
    static final List<String> FORMATS = List.of("edfi-json", "csv-templates", "push");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ConnectionStore connections;

    @Inject
    Pulls pulls;

    @Inject
    HubClient hub;

    @Inject
    Puller puller;

    @Inject
    org.statehub.feed.pipeline.Resyncs resyncs;

    @Inject
    FeedConfig config;

    @Inject
    JsonWebToken token;

    /** A connection as the API shows it. */
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
            Instant nextPullAt,
            Instant createdAt,
            Instant updatedAt) {

        static ConnectionView of(SisConnection c) {
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
                    c.nextPullAt(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode request) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        SisConnection proposed = read(request, null, errors);
        if (!errors.isEmpty()) {
            return FeedProblems.invalid(errors);
        }
        if (config.admin().clientId().isEmpty()) {
            return FeedProblems.unavailable("feed-service has no hub admin client (FEED_ADMIN_CLIENT_ID), so it cannot "
                    + "make the connection's publishing client.");
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String[] client;
        try {
            client = hub.createVendorClient(
                    config.admin().clientId().get(),
                    config.admin().clientSecret().orElse(""),
                    "feed-service " + proposed.vendor() + " for LEA " + proposed.localEducationAgencyId() + " (" + id
                            + ")",
                    proposed.localEducationAgencyId());
        } catch (IOException e) {
            return FeedProblems.unavailable(
                    "The hub could not make the connection's publishing client: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FeedProblems.unavailable("Interrupted.");
        }
        Instant now = Instant.now();
        SisConnection connection = new SisConnection(
                id,
                proposed.localEducationAgencyId(),
                proposed.vendor(),
                proposed.baseUrl(),
                proposed.format(),
                proposed.credentials(),
                client[0],
                client[1],
                proposed.schedule(),
                proposed.timeZone(),
                proposed.resources(),
                proposed.schoolYears(),
                proposed.preferLegalNames(),
                proposed.enabled(),
                Pulls.next(proposed.schedule(), proposed.timeZone(), now),
                now,
                now,
                proposed.excludedSchoolIds(),
                proposed.excludedCalendarCodes());
        try (Connection c = dataSource.getConnection()) {
            connections.insert(c, connection);
        }
        return Response.created(URI.create("/feed/v1/connections/" + id))
                .entity(ConnectionView.of(connection))
                .build();
    }

    @GET
    public Response list() throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection()) {
            return Response.ok(
                            connections.list(c).stream().map(ConnectionView::of).toList())
                    .build();
        }
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) throws SQLException {
        return Response.ok(ConnectionView.of(admitted(id))).build();
    }

    /** Changes a connection; members left out keep their values, credentials too. Takes effect at once. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("id") String id, JsonNode request) throws SQLException {
        SisConnection old = admitted(id);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        SisConnection changed = read(request, old, errors);
        if (!errors.isEmpty()) {
            return FeedProblems.invalid(errors);
        }
        Instant now = Instant.now();
        SisConnection updated = new SisConnection(
                id,
                changed.localEducationAgencyId(),
                changed.vendor(),
                changed.baseUrl(),
                changed.format(),
                changed.credentials(),
                old.publishClientId(),
                old.publishSecret(),
                changed.schedule(),
                changed.timeZone(),
                changed.resources(),
                changed.schoolYears(),
                changed.preferLegalNames(),
                changed.enabled(),
                Pulls.next(changed.schedule(), changed.timeZone(), now),
                old.createdAt(),
                now,
                changed.excludedSchoolIds(),
                changed.excludedCalendarCodes());
        if (updated.localEducationAgencyId() != old.localEducationAgencyId()) {
            return FeedProblems.invalid(Map.of(
                    "$.localEducationAgencyId",
                    List.of("The LEA of a connection cannot change "
                            + "(its publishing client is scoped to it); make a new connection.")));
        }
        try (Connection c = dataSource.getConnection()) {
            connections.update(c, updated);
        }
        return Response.ok(ConnectionView.of(updated)).build();
    }

    /** Starts a pull now: 202 with the run, or 409 when one is running. */
    @POST
    @Path("{id}/pulls")
    public Response pullNow(@PathParam("id") String id) throws SQLException {
        SisConnection connection = pulled(id);
        Optional<Long> run = pulls.startNow(connection, org.statehub.feed.domain.RunTrigger.MANUAL);
        if (run.isEmpty()) {
            return FeedProblems.conflict(
                    "A pull of this connection is already running; see /feed/v1/runs?connectionId=" + id + ".");
        }
        return Response.accepted(Map.of("runId", run.get(), "status", "running"))
                .location(URI.create("/feed/v1/runs/" + run.get()))
                .build();
    }

    /** Starts a resync job of the connection, optionally {@code {"resource": "students"}} only. */
    @POST
    @Path("{id}/resync")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resync(@PathParam("id") String id, JsonNode request) throws SQLException {
        SisConnection connection = pulled(id);
        String resource = request == null
                        || request.path("resource").isMissingNode()
                        || request.path("resource").isNull()
                ? null
                : request.path("resource").asText();
        if (resource != null
                && (!Puller.LOAD_ORDER.containsKey(resource)
                        || !connection.resources().contains(resource))) {
            return FeedProblems.invalid(
                    Map.of("$.resource", List.of("The connection does not take '" + resource + "'.")));
        }
        Optional<Long> job = resyncs.start(connection, resource, token.getSubject());
        if (job.isEmpty()) {
            return FeedProblems.conflict("A resync of this connection is already running.");
        }
        return Response.accepted(Map.of("resyncId", job.get(), "status", "running"))
                .location(URI.create("/feed/v1/resyncs/" + job.get()))
                .build();
    }

    /**
     * A dry run: the pull reads and prepares everything and works out what it would publish (counts and sample
     * records per resource and action, and whether it would be held); nothing is published. 202 with the run.
     */
    @POST
    @Path("{id}/preview")
    public Response preview(@PathParam("id") String id) throws SQLException {
        SisConnection connection = pulled(id);
        Optional<Long> run = pulls.startNow(connection, org.statehub.feed.domain.RunTrigger.PREVIEW);
        if (run.isEmpty()) {
            return FeedProblems.conflict("A pull of this connection is running; preview when it has finished.");
        }
        return Response.accepted(Map.of("runId", run.get(), "status", "running"))
                .location(URI.create("/feed/v1/runs/" + run.get()))
                .build();
    }

    /**
     * The vendor values the latest runs saw per descriptor and school year, with their mapping (or none) and how
     * many records an unmapped value holds now.
     */
    @GET
    @Path("{id}/mappings/seen")
    public Response seen(
            @PathParam("id") String id,
            @QueryParam("schoolYear") Integer schoolYear,
            @QueryParam("unmapped") Boolean unmappedOnly)
            throws SQLException {
        admitted(id);
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT s.descriptor,"
                        + " s.vendor_code AS \"vendorCode\", s.school_year AS \"schoolYear\", s.records,"
                        + " coalesce(y.uri, a.uri) AS uri,"
                        + " (SELECT count(*) FROM data_error e WHERE e.connection_id = s.connection_id AND e.state = 'open'"
                        + " AND e.kind = 'unmapped-code' AND (',' || e.code || ',') LIKE"
                        + " ('%,' || s.descriptor || '=' || s.vendor_code || ',%')) AS \"heldRecords\","
                        + " s.last_seen AS \"lastSeen\""
                        + " FROM code_seen s LEFT JOIN code_mapping y ON y.connection_id = s.connection_id"
                        + " AND y.descriptor = s.descriptor AND y.vendor_code = s.vendor_code AND y.school_year = s.school_year"
                        + " LEFT JOIN code_mapping a ON a.connection_id = s.connection_id AND a.descriptor = s.descriptor"
                        + " AND a.vendor_code = s.vendor_code AND a.school_year = 0"
                        + " WHERE s.connection_id = ? AND (?::int IS NULL OR s.school_year IN (?, 0))"
                        + " AND (?::boolean IS NOT TRUE OR coalesce(y.uri, a.uri) IS NULL)"
                        + " ORDER BY s.descriptor, s.vendor_code, s.school_year")) {
            ps.setString(1, id);
            ps.setObject(2, schoolYear);
            ps.setObject(3, schoolYear);
            ps.setObject(4, unmappedOnly);
            return Response.ok(ErrorsResource.rows(ps)).build();
        }
    }

    /** Year rollover: copies the mappings of one school year to another ({@code {"from": 2025, "to": 2026}}). */
    @POST
    @Path("{id}/mappings/rollover")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rollover(@PathParam("id") String id, JsonNode request) throws SQLException {
        admitted(id);
        int from = request == null ? 0 : request.path("from").asInt(0);
        int to = request == null ? 0 : request.path("to").asInt(0);
        if (from < 1990 || from > 2100 || to < 1990 || to > 2100 || from == to) {
            return FeedProblems.invalid(
                    Map.of("$", List.of("From and to are two different school years (1990..2100).")));
        }
        try (Connection c = dataSource.getConnection()) {
            return Response.ok(Map.of("copied", connections.rollover(c, id, from, to)))
                    .build();
        }
    }

    @GET
    @Path("{id}/mappings")
    public Response mappings(@PathParam("id") String id) throws SQLException {
        admitted(id);
        try (Connection c = dataSource.getConnection()) {
            return Response.ok(connections.mappings(c, id)).build();
        }
    }

    /**
     * Adds or replaces code mappings: an array of {@code {descriptor, vendorCode, uri, schoolYear?}}
     * ({@code schoolYear} absent or 0: every school year). The records the new mappings release from the
     * data-error queue go out at once (a run with the trigger {@code retry}); the header
     * {@code Held-Records-Released} says how many.
     */
    @PUT
    @Path("{id}/mappings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putMappings(@PathParam("id") String id, JsonNode request) throws SQLException {
        SisConnection connection = admitted(id);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<ConnectionStore.Mapping> mappings = new ArrayList<>();
        if (request == null || !request.isArray()) {
            errors.put("$", List.of("An array of mappings is expected."));
        } else {
            for (int i = 0; i < request.size(); i++) {
                JsonNode m = request.get(i);
                String at = "$[" + i + "]";
                String descriptor = m.path("descriptor").asText("");
                String code = m.path("vendorCode").asText("");
                String uri = m.path("uri").asText("");
                int year = m.path("schoolYear").asInt(0);
                if (!descriptor.endsWith("Descriptor")) {
                    errors.put(at + ".descriptor", List.of("A descriptor name such as 'SexDescriptor' is required."));
                }
                if (code.isBlank()) {
                    errors.put(at + ".vendorCode", List.of("VendorCode is required."));
                }
                if (!uri.startsWith("uri://") || !uri.contains("#")) {
                    errors.put(
                            at + ".uri",
                            List.of("A descriptor URI 'uri://namespace/Descriptor#CodeValue' is required."));
                }
                if (year != 0 && (year < 1990 || year > 2100)) {
                    errors.put(at + ".schoolYear", List.of("SchoolYear must be 0 (every year) or 1990..2100."));
                }
                mappings.add(new ConnectionStore.Mapping(descriptor, code, year, uri));
            }
        }
        if (!errors.isEmpty()) {
            return FeedProblems.invalid(errors);
        }
        List<Puller.HeldRecord> held = new ArrayList<>();
        List<ConnectionStore.Mapping> all;
        try (Connection c = dataSource.getConnection()) {
            connections.putMappings(c, id, mappings);
            all = connections.mappings(c, id);
            try (var ps = c.prepareStatement("SELECT resource, source_id, record::text FROM data_error"
                    + " WHERE connection_id = ? AND state = 'open' AND kind = 'unmapped-code'"
                    + " AND source_id IS NOT NULL AND record IS NOT NULL ORDER BY id LIMIT 100000")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(new Puller.HeldRecord(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        // the records these codes held go out now (a pull that is running handles them itself)
        long released = 0;
        if (!held.isEmpty()) {
            Optional<Puller.PushResult> retried = puller.retryHeld(connection, held);
            released = retried.map(r -> r.received() - r.held()).orElse(0L);
        }
        return Response.ok(all).header("Held-Records-Released", released).build();
    }

    @DELETE
    @Path("{id}/mappings/{descriptor}/{vendorCode}")
    public Response deleteMapping(
            @PathParam("id") String id,
            @PathParam("descriptor") String descriptor,
            @PathParam("vendorCode") String vendorCode,
            @QueryParam("schoolYear") Integer schoolYear)
            throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection()) {
            return connections.deleteMapping(c, id, descriptor, vendorCode, schoolYear == null ? 0 : schoolYear)
                    ? Response.noContent().build()
                    : FeedProblems.notFound("No such mapping.");
        }
    }

    /** The connection, when the caller is a StateAdmin client and it exists; otherwise the refusal is thrown. */
    private SisConnection admitted(String id) throws SQLException {
        if (!StateAdmin.is(token)) {
            throw new Refused(FeedProblems.forbidden());
        }
        return find(id).orElseThrow(() -> new Refused(FeedProblems.notFound("No connection has the id '" + id + "'.")));
    }

    /** As {@link #admitted}, and a connection that is pulled (a push connection has no source to read: 409). */
    private SisConnection pulled(String id) throws SQLException {
        SisConnection connection = admitted(id);
        if (connection.format().equals("push")) {
            throw new Refused(FeedProblems.conflict("This connection receives pushes; it has no source to read."));
        }
        return connection;
    }

    private Optional<SisConnection> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return connections.find(c, id);
        }
    }

    /** The connection a request describes, over {@code base} (null for a new one); problems go to {@code errors}. */
    private static SisConnection read(JsonNode r, SisConnection base, Map<String, List<String>> errors) {
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
