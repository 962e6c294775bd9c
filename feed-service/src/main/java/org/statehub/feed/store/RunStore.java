package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.HeldRun;
import org.statehub.feed.domain.RunStatus;
import org.statehub.feed.domain.RunTrigger;
import org.statehub.feed.domain.Stored;
import org.statehub.jdbc.Sql;

/** Feed runs, what a run staged, and the data errors it found (JDBC, schema {@code feed}). */
@Singleton
public class RunStore implements Staging {

    /** Starts a run; null when a pull of the connection is already running (here or on another instance). */
    public Long start(Connection c, String connectionId, RunTrigger trigger) throws SQLException {
        return Sql.first(
                        c,
                        "INSERT INTO feed_run (connection_id, trigger, status, started_at, heartbeat_at)"
                                + " VALUES (?, ?, 'running', clock_timestamp(), clock_timestamp())"
                                + " ON CONFLICT (connection_id) WHERE status = 'running' DO NOTHING RETURNING id",
                        rs -> rs.getLong(1),
                        connectionId,
                        trigger.value())
                .orElse(null);
    }

    @Override
    public void heartbeat(Connection c, long runId, long read, long held) throws SQLException {
        Sql.update(
                c,
                "UPDATE feed_run SET heartbeat_at = clock_timestamp(), records_read = ?, records_held = ? WHERE id = ?",
                read,
                held,
                runId);
    }

    /** Marks a run failed and drops what it staged: a failed pull publishes nothing and deletes nothing. */
    public void fail(Connection c, long runId, String reason) throws SQLException {
        Sql.update(
                c,
                "UPDATE feed_run SET status = 'failed', reason = ?, finished_at = clock_timestamp()"
                        + " WHERE id = ? AND status = 'running'",
                Storable.text(reason.length() > 2000 ? reason.substring(0, 2000) : reason),
                runId);
        dropStaged(c, runId);
    }

    /** The run's upserts, deletes and key changes per school year (JSON: {@code {"2026": {"upserts": 3, ...}}}). */
    public void countYears(Connection c, long runId, String years) throws SQLException {
        Sql.update(c, "UPDATE feed_run SET years = ?::jsonb WHERE id = ?", years, runId);
    }

    public void succeed(Connection c, long runId, long read, long held, long upserts, long deletes, long keyChanges)
            throws SQLException {
        Sql.update(
                c,
                "UPDATE feed_run SET status = 'succeeded', finished_at = clock_timestamp(), records_read = ?,"
                        + " records_held = ?, upserts = ?, deletes = ?, key_changes = ? WHERE id = ?",
                read,
                held,
                upserts,
                deletes,
                keyChanges,
                runId);
    }

    /** Holds a run for an administrator's decision: what it staged is kept, nothing is queued. */
    public void hold(Connection c, long runId, String reason, long read, long held) throws SQLException {
        Sql.update(
                c,
                "UPDATE feed_run SET status = 'held', reason = ?, finished_at = clock_timestamp(), records_read = ?,"
                        + " records_held = ? WHERE id = ?",
                reason,
                read,
                held,
                runId);
    }

    /** Older held runs of the connection are superseded by a newer run (their staged records dropped). */
    public void supersedeHeld(Connection c, String connectionId, long newerRunId) throws SQLException {
        dropStaged(
                c,
                Sql.list(
                        c,
                        "UPDATE feed_run SET status = 'superseded', reason = reason || ' Superseded by run ' || ? || '.'"
                                + " WHERE connection_id = ? AND status = 'held' AND id < ? RETURNING id",
                        rs -> rs.getLong(1),
                        newerRunId,
                        connectionId,
                        newerRunId));
    }

