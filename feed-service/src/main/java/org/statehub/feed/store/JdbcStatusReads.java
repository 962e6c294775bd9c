package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;

/** {@link StatusReads} from {@code connection}, {@code feed_run} and {@code outbox}. */
@Singleton
@RequiredArgsConstructor
public class JdbcStatusReads implements StatusReads {

    /** The daily feed a resource belongs to. */
    static final String FEED = "CASE o.resource WHEN 'students' THEN 'demographic'"
            + " WHEN 'studentEducationOrganizationAssociations' THEN 'demographic'"
            + " WHEN 'contacts' THEN 'contacts' WHEN 'studentContactAssociations' THEN 'contacts'"
            + " WHEN 'studentSchoolAssociations' THEN 'enrollment'"
            + " WHEN 'studentSchoolAttendanceEvents' THEN 'attendance' ELSE 'organizations' END";

    /** Runs ({@code r}) started in the last so many days. */
    private static final String SINCE = "r.started_at > clock_timestamp() - make_interval(days => ?)";

    private final Statements statements;

    @Override
    public List<LeaConnection> connections(Long leaId) throws SQLException {
        Conditions where = ofLea(Conditions.all(), leaId);
        return statements.list(
                """
                SELECT c.local_education_agency_id, c.id, c.vendor, c.format, c.enabled, c.next_pull_at,
                    (SELECT max(r.finished_at) FROM feed_run r WHERE r.connection_id = c.id AND r.status = 'succeeded'),
                    l.id, l.trigger, l.status, l.started_at, l.finished_at, l.reason
                FROM connection c LEFT JOIN LATERAL
                    (SELECT * FROM feed_run r WHERE r.connection_id = c.id ORDER BY r.id DESC LIMIT 1) l ON TRUE
                """ + where.sql() + " ORDER BY c.created_at, c.id", Rows.of(LeaConnection.class), where.values());
    }

    @Override
    public List<LeaDay> days(int days, Long leaId) throws SQLException {
        Conditions where = ofLea(Conditions.where("r.trigger <> 'preview'").and(SINCE, days), leaId);
        return statements.list("""
                SELECT c.local_education_agency_id, (r.started_at AT TIME ZONE c.time_zone)::date::text AS day,
                    count(*), count(*) FILTER (WHERE r.status = 'failed'), count(*) FILTER (WHERE r.status = 'held'),
                    sum(r.records_read), sum(r.records_held)
                FROM feed_run r JOIN connection c ON c.id = r.connection_id
                """ + where.sql() + " GROUP BY 1, 2", Rows.of(LeaDay.class), where.values());
    }

    @Override
    public List<LeaFeed> feeds(int days, Long leaId) throws SQLException {
        Conditions where = ofLea(Conditions.where(SINCE, days), leaId);
        return statements.list(
                """
                SELECT c.local_education_agency_id, (r.started_at AT TIME ZONE c.time_zone)::date::text, %s,
                    count(*) FILTER (WHERE o.operation = 'upsert' AND o.status = 'delivered'),
                    count(*) FILTER (WHERE o.operation = 'delete' AND o.status = 'delivered'),
                    count(*) FILTER (WHERE o.operation = 'key-change' AND o.status = 'delivered'),
                    count(*) FILTER (WHERE o.status = 'rejected'), count(*) FILTER (WHERE o.status = 'pending')
                FROM outbox o JOIN feed_run r ON r.id = o.run_id JOIN connection c ON c.id = o.connection_id
                """.formatted(FEED) + where.sql() + " GROUP BY 1, 2, 3", Rows.of(LeaFeed.class), where.values());
    }

    /** {@code where}, and of the LEA's connections ({@code c}) when one is asked for. */
    private static Conditions ofLea(Conditions where, Long leaId) {
        return where.andIfGiven("c.local_education_agency_id = ?", leaId);
    }
}
