package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
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

    /** Reads the columns of {@link #SELECT}: the pair, then student a and student b. */
    private static final Sql.Row<Row> ROW = Rows.of(Row.class);

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
        return where(q).page(c, SELECT, "d.score DESC, d.id", ROW, q.limit(), q.offset());
    }

    public long count(Connection c, Query q) throws SQLException {
        return where(q).count(c, "duplicate_pair d");
    }

    public Optional<Row> find(Connection c, long id) throws SQLException {
        return Sql.first(c, SELECT + " WHERE d.id = ?", ROW, id);
    }

    /** Whether a pair has a student related to these organizations. */
    public boolean related(Connection c, long id, String[] organizations) throws SQLException {
        Array scope = c.createArrayOf("text", organizations);
        return Sql.exists(c, "SELECT 1 FROM duplicate_pair d WHERE d.id = ? AND " + RELATED, id, scope, scope);
    }

    /** The states and score asked for; either student related to the caller's organizations and to the LEA. */
    private static Conditions where(Query q) {
        Sql.ArrayOf lea = q.leaId() == null ? null : new Sql.ArrayOf("text", new String[] {Long.toString(q.leaId())});
        Sql.ArrayOf scope = new Sql.ArrayOf("text", q.organizations());
        return Conditions.where("d.state = ANY (?) AND d.score >= ?", Sql.array("text", q.states()), q.minScore())
                .andIf(q.minAgeDays() > 0, "d.first_seen <= now() - make_interval(days => ?)", q.minAgeDays())
                .andIf(q.organizations() != null, RELATED, scope, scope)
                .andIf(lea != null, RELATED, lea, lea);
    }
}