    /** A run's status and connection, locked for a decision; empty when there is no such run. */
    public Optional<HeldRun> lockForDecision(Connection c, long runId) throws SQLException {
        return Sql.first(
                c,
                "SELECT status, connection_id, records_read, records_held FROM feed_run WHERE id = ? FOR UPDATE",
                rs -> new HeldRun(
                        Stored.of(RunStatus.class, rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                runId);
    }

    /** What a run queued of one resource and operation: how many rows, and up to three of them (body or key). */
    public record Queued(String resource, String operation, long count, List<String> samples) {}

    /** What the run queued, by resource and operation in rank order (a preview's summary, before its rollback). */
    public List<Queued> queued(Connection c, long runId) throws SQLException {
        return Sql.list(
                c,
                "SELECT resource, operation, count(*), (array_agg(coalesce(body, key_values)::text ORDER BY id))[1:3]"
                        + " FROM outbox WHERE run_id = ? GROUP BY resource, operation ORDER BY min(rank), operation",
                rs -> new Queued(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        java.util.Arrays.stream((Object[]) rs.getArray(4).getArray())
                                .map(Object::toString)
                                .toList()),
                runId);
    }

    /** A dry run's end: what it would publish ({@code preview}, JSON) and its counts are kept in the run. */
    public void previewed(Connection c, long runId, String preview, long read, long held, Differ.Result result)
            throws SQLException {
        Sql.update(
                c,
                "UPDATE feed_run SET status = 'previewed', preview = ?::jsonb, finished_at = clock_timestamp(),"
                        + " records_read = ?, records_held = ?, upserts = ?, deletes = ?, key_changes = ? WHERE id = ?",
                preview,
                read,
                held,
                result.upserts(),
                result.deletes(),
                result.keyChanges(),
                runId);
    }

    /** A run's status and reason as it ended. */
    public record Ended(RunStatus status, String reason) {}

    /** How a run ended (or its status now); empty when there is no such run. */
    public Optional<Ended> ended(Connection c, long runId) throws SQLException {
        return Sql.first(
                c,
                "SELECT status, reason FROM feed_run WHERE id = ?",
                rs -> new Ended(Stored.of(RunStatus.class, rs.getString(1)), rs.getString(2)),
                runId);
    }

    /** Marks a held run rejected by an administrator and drops what it staged. */
    public void reject(Connection c, long runId, String by) throws SQLException {
        Sql.update(
                c,
                "UPDATE feed_run SET status = 'rejected', reason = reason || ' Rejected by ' || ?"
                        + " || '; nothing was published.' WHERE id = ?",
                by,
                runId);
        dropStaged(c, runId);
    }

    /** Records who approved a held run (in its reason, next to why it was held). */
    public void approved(Connection c, long runId, String by) throws SQLException {
        Sql.update(
                c,
                "UPDATE feed_run SET reason = coalesce(reason || ' ', '') || 'Approved by ' || ? || ' at '"
                        + " || to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                        + " || '; published.' WHERE id = ?",
                by,
                runId);
    }

    public void dropStaged(Connection c, long runId) throws SQLException {
        dropStaged(c, List.of(runId));
    }

    private static void dropStaged(Connection c, List<Long> runIds) throws SQLException {
        Sql.batch(c, "DELETE FROM staged_record WHERE run_id = ?", runIds, runId -> new Object[] {runId});
    }

    /** Runs still marked running whose pull has not shown a sign of life for {@code seconds}: abandoned. */
    public int failAbandoned(Connection c, long seconds) throws SQLException {
        List<Long> abandoned = Sql.list(
                c,
                "UPDATE feed_run SET status = 'failed', finished_at = clock_timestamp(), reason = 'The pull stopped"
                        + " without finishing (its instance stopped or lost the database); nothing of it was"
                        + " published.' WHERE status = 'running'"
                        + " AND heartbeat_at < clock_timestamp() - make_interval(secs => ?) RETURNING id",
                rs -> rs.getLong(1),
                seconds);
        dropStaged(c, abandoned);
        return abandoned.size();
    }

    /**
     * One staged record (a held one has no key, key values, body or hash), of a school year ({@code 0}: none, as in a
     * deployment without years; {@code -1}: its years follow its student's enrollments, given before the diff; docs
     * in V10's migration); {@code candidateYears}, for such a record with a date, the years the date allows (else
     * null).
     */
    public record Staged(
            String resource,
            String sourceId,
            String naturalKey,
            String keyValues,
            String body,
            String hash,
            boolean held,
            int schoolYear,
            List<Integer> candidateYears) {

        /** A record of no school year (a deployment without years). */
        public Staged(
                String resource,
                String sourceId,
                String naturalKey,
                String keyValues,
                String body,
                String hash,
                boolean held) {
            this(resource, sourceId, naturalKey, keyValues, body, hash, held, 0, null);
        }

        /**
         * A record staged as held: its source id only, so that a complete run does not delete the hub's copy (in
         * any year).
         */
        public static Staged held(String resource, String sourceId) {
            return new Staged(resource, sourceId, null, null, null, null, true);
        }

        /** This record in {@code year}, with the years its date allows ({@code candidates}, may be null). */
        public Staged in(int year, List<Integer> candidates) {
            return new Staged(resource, sourceId, naturalKey, keyValues, body, hash, held, year, candidates);
        }
    }

    @Override
    public void stage(Connection c, long runId, List<Staged> records) throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO staged_record (run_id, resource, source_id, natural_key, key_values, body,"
                        + " content_hash, held, school_year, candidate_years)"
                        + " VALUES (?, ?, ?, ?::text, ?::jsonb, ?::jsonb, ?::text, ?, ?, ?::integer[])"
                        + " ON CONFLICT (run_id, resource, source_id, school_year) DO NOTHING",
                records,
                s -> new Object[] {
                    runId,
                    s.resource(),
                    s.sourceId(),
                    s.naturalKey(),
                    s.keyValues(),
                    s.body(),
                    s.hash(),
                    s.held(),
                    s.schoolYear(),
                    s.candidateYears() == null ? null : Sql.array("integer", s.candidateYears())
                });
    }

    /**
     * A record the pull could not send as it is, or the hub refused in school year {@code schoolYear} ({@code 0}: of
     * no year; a held record, or a deployment without years).
     */
    public record DataError(
            String resource, String sourceId, String kind, String code, String message, String record, int schoolYear) {

        /** An error of no school year. */
        public DataError(String resource, String sourceId, String kind, String code, String message, String record) {
            this(resource, sourceId, kind, code, message, record, 0);
        }
    }

    /**
     * Records data errors in the queue: an open error of the same record, kind and school year is seen again (last seen,
     * occurrences, newest message and record); otherwise a new open error. School and student come from the record.
     * NUL characters (which PostgreSQL refuses) are stored as U+FFFD, so that reporting a bad record cannot fail.
     */
    @Override
    public void errors(Connection c, Long runId, String connectionId, long leaId, List<DataError> errors)
            throws SQLException {
        errors(c, runId, connectionId, leaId, errors, null);
    }

    public void errors(Connection c, Long runId, String connectionId, long leaId, List<DataError> errors, Long outboxId)
            throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO data_error AS e (run_id, connection_id, local_education_agency_id, resource, source_id,"
                        + " kind, code, message, record, school_id, student_unique_id, outbox_id, created_at,"
                        + " last_seen, school_year)"
                        + " SELECT ?::bigint, ?, ?, ?, ?::text, ?, ?::text, ?::text, r,"
                        + " CASE WHEN s ~ '^[0-9]{1,18}$' THEN s::bigint END,"
                        + " coalesce(r ->> 'studentUniqueId', r #>> '{studentReference,studentUniqueId}'), ?::bigint,"
                        + " clock_timestamp(), clock_timestamp(), ?"
                        + " FROM (SELECT ?::jsonb AS r) x, LATERAL (SELECT coalesce(x.r ->> 'schoolId',"
                        + " x.r #>> '{schoolReference,schoolId}') AS s) y"
                        + " ON CONFLICT (connection_id, resource, source_id, kind, school_year) WHERE state = 'open'"
                        + " DO UPDATE SET"
                        + " run_id = coalesce(EXCLUDED.run_id, e.run_id), code = EXCLUDED.code,"
                        + " message = EXCLUDED.message, record = EXCLUDED.record, school_id = EXCLUDED.school_id,"
                        + " student_unique_id = EXCLUDED.student_unique_id,"
                        + " outbox_id = coalesce(EXCLUDED.outbox_id, e.outbox_id),"
                        + " last_seen = clock_timestamp(), occurrences = e.occurrences + 1",
                errors,
                e -> new Object[] {
                    runId,
                    connectionId,
                    leaId,
                    e.resource(),
                    Storable.text(e.sourceId()),
                    e.kind(),
                    Storable.text(e.code()),
                    Storable.text(e.message()),
                    outboxId,
                    e.schoolYear(),
                    Storable.json(e.record())
                });
    }

