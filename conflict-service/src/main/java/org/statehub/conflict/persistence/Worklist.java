package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> parameters = new ArrayList<>();
        where(c, q, sql, parameters);
        sql.append(" ORDER BY d.score DESC, d.id LIMIT ? OFFSET ?");
        parameters.add(q.limit());
        parameters.add(q.offset());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, parameters);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    public long count(Connection c, Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM duplicate_pair d");
        List<Object> parameters = new ArrayList<>();
        where(c, q, sql, parameters);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<Row> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE d.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Whether a pair has a student related to these organizations. */
    public boolean related(Connection c, long id, String[] organizations) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM duplicate_pair d WHERE d.id = ? AND " + RELATED)) {
            ps.setLong(1, id);
            ps.setArray(2, c.createArrayOf("text", organizations));
            ps.setArray(3, c.createArrayOf("text", organizations));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void where(Connection c, Query q, StringBuilder sql, List<Object> parameters) throws SQLException {
        sql.append(" WHERE d.state = ANY (?) AND d.score >= ?");
        parameters.add(c.createArrayOf("text", q.states().toArray()));
        parameters.add(q.minScore());
        if (q.minAgeDays() > 0) {
            sql.append(" AND d.first_seen <= now() - make_interval(days => ?)");
            parameters.add(q.minAgeDays());
        }
        if (q.organizations() != null) {
            sql.append(" AND ").append(RELATED);
            parameters.add(c.createArrayOf("text", q.organizations()));
            parameters.add(c.createArrayOf("text", q.organizations()));
        }
        if (q.leaId() != null) {
            sql.append(" AND ").append(RELATED);
            String[] lea = {Long.toString(q.leaId())};
            parameters.add(c.createArrayOf("text", lea));
            parameters.add(c.createArrayOf("text", lea));
        }
    }

    private static void bind(PreparedStatement ps, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(i + 1, parameters.get(i));
        }
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
