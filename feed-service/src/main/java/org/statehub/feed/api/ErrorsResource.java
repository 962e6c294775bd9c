package org.statehub.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.SisConnection;

/**
 * {@code /feed/v1/errors}: the data-error queue. Every held record (unmapped code, invalid record) and every record
 * the hub refused is an error of its record: LEA, school, student, resource, code, message, first and last seen,
 * age in business days (overdue after 5), state. An error closes itself when its record goes through; an
 * administrator can retry errors (held ones are prepared again with today's mappings, refused ones sent again)
 * or archive them.
 */
@Path("/feed/v1/errors")
@Produces(MediaType.APPLICATION_JSON)
public class ErrorsResource {

    static final int OVERDUE_BUSINESS_DAYS = 5;
    private static final String AGE = "business_days(e.created_at::date, current_date)";
    private static final String COLUMNS = "e.id, e.state, e.local_education_agency_id AS \"localEducationAgencyId\","
            + " e.school_id AS \"schoolId\", e.student_unique_id AS \"studentUniqueId\", e.resource,"
            + " e.source_id AS \"sourceId\", e.kind, e.code, e.message, e.created_at AS \"firstSeen\","
            + " e.last_seen AS \"lastSeen\", e.occurrences, " + AGE + " AS \"ageBusinessDays\","
            + " (e.state = 'open' AND " + AGE + " > " + OVERDUE_BUSINESS_DAYS + ") AS overdue,"
            + " e.connection_id AS \"connectionId\", e.run_id AS \"runId\", e.resolution, e.closed_at AS \"closedAt\","
            + " e.closed_by AS \"closedBy\", e.record::text AS record";
    private static final Map<String, String> SORTS =
            Map.of("age", "e.created_at ASC, e.id", "lastSeen", "e.last_seen DESC, e.id DESC", "newest", "e.id DESC");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JsonWebToken token;

    @Inject
    ConnectionStore connections;

    @Inject
    Puller puller;

