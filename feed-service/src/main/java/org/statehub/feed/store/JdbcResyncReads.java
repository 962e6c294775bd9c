package org.statehub.feed.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.ResyncJob;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** {@link ResyncReads} from {@code resync_job}: rate and time left are worked out by PostgreSQL's clock. */
@Singleton
@RequiredArgsConstructor
public class JdbcResyncReads implements ResyncReads {

    private static final String JOB = "SELECT id, connection_id, resource, school_year, status, phase, school_years,"
            + " year_now, done, total, requested_by,"
            + " started_at, finished_at,"
            + " round((done / greatest(extract(epoch FROM coalesce(finished_at, clock_timestamp()) - started_at),"
            + " 0.001))::numeric, 1),"
            + " CASE WHEN status = 'running' AND done > 0 AND total > done THEN round(((total - done) * extract(epoch"
            + " FROM clock_timestamp() - started_at) / done)::numeric) END,"
            + " run_id, report::text, error FROM resync_job";

    private final Statements statements;
    private final ObjectMapper mapper;

    @Override
    public List<ResyncJob> jobs(String connectionId) throws SQLException {
        Conditions where = Conditions.all().andIfGiven("connection_id = ?", connectionId);
        return statements.list(JOB + where.sql() + " ORDER BY id DESC LIMIT 100", asResyncJob(), where.values());
    }

    @Override
    public Optional<ResyncJob> job(long id) throws SQLException {
        return statements.first(JOB + " WHERE id = ?", asResyncJob(), id);
    }

    private Sql.Row<ResyncJob> asResyncJob() {
        return Rows.of(ResyncJob.class, Columns.json(mapper));
    }
}