    /**
     * Closes the open errors a run settles: records that went through it (staged, not held), and, for a complete
     * run, records of its resources no longer sent at all. Rejections close when their record is delivered.
     */
    public int resolveErrors(Connection c, String connectionId, long runId, List<String> resources, boolean complete)
            throws SQLException {
        int closed = Sql.update(
                c,
                "UPDATE data_error e SET state = 'resolved', closed_at = clock_timestamp(),"
                        + " resolution = 'The record went through in run ' || ?::text || '.'"
                        + " FROM staged_record s WHERE s.run_id = ? AND NOT s.held AND e.state = 'open'"
                        + " AND e.kind <> 'rejected' AND e.connection_id = ? AND e.resource = s.resource"
                        + " AND e.source_id = s.source_id",
                runId,
                runId,
                connectionId);
        if (complete) {
            closed += Sql.update(
                    c,
                    "UPDATE data_error e SET state = 'resolved', closed_at = clock_timestamp(),"
                            + " resolution = 'No longer sent by the source (run ' || ?::text || ').'"
                            + " WHERE e.connection_id = ? AND e.state = 'open' AND e.kind <> 'rejected'"
                            + " AND e.resource = ANY (?) AND e.run_id IS DISTINCT FROM ?"
                            + " AND NOT EXISTS (SELECT 1 FROM staged_record s WHERE s.run_id = ?"
                            + " AND s.resource = e.resource AND s.source_id = e.source_id)",
                    runId,
                    connectionId,
                    Sql.array(c, "text", resources.toArray()),
                    runId,
                    runId);
        }
        return closed;
    }
}
