package org.statehub.feed.api;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import java.util.TreeMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code GET /feed/v1/status}: each LEA's feeds over the last days: its connections with their last successful pull
 * and last run, and per day (in the connection's time zone) the runs and what they published per daily feed
 * (demographic, contacts, enrollment, attendance; organizations apart).
 */
@Path("/feed/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /** The daily feed a resource belongs to. */
    static final String FEED = "CASE o.resource WHEN 'students' THEN 'demographic'"
            + " WHEN 'studentEducationOrganizationAssociations' THEN 'demographic'"
            + " WHEN 'contacts' THEN 'contacts' WHEN 'studentContactAssociations' THEN 'contacts'"
            + " WHEN 'studentSchoolAssociations' THEN 'enrollment'"
            + " WHEN 'studentSchoolAttendanceEvents' THEN 'attendance' ELSE 'organizations' END";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JsonWebToken token;

    @GET
    public Response status(@QueryParam("days") Integer days, @QueryParam("leaId") Long leaId) throws SQLException {
        if (!StateAdmin.is(token)) {
            return FeedProblems.forbidden();
        }
        int n = days == null ? 7 : days;
        if (n < 1 || n > 90) {
            return FeedProblems.invalid(Map.of("days", List.of("Days is 1..90.")));
        }
        Map<Long, Map<String, Object>> leas = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.local_education_agency_id, c.id, c.vendor,"
                    + " c.format, c.enabled, c.next_pull_at,"
                    + " (SELECT max(r.finished_at) FROM feed_run r WHERE r.connection_id = c.id"
                    + " AND r.status = 'succeeded'),"
                    + " l.id, l.trigger, l.status, l.started_at, l.finished_at, l.reason"
                    + " FROM connection c LEFT JOIN LATERAL (SELECT * FROM feed_run r WHERE r.connection_id = c.id"
                    + " ORDER BY r.id DESC LIMIT 1) l ON TRUE"
                    + " WHERE (?::bigint IS NULL OR c.local_education_agency_id = ?) ORDER BY c.created_at, c.id")) {
                ps.setObject(1, leaId);
                ps.setObject(2, leaId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> connection = new LinkedHashMap<>();
                        connection.put("id", rs.getString(2));
                        connection.put("vendor", rs.getString(3));
                        connection.put("format", rs.getString(4));
                        connection.put("enabled", rs.getBoolean(5));
                        connection.put("nextPullAt", instant(rs, 6));
                        connection.put("lastSuccessfulPullAt", instant(rs, 7));
                        if (rs.getObject(8) != null) {
                            Map<String, Object> last = new LinkedHashMap<>();
                            last.put("id", rs.getLong(8));
                            last.put("trigger", rs.getString(9));
                            last.put("status", rs.getString(10));
                            last.put("startedAt", instant(rs, 11));
                            last.put("finishedAt", instant(rs, 12));
                            last.put("reason", rs.getString(13));
                            connection.put("lastRun", last);
                        }
                        @SuppressWarnings("unchecked")
                        List<Object> list =
                                (List<Object>) lea(leas, rs.getLong(1)).get("connections");
                        list.add(connection);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT c.local_education_agency_id,"
                    + " (r.started_at AT TIME ZONE c.time_zone)::date::text AS day, count(*),"
                    + " count(*) FILTER (WHERE r.status = 'failed'), count(*) FILTER (WHERE r.status = 'held'),"
                    + " sum(r.records_read), sum(r.records_held)"
                    + " FROM feed_run r JOIN connection c ON c.id = r.connection_id"
                    + " WHERE r.trigger <> 'preview' AND r.started_at > clock_timestamp() - make_interval(days => ?)"
                    + " AND (?::bigint IS NULL OR c.local_education_agency_id = ?) GROUP BY 1, 2")) {
                ps.setInt(1, n);
                ps.setObject(2, leaId);
                ps.setObject(3, leaId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> day = day(leas, rs.getLong(1), rs.getString(2));
                        day.put("runs", rs.getLong(3));
                        day.put("failed", rs.getLong(4));
                        day.put("held", rs.getLong(5));
                        day.put("recordsRead", rs.getLong(6));
                        day.put("recordsHeld", rs.getLong(7));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT c.local_education_agency_id,"
                    + " (r.started_at AT TIME ZONE c.time_zone)::date::text, " + FEED + ","
                    + " count(*) FILTER (WHERE o.operation = 'upsert' AND o.status = 'delivered'),"
                    + " count(*) FILTER (WHERE o.operation = 'delete' AND o.status = 'delivered'),"
                    + " count(*) FILTER (WHERE o.operation = 'key-change' AND o.status = 'delivered'),"
                    + " count(*) FILTER (WHERE o.status = 'rejected'), count(*) FILTER (WHERE o.status = 'pending')"
                    + " FROM outbox o JOIN feed_run r ON r.id = o.run_id JOIN connection c ON c.id = o.connection_id"
                    + " WHERE r.started_at > clock_timestamp() - make_interval(days => ?)"
                    + " AND (?::bigint IS NULL OR c.local_education_agency_id = ?) GROUP BY 1, 2, 3")) {
                ps.setInt(1, n);
                ps.setObject(2, leaId);
                ps.setObject(3, leaId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> feeds = (Map<String, Object>) day(leas, rs.getLong(1), rs.getString(2))
                                .computeIfAbsent("feeds", k -> new TreeMap<>());
                        feeds.put(
                                rs.getString(3),
                                Map.of(
                                        "upserted",
                                        rs.getLong(4),
                                        "deleted",
                                        rs.getLong(5),
                                        "keyChanges",
                                        rs.getLong(6),
                                        "rejected",
                                        rs.getLong(7),
                                        "pending",
                                        rs.getLong(8)));
                    }
                }
            }
        }
        List<Object> answer = new ArrayList<>();
        leas.forEach((id, lea) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> byDay = (Map<String, Object>) lea.remove("byDay");
            List<Object> daysList = new ArrayList<>(byDay.values());
            java.util.Collections.reverse(daysList);
            lea.put("days", daysList);
            answer.add(lea);
        });
        return Response.ok(answer).build();
    }

    private static Map<String, Object> lea(Map<Long, Map<String, Object>> leas, long id) {
        return leas.computeIfAbsent(id, k -> {
            Map<String, Object> lea = new LinkedHashMap<>();
            lea.put("localEducationAgencyId", id);
            lea.put("connections", new ArrayList<>());
            lea.put("byDay", new TreeMap<String, Object>());
            return lea;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> day(Map<Long, Map<String, Object>> leas, long id, String date) {
        Map<String, Object> byDay = (Map<String, Object>) lea(leas, id).get("byDay");
        return (Map<String, Object>) byDay.computeIfAbsent(date, k -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", date);
            return day;
        });
    }

    private static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
