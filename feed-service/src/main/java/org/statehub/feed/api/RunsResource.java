package org.statehub.feed.api;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code /feed/v1/runs}: what each pull read, held and queued, and how far its publishing got; and
 * {@code /feed/v1/rejections}: the changes the hub refused, with its answer (their data errors are in the queue).
 */
@Path("/feed/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private static final String RUN = "SELECT r.id, r.connection_id, r.trigger, r.status, r.reason, r.started_at,"
            + " r.finished_at, r.records_read, r.records_held, r.upserts, r.deletes, r.key_changes,"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'pending'),"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'delivered'),"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'rejected'),"
            + " extract(epoch FROM coalesce(r.finished_at, clock_timestamp()) - r.started_at), r.preview::text"
            + " FROM feed_run r";

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JsonWebToken token;

    @Inject
    org.statehub.feed.pipeline.Puller puller;

    @GET
    @Path("runs")
    public Response runs(@QueryParam("connectionId") String connectionId, @QueryParam("limit") Integer limit)
            throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 500) {
            return FeedProblems.invalid(Map.of("limit", List.of("Limit must be between 1 and 500.")));
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        RUN + " WHERE (?::text IS NULL OR r.connection_id = ?)" + " ORDER BY r.id DESC LIMIT ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, connectionId);
            ps.setInt(3, n);
            return Response.ok(runs(ps)).build();
        }
    }

    @GET
    @Path("runs/{id}")
    public Response run(@PathParam("id") long id) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(RUN + " WHERE r.id = ?")) {
            ps.setLong(1, id);
            List<Map<String, Object>> found = runs(ps);
            return found.isEmpty()
                    ? FeedProblems.notFound("No run has the id " + id + ".")
                    : Response.ok(found.get(0)).build();
        }
    }

    /** Publishes a held run (one that would have deleted much). */
    @jakarta.ws.rs.POST
    @Path("runs/{id}/approve")
    public Response approve(@PathParam("id") long id) throws SQLException {
        return decide(id, true);
    }

    /** Drops a held run: nothing of it is published. */
    @jakarta.ws.rs.POST
    @Path("runs/{id}/reject")
    public Response reject(@PathParam("id") long id) throws SQLException {
        return decide(id, false);
    }

    private Response decide(long id, boolean approve) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        return switch (puller.decide(id, approve, token.getSubject())) {
            case NOT_FOUND -> FeedProblems.notFound("No run has the id " + id + ".");
            case NOT_HELD ->
                FeedProblems.conflict("Run " + id + " is not held (only a held run can be approved or "
                        + "rejected; a newer run supersedes an older held one).");
            case APPROVED, REJECTED -> run(id);
        };
    }

    /** Records the hub refused, with its answer. */
    @GET
    @Path("rejections")
    public Response rejections(@QueryParam("connectionId") String connectionId, @QueryParam("runId") Long runId)
            throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, run_id AS \"runId\", connection_id AS"
                        + " \"connectionId\", resource, source_id AS \"sourceId\", operation, outcome_status AS status,"
                        + " outcome AS response, attempts FROM outbox WHERE status = 'rejected'"
                        + " AND (?::text IS NULL OR connection_id = ?) AND (?::bigint IS NULL OR run_id = ?)"
                        + " ORDER BY id DESC LIMIT 500")) {
            ps.setString(1, connectionId);
            ps.setString(2, connectionId);
            ps.setObject(3, runId);
            ps.setObject(4, runId);
            return Response.ok(rows(ps)).build();
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

    private static List<Map<String, Object>> runs(PreparedStatement ps) throws SQLException {
        List<Map<String, Object>> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("id", rs.getLong(1));
                run.put("connectionId", rs.getString(2));
                run.put("trigger", rs.getString(3));
                run.put("status", rs.getString(4));
                run.put("reason", rs.getString(5));
                run.put("startedAt", rs.getTimestamp(6).toInstant());
                run.put(
                        "finishedAt",
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
                run.put("recordsRead", rs.getLong(8));
                run.put("recordsHeld", rs.getLong(9));
                run.put("upserts", rs.getLong(10));
                run.put("deletes", rs.getLong(11));
                run.put("keyChanges", rs.getLong(12));
                run.put(
                        "publishing",
                        Map.of("pending", rs.getLong(13), "delivered", rs.getLong(14), "rejected", rs.getLong(15)));
                long queued = rs.getLong(10) + rs.getLong(12);
                run.put("unchanged", Math.max(0, rs.getLong(8) - rs.getLong(9) - queued));
                run.put("rejected", rs.getLong(15));
                run.put("durationSeconds", Math.round(rs.getDouble(16) * 10) / 10.0);
                // partly succeeded: the run went through, but the hub refused some of what it sent
                run.put(
                        "state",
                        rs.getString(4).equals("succeeded") && rs.getLong(15) > 0
                                ? "partly succeeded"
                                : rs.getString(4));
                if (rs.getString(17) != null) {
                    try {
                        run.put("preview", MAPPER.readTree(rs.getString(17)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("A stored preview is not JSON", e);
                    }
                }
                runs.add(run);
            }
        }
        return runs;
    }
}
