package org.statehub.feed.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** {@link ResyncJobs} on {@code resync_job}, {@code resync_target}, {@code identity_map} and {@code outbox}. */
@Singleton
@RequiredArgsConstructor
public class JdbcResyncJobs implements ResyncJobs {

    /**
     * A target item ({@code t}) that no source record of the run and no identity row of any connection of the LEA
     * accounts for in its school year; binds the run's id, then the LEA's id.
     */
    private static final String ORPHAN = "NOT EXISTS (SELECT 1 FROM staged_record s WHERE s.run_id = ?"
            + " AND s.resource = t.resource AND s.natural_key = t.natural_key AND s.school_year = t.school_year)"
            + " AND NOT EXISTS (SELECT 1 FROM identity_map m JOIN connection k ON k.id = m.connection_id"
            + " WHERE k.local_education_agency_id = ? AND m.resource = t.resource AND m.natural_key = t.natural_key"
            + " AND m.school_year = t.school_year)";

    /** A returned school year. */
    private static final Sql.Row<Integer> YEAR = rs -> rs.getInt(1);

    private final ObjectMapper mapper;

    @Override
    public Optional<Long> create(
            Connection c, String connectionId, String resource, Integer schoolYear, String requestedBy)
            throws SQLException {
        return Sql.first(
                c,
                "INSERT INTO resync_job (connection_id, resource, school_year, status, phase, requested_by, started_at,"
                        + " heartbeat_at) VALUES (?, ?, ?, 'running', 'queued', ?, clock_timestamp(),"
                        + " clock_timestamp()) ON CONFLICT (connection_id) WHERE status = 'running' DO NOTHING"
                        + " RETURNING id",
                rs -> rs.getLong(1),
                connectionId,
                resource,
                schoolYear,
                requestedBy);
    }

    @Override
    public List<Stale> claimStale(Connection c, long seconds) throws SQLException {
        return Sql.list(
                c,
                "UPDATE resync_job SET heartbeat_at = clock_timestamp() WHERE status = 'running'"
                        + " AND heartbeat_at < clock_timestamp() - make_interval(secs => ?)"
                        + " RETURNING id, connection_id, resource, run_id, school_year",
                Rows.of(Stale.class),
                seconds);
    }

    @Override
    public void begin(Connection c, long jobId, long runId, List<Integer> years) throws SQLException {
        Sql.update(
                c,
                "UPDATE resync_job SET run_id = ?, school_years = ?, year_now = NULL, phase = 'source', done = 0,"
                        + " total = 0, heartbeat_at = clock_timestamp() WHERE id = ?",
                runId,
                years == null ? null : Sql.array(c, "integer", years.toArray()),
                jobId);
        Sql.update(c, "DELETE FROM resync_target WHERE job_id = ?", jobId);
    }

    @Override
    public void reading(Connection c, long jobId, long done, long total) throws SQLException {
        Sql.update(
                c,
                "UPDATE resync_job SET phase = 'target', done = ?, total = ?, heartbeat_at = clock_timestamp()"
                        + " WHERE id = ?",
                done,
                total,
                jobId);
    }

    @Override
    public void comparing(Connection c, long jobId, long more) throws SQLException {
        Sql.update(
                c,
                "UPDATE resync_job SET phase = 'compare', total = total + ?, heartbeat_at = clock_timestamp()"
                        + " WHERE id = ?",
                more,
                jobId);
    }

    @Override
    public void progress(Connection c, long jobId, long done) throws SQLException {
        Sql.update(c, "UPDATE resync_job SET done = ?, heartbeat_at = clock_timestamp() WHERE id = ?", done, jobId);
    }

    @Override
    public void readingYear(Connection c, long jobId, Integer year) throws SQLException {
        Sql.update(c, "UPDATE resync_job SET year_now = ?, heartbeat_at = clock_timestamp() WHERE id = ?", year, jobId);
    }

