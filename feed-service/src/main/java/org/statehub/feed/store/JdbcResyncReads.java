package org.statehub.feed.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public JdbcResyncReads(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    @Override
    public List<ResyncJob> jobs(String connectionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        JOB + " WHERE (?::text IS NULL OR connection_id = ?) ORDER BY id DESC LIMIT 100")) {
            ps.setString(1, connectionId);
            ps.setString(2, connectionId);
            return jobs(ps);
        }
    }

    @Override
    public Optional<ResyncJob> job(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(JOB + " WHERE id = ?")) {
            ps.setLong(1, id);
            return jobs(ps).stream().findFirst();
        }
    }

    private List<ResyncJob> jobs(PreparedStatement ps) throws SQLException {
        List<ResyncJob> jobs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                jobs.add(new ResyncJob(
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
                        rs.getString(15)));
            }
        }
        return jobs;
    }
}
