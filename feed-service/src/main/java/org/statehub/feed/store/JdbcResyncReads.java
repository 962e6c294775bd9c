package org.statehub.feed.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.ResyncJob;

/** {@link ResyncReads} from {@code resync_job}: rate and time left are worked out by PostgreSQL's clock. */
@Singleton
public class JdbcResyncReads implements ResyncReads {

    private static final String JOB = "SELECT id, connection_id, resource, status, phase, done, total, requested_by,"
            + " started_at, finished_at,"
            + " round((done / greatest(extract(epoch FROM coalesce(finished_at, clock_timestamp()) - started_at),"
            + " 0.001))::numeric, 1),"
            + " CASE WHEN status = 'running' AND done > 0 AND total > done THEN round(((total - done) * extract(epoch"
            + " FROM clock_timestamp() - started_at) / done)::numeric) END,"
            + " run_id, report::text, error FROM resync_job";

    private final Statements statements;
    private final ObjectMapper mapper;

    public JdbcResyncReads(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.statements = new Statements(dataSource);
        this.mapper = mapper;
    }

    @Override
    public List<ResyncJob> jobs(String connectionId) throws SQLException {
        return statements.list(
                JOB + " WHERE (?::text IS NULL OR connection_id = ?) ORDER BY id DESC LIMIT 100",
                this::job,
                connectionId,
                connectionId);
    }

    @Override
    public Optional<ResyncJob> job(long id) throws SQLException {
        return statements.first(JOB + " WHERE id = ?", this::job, id);
    }

    private ResyncJob job(ResultSet rs) throws SQLException {
        return new ResyncJob(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getString(8),
                Columns.instant(rs, 9),
                Columns.instant(rs, 10),
                rs.getBigDecimal(11),
                rs.getBigDecimal(12),
                rs.getObject(13, Long.class),
                Columns.json(mapper, rs.getString(14), "report"),
                rs.getString(15));
    }
}
