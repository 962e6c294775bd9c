package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Sql;

/**
 * Gives a run's staged records whose school years follow their student's enrollments (staged as year {@code -1},
 * decision 0020 step 19; docs/FEEDS.md, "School years") their years, before the diff, in the run's transaction:
 * a student, an SEOA and a contact association every year of one of the student's enrollments, a contact every year
 * of its contact associations, an attendance event those of its candidate years in which an enrollment of the
 * student holds its date. The enrollments are the run's own (already staged per year); where the run does not have
 * all of them (a push, a retry, or a pull that does not take them), also those the identity map knows, whose exit
 * dates it does not keep. A record of no year is held with a data error ({@code invalid-record} /
 * {@code no-school-year}), so that it is neither sent nor deleted. Set-based SQL.
 */
@Singleton
@RequiredArgsConstructor
public class StagedYears {

    /** The code of the data error of a record that belongs to no school year. */
    public static final String NO_SCHOOL_YEAR = "no-school-year";

    private final RunStore runs;

    /** Enrollments by student and year: the run's (staged per year) and, unless it has them all, the identity map's. */
    private static final String ENROLLMENTS =
            "WITH e AS (SELECT body #>> '{studentReference,studentUniqueId}' AS student,"
                    + " school_year, body ->> 'entryDate' AS entry, body ->> 'exitWithdrawDate' AS exit FROM staged_record"
                    + " WHERE run_id = ? AND resource = 'studentSchoolAssociations' AND NOT held AND school_year > 0"
                    + " UNION ALL SELECT key_values ->> 'studentUniqueId', school_year, key_values ->> 'entryDate', NULL"
                    + " FROM identity_map WHERE NOT ? AND connection_id = ? AND resource = 'studentSchoolAssociations'"
                    + " AND school_year > 0) ";

    private static final String COPY =
            "INSERT INTO staged_record (run_id, resource, source_id, natural_key, key_values,"
                    + " body, content_hash, held, school_year) SELECT p.run_id, p.resource, p.source_id, p.natural_key,"
                    + " p.key_values, p.body, p.content_hash, FALSE, y.school_year FROM staged_record p CROSS JOIN LATERAL ";

    private static final String PENDING = " WHERE p.run_id = ? AND p.school_year = -1 AND NOT p.held";

    /**
     * Gives the run's records of year {@code -1} their years and holds those of none; {@code whole}: the resources
     * of which the run has every record (a complete pull's). Returns how many were held.
     */
    public int place(Connection c, String connectionId, long runId, Set<String> whole) throws SQLException {
        boolean allEnrollments = whole.contains("studentSchoolAssociations");
        Sql.update(
                c,
                ENROLLMENTS + COPY + "(SELECT DISTINCT e.school_year FROM e WHERE e.student ="
                        + " coalesce(p.body ->> 'studentUniqueId', p.body #>> '{studentReference,studentUniqueId}')) y"
                        + PENDING + " AND p.resource IN ('students', 'studentEducationOrganizationAssociations',"
                        + " 'studentContactAssociations') ON CONFLICT DO NOTHING",
                runId,
                allEnrollments,
                connectionId,
                runId);
        Sql.update(
                c,
                COPY + "(SELECT DISTINCT a.school_year FROM staged_record a WHERE a.run_id = p.run_id"
                        + " AND a.resource = 'studentContactAssociations' AND NOT a.held AND a.school_year > 0"
                        + " AND a.body #>> '{contactReference,contactUniqueId}' = p.body ->> 'contactUniqueId'"
                        + " UNION SELECT m.school_year FROM identity_map m WHERE NOT ? AND m.connection_id = ?"
                        + " AND m.resource = 'studentContactAssociations' AND m.school_year > 0"
                        + " AND m.key_values ->> 'contactUniqueId' = p.body ->> 'contactUniqueId') y"
                        + PENDING + " AND p.resource = 'contacts' ON CONFLICT DO NOTHING",
                whole.contains("studentContactAssociations"),
                connectionId,
                runId);
        Sql.update(
                c,
                ENROLLMENTS + COPY + "(SELECT DISTINCT e.school_year FROM e"
                        + " WHERE e.student = p.body #>> '{studentReference,studentUniqueId}'"
                        + " AND e.school_year = ANY (p.candidate_years) AND e.entry <= p.body ->> 'eventDate'"
                        + " AND (e.exit IS NULL OR e.exit >= p.body ->> 'eventDate')) y"
                        + PENDING + " AND p.resource = 'studentSchoolAttendanceEvents' ON CONFLICT DO NOTHING",
                runId,
                allEnrollments,
                connectionId,
                runId);
        List<RunStore.DataError> unplaced = Sql.list(
                c,
                "SELECT p.resource, p.source_id, p.body::text FROM staged_record p" + PENDING
                        + " AND NOT EXISTS (SELECT 1 FROM staged_record q WHERE q.run_id = p.run_id"
                        + " AND q.resource = p.resource AND q.source_id = p.source_id AND q.school_year > 0)",
                rs -> new RunStore.DataError(
                        rs.getString(1),
                        rs.getString(2),
                        "invalid-record",
                        NO_SCHOOL_YEAR,
                        message(rs.getString(1)),
                        rs.getString(3)),
                runId);
        // what got its years is staged per year now; what got none stays staged as held: left alone in every year
        Sql.update(
                c,
                "UPDATE staged_record p SET held = TRUE, natural_key = NULL, key_values = NULL, body = NULL,"
                        + " content_hash = NULL" + PENDING
                        + " AND NOT EXISTS (SELECT 1 FROM staged_record q WHERE q.run_id = p.run_id"
                        + " AND q.resource = p.resource AND q.source_id = p.source_id AND q.school_year > 0)",
                runId);
        Sql.update(c, "DELETE FROM staged_record p" + PENDING, runId);
        if (!unplaced.isEmpty()) {
            long lea = Sql.first(
                            c,
                            "SELECT local_education_agency_id FROM connection WHERE id = ?",
                            rs -> rs.getLong(1),
                            connectionId)
                    .orElse(0L);
            runs.errors(c, runId, connectionId, lea, unplaced);
        }
        return unplaced.size();
    }

    private static String message(String resource) {
        return switch (resource) {
            case "contacts" ->
                "None of the contact's students has an enrollment in a school year this connection publishes to, so"
                        + " the contact belongs to no year; it is held until one has.";
            case "studentSchoolAttendanceEvents" ->
                "No enrollment of the student holds the event's date in a school year this connection publishes to,"
                        + " so the event belongs to no year; it is held until one does.";
            default ->
                "The student has no enrollment in a school year this connection publishes to, so the record belongs"
                        + " to no year; it is held until the student has one.";
        };
    }
}
