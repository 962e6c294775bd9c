package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.statehub.jdbc.Sql;

/**
 * Reads of the worklist, filtered by state, score, an LEA and the caller's scope. "Related to organizations"
 * is edfi-core's relationship SQL over this service's replicas (V1_4__relationship_authorization.sql): the
 * students with an SEOA at, or an enrollment at a school of, the organizations (an LEA reaches its schools).
 */
@Singleton
public final class Worklist {

    /** What to list. {@code organizations} null: no scope (state-wide caller). */
    public record Query(
            List<String> states,
            double minScore,
            Long leaId,
            int minAgeDays,
            String[] organizations,
            int limit,
            int offset) {}

    /** One side of a pair as it is now ({@code present} false once deleted at student-service). */
    public record Student(
            UUID id,
            String studentUniqueId,
            boolean present,
            String firstName,
            String middleName,
            String lastSurname,
            LocalDate birthDate,
            String sex) {}

    /** A pair with both students and the stored comparison. */
    public record Row(
            long id,
            String state,
            double score,
            String evidence,
            OffsetDateTime firstSeen,
            OffsetDateTime lastScored,
            OffsetDateTime stateChanged,
            Student a,
            Student b) {}

    private static final String SELECT = "SELECT d.id, d.state, d.score, d.evidence::text, d.first_seen,"
            + " d.last_scored, d.state_changed, d.student_a, d.unique_id_a, pa.id IS NOT NULL, pa.first_name,"
            + " pa.middle_name, pa.last_surname, pa.birth_date, pa.sex, d.student_b, d.unique_id_b,"
            + " pb.id IS NOT NULL, pb.first_name, pb.middle_name, pb.last_surname, pb.birth_date, pb.sex"
            + " FROM duplicate_pair d LEFT JOIN student_profile pa ON pa.id = d.student_a"
            + " LEFT JOIN student_profile pb ON pb.id = d.student_b";

    /** Students related to the organizations (and the schools of the LEAs among them). */
    private static final String RELATED =
            "(" + Scope.studentRelated("d.unique_id_a") + " OR " + Scope.studentRelated("d.unique_id_b") + ")";

    public List<Row> list(Connection c, Query q) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(c, q, parameters);
        parameters.add(q.limit());
        parameters.add(q.offset());
        return Sql.list(
                c,
                SELECT + where + " ORDER BY d.score DESC, d.id LIMIT ? OFFSET ?",
                Worklist::row,
                parameters.toArray());
    }

    public long count(Connection c, Query q) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        return Sql.first(
                        c,
                        "SELECT count(*) FROM duplicate_pair d" + where(c, q, parameters),
                        rs -> rs.getLong(1),
                        parameters.toArray())
                .orElse(0L);
    }

    public Optional<Row> find(Connection c, long id) throws SQLException {
        return Sql.first(c, SELECT + " WHERE d.id = ?", Worklist::row, id);
    }

    /** Whether a pair has a student related to these organizations. */
    public boolean related(Connection c, long id, String[] organizations) throws SQLException {
        Array scope = c.createArrayOf("text", organizations);
        return Sql.exists(c, "SELECT 1 FROM duplicate_pair d WHERE d.id = ? AND " + RELATED, id, scope, scope);
    }

    private static String where(Connection c, Query q, List<Object> parameters) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE d.state = ANY (?) AND d.score >= ?");
        parameters.add(Sql.array("text", q.states()));
        parameters.add(q.minScore());
        if (q.minAgeDays() > 0) {
            where.append(" AND d.first_seen <= now() - make_interval(days => ?)");
            parameters.add(q.minAgeDays());
        }
        if (q.organizations() != null) {
            related(c, q.organizations(), where, parameters);
        }
        if (q.leaId() != null) {
            related(c, new String[] {Long.toString(q.leaId())}, where, parameters);
        }
        return where.toString();
    }

    /** Either student of the pair related to the organizations. */
    private static void related(Connection c, String[] organizations, StringBuilder where, List<Object> parameters)
            throws SQLException {
        Array scope = c.createArrayOf("text", organizations);
        where.append(" AND ").append(RELATED);
        parameters.add(scope);
        parameters.add(scope);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong(1),
                rs.getString(2),
                rs.getDouble(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class),
                rs.getObject(6, OffsetDateTime.class),
                rs.getObject(7, OffsetDateTime.class),
                student(rs, 8),
                student(rs, 16));
    }

    private static Student student(ResultSet rs, int at) throws SQLException {
        java.sql.Date birth = rs.getDate(at + 6);
        return new Student(
                rs.getObject(at, UUID.class),
                rs.getString(at + 1),
                rs.getBoolean(at + 2),
                rs.getString(at + 3),
                rs.getString(at + 4),
                rs.getString(at + 5),
                birth == null ? null : birth.toLocalDate(),
                rs.getString(at + 7));
    }
}