    @Override
    public void addTargets(Connection c, long jobId, int year, List<Target> targets) throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO resync_target (job_id, resource, natural_key, key_values, target_id, body, school_year)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?::text, ?::jsonb, ?) ON CONFLICT DO NOTHING",
                targets,
                target -> new Object[] {
                    jobId,
                    target.resource(),
                    target.naturalKey(),
                    target.keyValues(),
                    target.targetId(),
                    target.body(),
                    year
                });
    }

    @Override
    public List<Orphan> orphans(Connection c, Scope scope, List<String> resources) throws SQLException {
        return Sql.list(
                c,
                "SELECT t.resource, t.natural_key, t.key_values::text, t.school_year FROM resync_target t"
                        + " WHERE t.job_id = ? AND t.resource = ANY (?) AND " + ORPHAN
                        + " ORDER BY t.school_year, t.resource, t.natural_key",
                Rows.of(Orphan.class, Columns.json(mapper)),
                scope.jobId(),
                Sql.array("text", resources),
                scope.runId(),
                scope.leaId());
    }

    @Override
    public Repairs repair(Connection c, Scope scope, List<Differ.Pulled> resources, List<Orphan> kept)
            throws SQLException {
        long jobId = scope.jobId();
        long runId = scope.runId();
        String connectionId = scope.connectionId();
        Object[] names = resources.stream().map(Differ.Pulled::resource).toArray();
        List<Integer> orphans = Sql.list(
                c,
                "WITH r AS (SELECT * FROM unnest(?::text[], ?::int[]) AS r(resource, rank))"
                        + " INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation, body,"
                        + " key_values, next_attempt_at, school_year) SELECT ?, ?, 100 - r.rank, t.resource,"
                        + " 'resync:' || t.target_id, 'purge', jsonb_build_object('id', t.target_id), t.key_values,"
                        + " clock_timestamp(), t.school_year FROM resync_target t JOIN r ON r.resource = t.resource"
                        + " WHERE t.job_id = ? AND " + ORPHAN
                        + " AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[], ?::int[])"
                        + " AS k(resource, natural_key, school_year) WHERE k.resource = t.resource"
                        + " AND k.natural_key = t.natural_key AND k.school_year = t.school_year)"
                        + " ORDER BY r.rank DESC, t.school_year, t.natural_key RETURNING school_year",
                YEAR,
                Sql.array(c, "text", names),
                Sql.array(
                        c,
                        "integer",
                        resources.stream().map(Differ.Pulled::rank).toArray()),
                runId,
                connectionId,
                jobId,
                runId,
                scope.leaId(),
                Sql.array(c, "text", kept.stream().map(Orphan::resource).toArray()),
                Sql.array(c, "text", kept.stream().map(Orphan::naturalKey).toArray()),
                Sql.array(c, "integer", kept.stream().map(Orphan::schoolYear).toArray()));
        List<Integer> missing = Sql.list(
                c,
                "DELETE FROM identity_map m WHERE m.connection_id = ? AND m.resource = ANY (?)"
                        + " AND m.school_year = ANY (?) AND NOT EXISTS (SELECT 1 FROM resync_target t"
                        + " WHERE t.job_id = ? AND t.resource = m.resource AND t.natural_key = m.natural_key"
                        + " AND t.school_year = m.school_year) RETURNING m.school_year",
                YEAR,
                connectionId,
                Sql.array(c, "text", names),
                Sql.array(c, "integer", scope.years().toArray()),
                jobId);
        List<Integer> altered = Sql.list(
                c,
                "UPDATE identity_map m SET content_hash = 'resync' FROM resync_target t, staged_record s"
                        + " WHERE m.connection_id = ? AND t.job_id = ? AND t.resource = m.resource"
                        + " AND t.natural_key = m.natural_key AND t.school_year = m.school_year AND s.run_id = ?"
                        + " AND s.resource = m.resource AND s.source_id = m.source_id"
                        + " AND s.school_year = m.school_year AND NOT s.held AND s.body <> t.body"
                        + " RETURNING m.school_year",
                YEAR,
                connectionId,
                jobId,
                runId);
        return new Repairs(orphans, missing, altered);
    }

    @Override
    public void succeed(Connection c, long jobId, String report) throws SQLException {
        Sql.update(
                c,
                "UPDATE resync_job SET status = 'succeeded', phase = 'done', done = total,"
                        + " finished_at = clock_timestamp(), heartbeat_at = clock_timestamp(), report = ?::jsonb"
                        + " WHERE id = ?",
                report,
                jobId);
        Sql.update(c, "DELETE FROM resync_target WHERE job_id = ?", jobId);
    }

    @Override
    public void fail(Connection c, long jobId, String reason) throws SQLException {
        Sql.update(
                c,
                "UPDATE resync_job SET status = 'failed', error = ?, finished_at = clock_timestamp() WHERE id = ?",
                Storable.text(reason),
                jobId);
    }
}
