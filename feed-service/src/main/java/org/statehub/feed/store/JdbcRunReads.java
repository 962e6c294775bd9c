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
import org.statehub.feed.domain.Rejection;
import org.statehub.feed.domain.RunSummary;

/** {@link RunReads} from {@code feed_run} and {@code outbox}. */
@Singleton
public class JdbcRunReads implements RunReads {

    private static final String RUN = "SELECT r.id, r.connection_id, r.trigger, r.status, r.reason, r.started_at,"
            + " r.finished_at, r.records_read, r.records_held, r.upserts, r.deletes, r.key_changes,"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'pending'),"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'delivered'),"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'rejected'),"
            + " extract(epoch FROM coalesce(r.finished_at, clock_timestamp()) - r.started_at), r.preview::text"
            + " FROM feed_run r";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public JdbcRunReads(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    @Override
    public List<RunSummary> runs(String connectionId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        RUN + " WHERE (?::text IS NULL OR r.connection_id = ?) ORDER BY r.id DESC LIMIT ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, connectionId);
            ps.setInt(3, limit);
            return runs(ps);
        }
    }

    @Override
    public Optional<RunSummary> run(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(RUN + " WHERE r.id = ?")) {
            ps.setLong(1, id);
            return runs(ps).stream().findFirst();
        }
    }

    @Override
    public List<Rejection> rejections(String connectionId, Long runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, run_id, connection_id, resource, source_id,"
                        + " operation, outcome_status, outcome, attempts FROM outbox WHERE status = 'rejected'"
                        + " AND (?::text IS NULL OR connection_id = ?) AND (?::bigint IS NULL OR run_id = ?)"
                        + " ORDER BY id DESC LIMIT 500")) {
            ps.setString(1, connectionId);
            ps.setString(2, connectionId);
            ps.setObject(3, runId);
            ps.setObject(4, runId);
            List<Rejection> rejections = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rejections.add(new Rejection(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getObject(7, Integer.class),
                            rs.getString(8),
                            rs.getInt(9)));
                }
            }
            return rejections;
        }
    }

    private List<RunSummary> runs(PreparedStatement ps) throws SQLException {
        List<RunSummary> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(new RunSummary(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Columns.instant(rs, 6),
                        Columns.instant(rs, 7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getLong(10),
                        rs.getLong(11),
                        rs.getLong(12),
                        new RunSummary.Publishing(rs.getLong(13), rs.getLong(14), rs.getLong(15)),
                        rs.getDouble(16),
                        Columns.json(mapper, rs.getString(17), "preview")));
            }
        }
        return runs;
    }
}
