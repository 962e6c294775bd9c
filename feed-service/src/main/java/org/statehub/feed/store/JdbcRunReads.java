package org.statehub.feed.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.Rejection;
import org.statehub.feed.domain.RunSummary;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** {@link RunReads} from {@code feed_run} and {@code outbox}. */
@Singleton
@RequiredArgsConstructor
public class JdbcRunReads implements RunReads {

    private static final String RUN = "SELECT r.id, r.connection_id, r.trigger, r.status, r.reason, r.started_at,"
            + " r.finished_at, r.records_read, r.records_held, r.upserts, r.deletes, r.key_changes,"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'pending'),"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'delivered'),"
            + " (SELECT count(*) FROM outbox o WHERE o.run_id = r.id AND o.status = 'rejected'),"
            + " extract(epoch FROM coalesce(r.finished_at, clock_timestamp()) - r.started_at), r.preview::text,"
            + " r.years::text"
            + " FROM feed_run r";

    private final Statements statements;
    private final ObjectMapper mapper;

    @Override
    public List<RunSummary> runs(String connectionId, int limit) throws SQLException {
        Conditions where = Conditions.all().andIfGiven("r.connection_id = ?", connectionId);
        return statements.list(RUN + where.sql() + " ORDER BY r.id DESC LIMIT ?", asRunSummary(), where.values(limit));
    }

    @Override
    public Optional<RunSummary> run(long id) throws SQLException {
        return statements.first(RUN + " WHERE r.id = ?", asRunSummary(), id);
    }

    @Override
    public List<Rejection> rejections(String connectionId, Long runId) throws SQLException {
        Conditions where = Conditions.where("status = 'rejected'")
                .andIfGiven("connection_id = ?", connectionId)
                .andIfGiven("run_id = ?", runId);
        return statements.list(
                """
                SELECT id, run_id, connection_id, resource, source_id, operation, outcome_status, outcome, attempts
                FROM outbox""" + where.sql() + " ORDER BY id DESC LIMIT 500", Rows.of(Rejection.class), where.values());
    }

    private Sql.Row<RunSummary> asRunSummary() {
        return Rows.of(RunSummary.class, Columns.json(mapper));
    }
}
