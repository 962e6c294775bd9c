package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * SQL over conflicts between LEAs (V101__lea_conflicts.sql): the followed reports, the students to check, the
 * conflicts, their history and the worklist's reads.
 */
@Singleton
public final class LeaConflicts {

    /** The actor of what the detection job does. */
    public static final String SYSTEM = DuplicatePairs.SYSTEM;

    /** One organization's report or SEOA of a student, as JSON text. */
    public record Source(long educationOrganizationId, String reportedAt, String body) {}

    /** A stored conflict. */
    public record Conflict(
            long id,
            String studentUniqueId,
            String field,
            String state,
            String competing,
            String resolvedValue,
            String valuesAtResolution,
            OffsetDateTime firstSeen,
            OffsetDateTime lastChanged,
            OffsetDateTime stateChanged) {}

    /** One entry of a conflict's history. */
    public record Event(long id, OffsetDateTime at, String actor, String action, String note, String details) {}

    /** What to list. {@code organizations} null: no scope (a state-wide caller). */
    public record Query(
            List<String> states,
            String field,
            Long leaId,
            String studentUniqueId,
            int minAgeDays,
            String[] organizations,
            int limit,
            long offset) {}

    private static final Sql.Row<Source> SOURCE = Rows.of(Source.class);
    private static final Sql.Row<Conflict> CONFLICT = Rows.of(Conflict.class);
    private static final Sql.Row<Event> EVENT = Rows.of(Event.class);
    private static final Sql.Row<Seoa> SEOA = Rows.of(Seoa.class);

    private static final String COLUMNS = "id, student_unique_id, field, state, competing::text, resolved_value::text,"
            + " values_at_resolution::text, first_seen, last_changed, state_changed";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM lea_conflict";

    /** Students related to the organizations (the relationship SQL of edfi-core, over the replicas). */
    private static final String RELATED = Scope.studentRelated("lea_conflict.student_unique_id");

    public long watermark(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT change_version FROM conflict_watermark WHERE name = ?", rs -> rs.getLong(1), name)
                .orElse(0L);
    }

    public void setWatermark(Connection c, String name, long changeVersion) throws SQLException {
        Sql.update(c, """
                INSERT INTO conflict_watermark (name, change_version) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET change_version = EXCLUDED.change_version
                """, name, changeVersion);
    }

    /**
     * Applies one followed report (a newer change version replaces an older one; a null body removes it) and
     * queues its student for checking.
     */
    public void applyReport(
            Connection c,
            String studentUniqueId,
            long organization,
            String clientId,
            String body,
            String reportedAt,
            long changeVersion)
            throws SQLException {
        if (body == null) {
            Sql.update(c, """
                    DELETE FROM student_report WHERE student_unique_id = ? AND education_organization_id = ?
                    AND change_version <= ?
                    """, studentUniqueId, organization, changeVersion);
        } else {
            Sql.update(c, """
                    INSERT INTO student_report AS r (student_unique_id, education_organization_id, client_id, body,
                        reported_at, change_version) VALUES (?, ?, ?, ?::jsonb, ?::timestamptz, ?)
                    ON CONFLICT (student_unique_id, education_organization_id) DO UPDATE SET
                        client_id = EXCLUDED.client_id, body = EXCLUDED.body, reported_at = EXCLUDED.reported_at,
                        change_version = EXCLUDED.change_version
                    WHERE r.change_version < EXCLUDED.change_version
                    """, studentUniqueId, organization, clientId, body, reportedAt, changeVersion);
        }
        queue(c, List.of(studentUniqueId));
    }

    public void queue(Connection c, List<String> studentUniqueIds) throws SQLException {
        Sql.update(c, """
                INSERT INTO conflict_check (student_unique_id) SELECT unnest(?::text[])
                ON CONFLICT DO NOTHING
                """, Sql.array("text", studentUniqueIds));
    }

    /** Queues the students whose SEOAs changed in the replica after {@code after}; returns the highest version. */
    public long queueChangedSeoas(Connection c, long after, long highest) throws SQLException {
        long found = Sql.first(c, """
                        WITH changed AS (SELECT body #>> '{studentReference,studentUniqueId}' AS s, change_version
                            FROM replica_item WHERE resource = 'studentEducationOrganizationAssociations'
                            AND change_version > ?),
                        queued AS (INSERT INTO conflict_check (student_unique_id) SELECT DISTINCT s FROM changed
                            WHERE s IS NOT NULL ON CONFLICT DO NOTHING)
                        SELECT coalesce(max(change_version), ?) FROM changed
                        """, rs -> rs.getLong(1), after, highest).orElse(highest);
        return Math.max(highest, found);
    }

    /** Queues every student with an open conflict (a sweep: SEOAs deleted at the source leave no trace). */
    public void queueOpen(Connection c) throws SQLException {
        Sql.update(c, """
                INSERT INTO conflict_check (student_unique_id)
                SELECT DISTINCT student_unique_id FROM lea_conflict WHERE state = 'open' ON CONFLICT DO NOTHING""");
    }

    /** Takes up to {@code limit} queued students off the queue (other instances skip them). */
    public List<String> takeQueued(Connection c, int limit) throws SQLException {
        return Sql.list(c, """
                DELETE FROM conflict_check WHERE student_unique_id IN (SELECT student_unique_id FROM conflict_check
                    ORDER BY student_unique_id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING student_unique_id
                """, rs -> rs.getString(1), limit);
    }

