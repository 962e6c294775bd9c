package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.DataErrorEntry;
import org.statehub.feed.domain.ErrorQuery;
import org.statehub.feed.domain.StudentErrors;
import org.statehub.feed.pipeline.Puller;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** {@link ErrorQueue} on {@code data_error} (ages by the {@code business_days} function) and {@code outbox}. */
@Singleton
@RequiredArgsConstructor
public class JdbcErrorQueue implements ErrorQueue {

    private static final String AGE = "business_days(e.created_at::date, current_date)";
    private static final String OVERDUE =
            "(e.state = 'open' AND " + AGE + " > " + DataErrorEntry.OVERDUE_BUSINESS_DAYS + ")";
    private static final String SELECT = "SELECT e.id, e.state, e.local_education_agency_id, e.school_id,"
            + " e.student_unique_id, e.resource, e.source_id, e.kind, e.code, e.message, e.created_at, e.last_seen,"
            + " e.occurrences, " + AGE + ", " + OVERDUE + ", e.connection_id, e.run_id, e.resolution, e.closed_at,"
            + " e.closed_by, e.record::text, nullif(e.school_year, 0) FROM data_error e";

    private static final Sql.Row<DataErrorEntry> ENTRY = Rows.of(DataErrorEntry.class);
    private static final Sql.Row<Puller.HeldRecord> HELD = Rows.of(Puller.HeldRecord.class);

    /** A held record with the connection it came from. */
    private record Held(String connectionId, Puller.HeldRecord record) {}

    private final Statements statements;

    @Override
    public List<DataErrorEntry> list(ErrorQuery q) throws SQLException {
        Conditions where = Conditions.all()
                .andIf(!q.state().equals("all"), "e.state = ?", q.state())
                .andIfGiven("e.local_education_agency_id = ?", q.leaId())
                .andIfGiven("e.school_id = ?", q.schoolId())
                .andIfGiven("e.student_unique_id = ?", q.studentUniqueId())
                .andIfGiven("e.resource = ?", q.resource())
                .andIfGiven("e.code = ?", q.code())
                .andIfGiven("e.kind = ?", q.kind())
                .andIfGiven("e.connection_id = ?", q.connectionId())
                .andIfGiven("e.run_id = ?", q.runId())
                .andIfGiven("e.school_year = ?", q.schoolYear())
                .andIfGiven(AGE + " >= ?", q.minAgeBusinessDays())
                .andIf(q.overdue() != null, (Boolean.FALSE.equals(q.overdue()) ? "NOT " : "") + OVERDUE);
        String order = switch (q.sort()) {
            case "lastSeen" -> "e.last_seen DESC, e.id DESC";
            case "newest" -> "e.id DESC";
            default -> "e.created_at ASC, e.id";
        };
        return statements.list(
                SELECT + where.sql() + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                ENTRY,
                where.values(q.limit(), q.offset()));
    }

    @Override
    public Optional<DataErrorEntry> find(long id) throws SQLException {
        return statements.first(SELECT + " WHERE e.id = ?", ENTRY, id);
    }

    @Override
    public List<StudentErrors> students(Long leaId, Long schoolId) throws SQLException {
        Conditions where = Conditions.where("e.state = 'open'")
                .and("e.student_unique_id IS NOT NULL")
                .andIfGiven("e.local_education_agency_id = ?", leaId)
                .andIfGiven("e.school_id = ?", schoolId);
        return statements.list("""
                SELECT e.student_unique_id, e.local_education_agency_id, count(*),
                    array_to_string(array_agg(DISTINCT e.resource || ': ' || e.code), '; '), min(e.created_at)
                FROM data_error e%s
                GROUP BY e.student_unique_id, e.local_education_agency_id ORDER BY min(e.created_at) LIMIT 5000
                """.formatted(where.sql()), Rows.of(StudentErrors.class), where.values());
    }

    @Override
    public int archive(List<Long> ids, String by, String resolution) throws SQLException {
        return statements.update(
                "UPDATE data_error SET state = 'archived', closed_at = clock_timestamp(), closed_by = ?,"
                        + " resolution = ? WHERE id = ANY (?) AND state = 'open'",
                by,
                resolution,
                Sql.array("bigint", ids));
    }

    @Override
    public int resendRejected(List<Long> ids) throws SQLException {
        return statements.update(
                "INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation, body,"
                        + " key_values, next_attempt_at, school_year) SELECT o.run_id, o.connection_id, o.rank,"
                        + " o.resource, o.source_id, o.operation, o.body, o.key_values, clock_timestamp(), o.school_year"
                        + " FROM data_error e JOIN outbox o ON o.id = e.outbox_id"
                        + " WHERE e.id = ANY (?) AND e.state = 'open' AND e.kind = 'rejected'",
                Sql.array("bigint", ids));
    }

    @Override
    public Map<String, List<Puller.HeldRecord>> heldRecords(List<Long> ids) throws SQLException {
        Map<String, List<Puller.HeldRecord>> held = new LinkedHashMap<>();
        statements
                .list(
                        "SELECT connection_id, resource, source_id, record::text FROM data_error"
                                + " WHERE id = ANY (?) AND state = 'open' AND kind <> 'rejected'"
                                + " AND source_id IS NOT NULL AND record IS NOT NULL",
                        Rows.of(Held.class),
                        Sql.array("bigint", ids))
                .forEach(h -> held.computeIfAbsent(h.connectionId(), k -> new ArrayList<>())
                        .add(h.record()));
        return held;
    }

    @Override
    public List<Puller.HeldRecord> heldByUnmappedCodes(String connectionId) throws SQLException {
        return statements.list(
                "SELECT resource, source_id, record::text FROM data_error WHERE connection_id = ?"
                        + " AND state = 'open' AND kind = 'unmapped-code' AND source_id IS NOT NULL"
                        + " AND record IS NOT NULL ORDER BY id LIMIT 100000",
                HELD,
                connectionId);
    }
}