    /** The queue, filtered and sorted ({@code sort}: age (oldest first, the default), lastSeen, newest). */
    @GET
    public Response list(
            @QueryParam("state") String state,
            @QueryParam("leaId") Long leaId,
            @QueryParam("schoolId") Long schoolId,
            @QueryParam("studentUniqueId") String student,
            @QueryParam("resource") String resource,
            @QueryParam("code") String code,
            @QueryParam("kind") String kind,
            @QueryParam("connectionId") String connectionId,
            @QueryParam("runId") Long runId,
            @QueryParam("minAgeBusinessDays") Integer minAge,
            @QueryParam("overdue") Boolean overdue,
            @QueryParam("sort") String sort,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset)
            throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String states = state == null ? "open" : state;
        if (!List.of("open", "resolved", "archived", "all").contains(states)) {
            errors.put("state", List.of("State is one of open, resolved, archived, all."));
        }
        String order = SORTS.get(sort == null ? "age" : sort);
        if (order == null) {
            errors.put("sort", List.of("Sort is one of " + SORTS.keySet() + "."));
        }
        int n = limit == null ? 100 : limit;
        int skip = offset == null ? 0 : offset;
        if (n < 1 || n > 1000 || skip < 0) {
            errors.put("limit", List.of("Limit is 1..1000 and offset >= 0."));
        }
        if (!errors.isEmpty()) {
            return FeedProblems.invalid(errors);
        }
        List<Object> values = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (!states.equals("all")) {
            where.append(" AND e.state = ?");
            values.add(states);
        }
        filter(where, values, "e.local_education_agency_id = ?", leaId);
        filter(where, values, "e.school_id = ?", schoolId);
        filter(where, values, "e.student_unique_id = ?", student);
        filter(where, values, "e.resource = ?", resource);
        filter(where, values, "e.code = ?", code);
        filter(where, values, "e.kind = ?", kind);
        filter(where, values, "e.connection_id = ?", connectionId);
        filter(where, values, "e.run_id = ?", runId);
        filter(where, values, AGE + " >= ?", minAge);
        if (overdue != null) {
            where.append(overdue ? " AND" : " AND NOT")
                    .append(" (e.state = 'open' AND ")
                    .append(AGE)
                    .append(" > ")
                    .append(OVERDUE_BUSINESS_DAYS)
                    .append(")");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM data_error e" + where
                        + " ORDER BY " + order + " LIMIT ? OFFSET ?")) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setInt(i++, n);
            ps.setInt(i, skip);
            return Response.ok(rows(ps)).build();
        }
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") long id) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM data_error e WHERE e.id = ?")) {
            ps.setLong(1, id);
            List<Map<String, Object>> found = rows(ps);
            return found.isEmpty()
                    ? FeedProblems.notFound("No data error has the id " + id + ".")
                    : Response.ok(found.get(0)).build();
        }
    }

    /**
     * The students who did not make it into the state's data, and why: those with open errors, one line per
     * student with the resources and codes that hold them.
     */
    @GET
    @Path("students")
    public Response roster(@QueryParam("leaId") Long leaId, @QueryParam("schoolId") Long schoolId) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT e.student_unique_id AS \"studentUniqueId\","
                        + " e.local_education_agency_id AS \"localEducationAgencyId\", count(*) AS errors,"
                        + " array_to_string(array_agg(DISTINCT e.resource || ': ' || e.code), '; ') AS reasons,"
                        + " min(e.created_at) AS \"firstSeen\""
                        + " FROM data_error e WHERE e.state = 'open' AND e.student_unique_id IS NOT NULL"
                        + " AND (?::bigint IS NULL OR e.local_education_agency_id = ?)"
                        + " AND (?::bigint IS NULL OR e.school_id = ?)"
                        + " GROUP BY e.student_unique_id, e.local_education_agency_id ORDER BY min(e.created_at)"
                        + " LIMIT 5000")) {
            ps.setObject(1, leaId);
            ps.setObject(2, leaId);
            ps.setObject(3, schoolId);
            ps.setObject(4, schoolId);
            return Response.ok(rows(ps)).build();
        }
    }

    @POST
    @Path("{id}/retry")
    public Response retryOne(@PathParam("id") long id) throws SQLException {
        return retry(List.of(id));
    }

    /** Retries several errors: {@code {"ids": [1, 2, 3]}}. */
    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response retryMany(JsonNode request) throws SQLException {
        List<Long> ids = ids(request);
        return ids == null
                ? FeedProblems.invalid(Map.of("$.ids", List.of("An array of error ids is required.")))
                : retry(ids);
    }

    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response archiveOne(@PathParam("id") long id, JsonNode request) throws SQLException {
        return archive(
                List.of(id), request == null ? null : request.path("note").asText(null));
    }

    /** Archives several errors: {@code {"ids": [...], "note": "..."}}; they leave the open queue. */
    @POST
    @Path("archive")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response archiveMany(JsonNode request) throws SQLException {
        List<Long> ids = ids(request);
        return ids == null
                ? FeedProblems.invalid(Map.of("$.ids", List.of("An array of error ids is required.")))
                : archive(ids, request.path("note").asText(null));
    }

    private Response archive(List<Long> ids, String note) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE data_error SET state = 'archived',"
                        + " closed_at = clock_timestamp(), closed_by = ?, resolution = ? WHERE id = ANY (?)"
                        + " AND state = 'open'")) {
            ps.setString(1, token.getSubject());
            ps.setString(2, note == null ? "Archived." : "Archived: " + note);
            ps.setArray(3, c.createArrayOf("bigint", ids.toArray()));
            int archived = ps.executeUpdate();
            if (archived == 0 && ids.size() == 1) {
                return FeedProblems.conflict("Error " + ids.get(0) + " is not open (or does not exist).");
            }
            return Response.ok(Map.of("archived", archived)).build();
        }
    }

    private Response retry(List<Long> ids) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        int resent = 0;
        Map<String, List<Puller.HeldRecord>> held = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (run_id, connection_id, rank, resource,"
                    + " source_id, operation, body, key_values, next_attempt_at)"
                    + " SELECT o.run_id, o.connection_id, o.rank, o.resource, o.source_id, o.operation, o.body,"
                    + " o.key_values, clock_timestamp() FROM data_error e JOIN outbox o ON o.id = e.outbox_id"
                    + " WHERE e.id = ANY (?) AND e.state = 'open' AND e.kind = 'rejected'")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                resent = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, resource, source_id, record::text"
                    + " FROM data_error WHERE id = ANY (?) AND state = 'open' AND kind <> 'rejected'"
                    + " AND source_id IS NOT NULL AND record IS NOT NULL")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Puller.HeldRecord(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        long prepared = 0;
        long stillHeld = 0;
        List<String> busy = new ArrayList<>();
        for (Map.Entry<String, List<Puller.HeldRecord>> entry : held.entrySet()) {
            Optional<SisConnection> connection;
            try (Connection c = dataSource.getConnection()) {
                connection = connections.find(c, entry.getKey());
            }
            if (connection.isEmpty()) {
                continue;
            }
            Optional<Puller.PushResult> result = puller.retryHeld(connection.get(), entry.getValue());
            if (result.isEmpty()) {
                busy.add(entry.getKey());
            } else {
                prepared += result.get().received();
                stillHeld += result.get().held();
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("resent", resent);
        answer.put("preparedAgain", prepared);
        answer.put("stillHeld", stillHeld);
        if (!busy.isEmpty()) {
            answer.put("skipped", "A pull of " + busy + " is running; it prepares these records itself.");
        }
        return Response.ok(answer).build();
    }

    private static List<Long> ids(JsonNode request) {
        if (request == null
                || !request.path("ids").isArray()
                || request.path("ids").isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        request.path("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private static void filter(StringBuilder where, List<Object> values, String condition, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            values.add(value);
        }
    }

    /** Each row as a map from column label to value (timestamps as instants). */
    static List<Map<String, Object>> rows(PreparedStatement ps) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            var meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(meta.getColumnLabel(i), value instanceof java.sql.Timestamp t ? t.toInstant() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
