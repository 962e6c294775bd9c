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
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Resync jobs (started at {@code POST /feed/v1/connections/{id}/resync}): {@code GET /feed/v1/resyncs/{id}} shows its phase, progress (done/total, rate, estimated time left) and,
 * at the end, its report.
 */
@Path("/feed/v1/resyncs")
@Produces(MediaType.APPLICATION_JSON)
public class ResyncResource {

    private static final String JOB = "SELECT id, connection_id AS \"connectionId\", resource, status, phase,"
            + " done, total, requested_by AS \"requestedBy\", started_at AS \"startedAt\", finished_at AS \"finishedAt\","
            + " round((done / greatest(extract(epoch FROM coalesce(finished_at, clock_timestamp()) - started_at),"
            + " 0.001))::numeric, 1) AS \"ratePerSecond\","
            + " CASE WHEN status = 'running' AND done > 0 AND total > done THEN round(((total - done) * extract(epoch"
            + " FROM clock_timestamp() - started_at) / done)::numeric) END AS \"etaSeconds\","
            + " run_id AS \"runId\", report::text AS report, error FROM resync_job";

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JsonWebToken token;

    @GET
    public Response list(@QueryParam("connectionId") String connectionId) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        JOB + " WHERE (?::text IS NULL OR connection_id = ?) ORDER BY id DESC LIMIT 100")) {
            ps.setString(1, connectionId);
            ps.setString(2, connectionId);
            return Response.ok(withReports(RunsResource.rows(ps))).build();
        }
    }

    private static List<Map<String, Object>> withReports(List<Map<String, Object>> jobs) {
        for (Map<String, Object> job : jobs) {
            if (job.get("report") instanceof String text) {
                try {
                    job.put("report", MAPPER.readTree(text));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("A stored report is not JSON", e);
                }
            }
        }
        return jobs;
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") long id) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(JOB + " WHERE id = ?")) {
            ps.setLong(1, id);
            List<Map<String, Object>> found = withReports(RunsResource.rows(ps));
            return found.isEmpty()
                    ? FeedProblems.notFound("No resync has the id " + id + ".")
                    : Response.ok(found.get(0)).build();
        }
    }
}