    /** The reports of a student, one per organization. */
    public List<Source> reports(Connection c, String studentUniqueId) throws SQLException {
        return Sql.list(c, """
                SELECT education_organization_id,
                    to_char(reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), body::text
                FROM student_report WHERE student_unique_id = ?
                """, SOURCE, studentUniqueId);
    }

    /**
     * A replicated SEOA: its id and change version in the replica, its organization's id as stored (text: a bad
     * record may hold any JSON there) and its body.
     */
    public record Seoa(String id, long changeVersion, String educationOrganizationId, String body) {}

    /** The student's SEOAs in the replica, one per organization. */
    public List<Seoa> seoas(Connection c, String studentUniqueId) throws SQLException {
        return Sql.list(c, """
                SELECT id::text, change_version, body #>> '{educationOrganizationReference,educationOrganizationId}',
                    body::text
                FROM replica_item WHERE resource = 'studentEducationOrganizationAssociations'
                AND body #>> '{studentReference,studentUniqueId}' = ?
                """, SEOA, studentUniqueId);
    }

    /** The student's conflicts, by field. */
    public List<Conflict> ofStudent(Connection c, String studentUniqueId) throws SQLException {
        return Sql.list(c, SELECT + " WHERE student_unique_id = ? FOR UPDATE", CONFLICT, studentUniqueId);
    }

    public Optional<Conflict> find(Connection c, long id, boolean forUpdate) throws SQLException {
        return Sql.first(c, SELECT + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), CONFLICT, id);
    }

    /** Raises a new open conflict and records it. */
    public long raise(Connection c, String studentUniqueId, String field, String competing) throws SQLException {
        long id = Sql.first(c, """
                        INSERT INTO lea_conflict (student_unique_id, field, state, competing, first_seen, last_changed,
                            state_changed) VALUES (?, ?, 'open', ?::jsonb, now(), now(), now())
                        RETURNING id
                        """, rs -> rs.getLong(1), studentUniqueId, field, competing)
                .orElseThrow();
        event(c, id, SYSTEM, "raised", null, competing);
        return id;
    }

    /** Stores the values competing now (no event: the worklist shows them). */
    public void update(Connection c, long id, String competing) throws SQLException {
        Sql.update(c, """
                UPDATE lea_conflict SET competing = ?::jsonb, last_changed = now()
                WHERE id = ? AND competing IS DISTINCT FROM ?::jsonb
                """, competing, id, competing);
    }

    /** Moves a conflict to another state, with the values competing now, and records it. */
    public void changeState(
            Connection c, long id, String state, String competing, String actor, String action, String note)
            throws SQLException {
        Sql.update(c, """
                UPDATE lea_conflict SET state = ?, competing = ?::jsonb, last_changed = now(), state_changed = now()
                WHERE id = ?
                """, state, competing, id);
        event(c, id, actor, action, note, competing);
    }

    /** Records a resolution: the chosen value and the distinct values competing at that moment. */
    public void resolve(
            Connection c, long id, String chosen, String valuesAtResolution, String actor, String note, String details)
            throws SQLException {
        Sql.update(c, """
                UPDATE lea_conflict SET state = 'resolved', resolved_value = ?::jsonb, values_at_resolution = ?::jsonb,
                    last_changed = now(), state_changed = now()
                WHERE id = ?
                """, chosen, valuesAtResolution, id);
        event(c, id, actor, "resolved", note, details);
    }

    public void event(Connection c, long id, String actor, String action, String note, String details)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO lea_conflict_event (conflict_id, at, actor, action, note, details)
                VALUES (?, now(), ?, ?, ?::text, ?::jsonb)
                """, id, actor, action, note, details);
    }

    public List<Event> history(Connection c, long id) throws SQLException {
        return Sql.list(c, """
                SELECT id, at, actor, action, note, details::text FROM lea_conflict_event
                WHERE conflict_id = ? ORDER BY id
                """, EVENT, id);
    }

    public List<Conflict> list(Connection c, Query q) throws SQLException {
        return where(q).page(c, SELECT, "first_seen, id", CONFLICT, q.limit(), q.offset());
    }

    public long count(Connection c, Query q) throws SQLException {
        return where(q).count(c, "lea_conflict");
    }

    /** Whether a conflict's student is related to these organizations. */
    public boolean related(Connection c, long id, String[] organizations) throws SQLException {
        return Sql.exists(
                c,
                "SELECT 1 FROM lea_conflict WHERE id = ? AND " + RELATED,
                id,
                c.createArrayOf("text", organizations));
    }

    private static Conditions where(Query q) {
        return Conditions.where("state = ANY(?::text[])", Sql.array("text", q.states()))
                .andIfGiven("field = ?", q.field())
                .andIf(q.minAgeDays() > 0, "first_seen <= now() - make_interval(days => ?)", q.minAgeDays())
                .andIfGiven("student_unique_id = ?", q.studentUniqueId())
                .andIf(q.leaId() != null, "competing @> ?::jsonb", "[{\"educationOrganizationId\":" + q.leaId() + "}]")
                .andIf(q.organizations() != null, RELATED, new Sql.ArrayOf("text", q.organizations()));
    }
}
