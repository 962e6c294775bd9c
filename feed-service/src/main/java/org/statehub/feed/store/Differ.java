package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.statehub.feed.domain.HoldRule;
import org.statehub.jdbc.Sql;

/**
 * Compares a successful pull's staged records with the identity map, in one transaction with the outbox writes:
 * new and changed records become upserts, changed natural keys key changes (where the resource allows them) or a
 * delete of the old key plus an upsert of the new, records gone from the source deletes. Held records stay as
 * they are. Set-based SQL: the cost does not depend on the size of the pull in Java memory.
 */
@Singleton
public class Differ {

    /** A resource of the pull: its dependency rank (deletes take 100 - rank) and whether PUT may change its key. */
    public record Pulled(String resource, int rank, boolean keyChanges) {}

    /**
     * What the diff queued; with school years, also per year ({@code years}, empty without years: a deployment
     * without years has one data space and only the totals).
     */
    public record Result(long upserts, long deletes, long keyChanges, SortedMap<Integer, Result> years) {

        public Result {
            years = Collections.unmodifiableSortedMap(new TreeMap<>(years));
        }

        /** Totals alone (no school years). */
        public Result(long upserts, long deletes, long keyChanges) {
            this(upserts, deletes, keyChanges, Collections.emptySortedMap());
        }

        /** The changes of one row each, by operation, with their school years ({@code 0}: none, not counted per year). */
        static Result of(List<Integer> upserts, List<Integer> deletes, List<Integer> keyChanges) {
            SortedMap<Integer, Result> years = new TreeMap<>();
            upserts.stream().filter(y -> y > 0).forEach(y -> years.merge(y, new Result(1, 0, 0), Result::plus));
            deletes.stream().filter(y -> y > 0).forEach(y -> years.merge(y, new Result(0, 1, 0), Result::plus));
            keyChanges.stream().filter(y -> y > 0).forEach(y -> years.merge(y, new Result(0, 0, 1), Result::plus));
            return new Result(upserts.size(), deletes.size(), keyChanges.size(), years);
        }

        /** The counts per year as JSON: {@code {"2026": {"upserts": 3, "deletes": 0, "keyChanges": 1}}}. */
        public String yearsJson() {
            StringBuilder json = new StringBuilder("{");
            years.forEach((year, counts) -> json.append(json.length() > 1 ? ", " : "")
                    .append("\"%d\": {\"upserts\": %d, \"deletes\": %d, \"keyChanges\": %d}"
                            .formatted(year, counts.upserts(), counts.deletes(), counts.keyChanges())));
            return json.append('}').toString();
        }

        /** This and {@code other} added up, in total and per year. */
        public Result plus(Result other) {
            SortedMap<Integer, Result> sum = new TreeMap<>(years);
            other.years.forEach((year, result) -> sum.merge(year, result, Result::plus));
            return new Result(upserts + other.upserts, deletes + other.deletes, keyChanges + other.keyChanges, sum);
        }
    }

    /** A row the diff queued: its operation and school year. */
    private record Queued(String operation, int schoolYear) {}

    /** A returned school year. */
    private static final Sql.Row<Integer> YEAR = rs -> rs.getInt(1);

    /**
     * The rest of a condition on a staged record {@code s} of the identity row {@code m}'s resource: the same record
     * is staged in {@code m}'s school year, or held (a held record keeps what the hub has of it in every year).
     */
    private static final String STILL_THERE =
            " AND s.source_id = m.source_id AND (s.held OR s.school_year = m.school_year)";

    private static final String PULLED = "WITH r AS (SELECT * FROM unnest(?::text[], ?::int[], ?::boolean[])"
            + " AS r(resource, rank, key_changes)) ";

    public Result diff(Connection c, String connectionId, long runId, List<Pulled> pulled) throws SQLException {
        return diff(c, connectionId, runId, pulled, true);
    }

    /**
     * As above; {@code complete} says whether the run saw every record of its resources (a pull) or only some (a
     * push batch): only a complete run deletes what it did not see.
     */
    public Result diff(Connection c, String connectionId, long runId, List<Pulled> pulled, boolean complete)
            throws SQLException {
        List<Queued> queued = Sql.list(
                c,
                PULLED + "INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation, body,"
                        + " key_values, target_id, next_attempt_at, school_year)"
                        + " SELECT s.run_id, ?, r.rank, s.resource, s.source_id,"
                        + " CASE WHEN m.natural_key <> s.natural_key AND r.key_changes THEN 'key-change'"
                        + " ELSE 'upsert' END,"
                        + " s.body, CASE WHEN m.natural_key <> s.natural_key AND r.key_changes THEN m.key_values END,"
                        + " CASE WHEN m.natural_key <> s.natural_key AND r.key_changes THEN m.target_id END,"
                        + " clock_timestamp(), s.school_year"
                        + " FROM staged_record s JOIN r ON r.resource = s.resource"
                        + " LEFT JOIN identity_map m ON m.connection_id = ? AND m.resource = s.resource"
                        + " AND m.source_id = s.source_id AND m.school_year = s.school_year"
                        + " WHERE s.run_id = ? AND NOT s.held AND (m.source_id IS NULL"
                        + " OR m.content_hash <> s.content_hash OR m.natural_key <> s.natural_key)"
                        + " ORDER BY r.rank, s.resource, s.source_id, s.school_year RETURNING operation, school_year",
                rs -> new Queued(rs.getString(1), rs.getInt(2)),
                pulled(c, pulled, connectionId, connectionId, runId));
        List<Integer> keyChanges = queued.stream()
                .filter(row -> row.operation().equals("key-change"))
                .map(Queued::schoolYear)
                .toList();
        List<Integer> upserts = queued.stream()
                .filter(row -> !row.operation().equals("key-change"))
                .map(Queued::schoolYear)
                .toList();
        // a changed key the resource cannot change in place: the old key is deleted after the new one is posted
        List<Integer> deletes = new java.util.ArrayList<>(Sql.list(
                c,
                PULLED + "INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation,"
                        + " key_values, next_attempt_at, school_year)"
                        + " SELECT s.run_id, ?, 100 - r.rank, s.resource, s.source_id, 'delete', m.key_values,"
                        + " clock_timestamp(), m.school_year FROM staged_record s JOIN r ON r.resource = s.resource"
                        + " JOIN identity_map m ON m.connection_id = ? AND m.resource = s.resource"
                        + " AND m.source_id = s.source_id AND m.school_year = s.school_year"
                        + " WHERE s.run_id = ? AND NOT s.held AND m.natural_key <> s.natural_key AND NOT r.key_changes"
                        + " ORDER BY r.rank DESC, s.resource, s.source_id RETURNING school_year",
                YEAR,
                pulled(c, pulled, connectionId, connectionId, runId)));
        if (!complete) {
            upsertIdentities(c, connectionId, runId);
            return Result.of(upserts, deletes, keyChanges);
        }
        // gone from the source (or from a school year: a held record keeps every year's)
        String gone = " FROM identity_map m JOIN r ON r.resource = m.resource WHERE m.connection_id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM staged_record s WHERE s.run_id = ? AND s.resource = m.resource"
                + STILL_THERE + ")";
        deletes.addAll(Sql.list(
                c,
                PULLED + "INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation,"
                        + " key_values, next_attempt_at, school_year)"
                        + " SELECT ?, m.connection_id, 100 - r.rank, m.resource, m.source_id, 'delete', m.key_values,"
                        + " clock_timestamp(), m.school_year" + gone
                        + " ORDER BY r.rank DESC, m.resource, m.source_id, m.school_year RETURNING school_year",
                YEAR,
                pulled(c, pulled, runId, connectionId, runId)));
        Sql.update(
                c,
                PULLED + "DELETE FROM identity_map d WHERE (d.connection_id, d.resource, d.source_id, d.school_year)"
                        + " IN (SELECT m.connection_id, m.resource, m.source_id, m.school_year" + gone + ")",
                pulled(c, pulled, connectionId, runId));
        upsertIdentities(c, connectionId, runId);
        return Result.of(upserts, deletes, keyChanges);
    }

    /** Deletes named by the source (a push): queued for the records the identity map knows, in their years. */
    public Result deleteSources(Connection c, String connectionId, long runId, Pulled resource, List<String> sourceIds)
            throws SQLException {
        List<Integer> deleted = Sql.list(
                c,
                "INSERT INTO outbox (run_id, connection_id, rank, resource, source_id, operation, key_values,"
                        + " next_attempt_at, school_year) SELECT ?, m.connection_id, ?, m.resource, m.source_id,"
                        + " 'delete', m.key_values, clock_timestamp(), m.school_year FROM identity_map m"
                        + " WHERE m.connection_id = ? AND m.resource = ? AND m.source_id = ANY (?)"
                        + " ORDER BY m.source_id, m.school_year RETURNING school_year",
                YEAR,
                runId,
                100 - resource.rank(),
                connectionId,
                resource.resource(),
                Sql.array(c, "text", sourceIds.toArray()));
        Sql.update(
                c,
                "DELETE FROM identity_map WHERE connection_id = ? AND resource = ? AND source_id = ANY (?)",
                connectionId,
                resource.resource(),
                Sql.array(c, "text", sourceIds.toArray()));
        return Result.of(List.of(), deleted, List.of());
    }

    private static void upsertIdentities(Connection c, String connectionId, long runId) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO identity_map AS m (connection_id, resource, source_id, natural_key, key_values,"
                        + " content_hash, updated_run_id, school_year)"
                        + " SELECT ?, s.resource, s.source_id, s.natural_key, s.key_values, s.content_hash, s.run_id,"
                        + " s.school_year FROM staged_record s WHERE s.run_id = ? AND NOT s.held"
                        + " ON CONFLICT (connection_id, resource, source_id, school_year) DO UPDATE SET"
                        + " natural_key = EXCLUDED.natural_key, key_values = EXCLUDED.key_values,"
                        + " content_hash = EXCLUDED.content_hash, updated_run_id = EXCLUDED.updated_run_id,"
                        + " target_id = CASE WHEN m.natural_key = EXCLUDED.natural_key THEN m.target_id END"
                        + " WHERE m.content_hash <> EXCLUDED.content_hash OR m.natural_key <> EXCLUDED.natural_key",
                connectionId,
                runId);
    }

    /**
     * The safety check before a complete run is applied: the resources of which it would delete more than
     * {@code share} of the connection's records (and that have at least {@code minimum} records), described for the
     * run's reason; empty when there are none.
     */
    public List<HoldRule.Deletes> deletesByResource(Connection c, String connectionId, long runId, List<Pulled> pulled)
            throws SQLException {
        return Sql.list(
                c,
                PULLED + "SELECT m.resource, count(*),"
                        + " count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM staged_record s WHERE s.run_id = ?"
                        + " AND s.resource = m.resource" + STILL_THERE + "))"
                        + " FROM identity_map m JOIN r ON r.resource = m.resource WHERE m.connection_id = ?"
                        + " GROUP BY m.resource ORDER BY m.resource",
                rs -> new HoldRule.Deletes(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                pulled(c, pulled, runId, connectionId));
    }

    /**
     * State rule: of a student's enrollments in one run whose dates overlap, only the one that starts latest is
     * reported (the others are dropped from the run, so the hub's copies of them are deleted); with school years,
     * within each year. Returns how many.
     */
    public int dropOverlappingEnrollments(Connection c, long runId) throws SQLException {
        // each enrollment against the next one of the same student (by entry date, then source id): it overlaps a
        // later one exactly when it overlaps the next, whose entry is the earliest of the later ones. One sort
        // per run, whatever the planner knows of the freshly staged rows (a self-join was quadratic without it).
        return Sql.update(
                c,
                "DELETE FROM staged_record s USING (SELECT source_id,"
                        + " school_year, lead(body ->> 'entryDate') OVER (PARTITION BY"
                        + " body #>> '{studentReference,studentUniqueId}', school_year"
                        + " ORDER BY body ->> 'entryDate', source_id) AS next_entry,"
                        + " body ->> 'exitWithdrawDate' AS exit_date FROM staged_record"
                        + " WHERE run_id = ? AND resource = 'studentSchoolAssociations' AND NOT held) n"
                        + " WHERE s.run_id = ? AND s.resource = 'studentSchoolAssociations' AND s.source_id = n.source_id"
                        + " AND s.school_year = n.school_year"
                        + " AND n.next_entry IS NOT NULL AND (n.exit_date IS NULL OR n.exit_date >= n.next_entry)",
                runId,
                runId);
    }

    /**
     * ANALYZE of the tables a run has just filled, outside any transaction: without fresh statistics the planner
     * takes a table that grew by a district's records in one go for an almost empty one, and plans a join over it
     * as nested loops, which grows with the square of the district (measured: 0.9 ms against 2 s per outbox claim
     * of 10,000 records).
     */
    public void refreshStatistics(Connection c, String... tables) {
        try (var statement = c.createStatement()) {
            statement.execute("ANALYZE " + String.join(", ", tables));
        } catch (SQLException e) {
            // only the plans suffer; autovacuum analyzes the tables later
            org.jboss.logging.Logger.getLogger(Differ.class)
                    .warnf("ANALYZE %s failed: %s", String.join(", ", tables), e.getMessage());
        }
    }

    /**
     * After a run's rows are queued (outside any transaction): VACUUM the outbox when it holds many dead row versions
     * (the rows earlier runs delivered; until a vacuum their entries stay in the pending-rows indexes and every
     * claim walks them: after a 50,000-student full sync, 500,000 of them, which held the next delta's first
     * delivery back by seconds), else only ANALYZE it.
     */
    public void tidyOutbox(Connection c) {
        long dead = 0;
        try (var statement = c.createStatement();
                var rs = statement.executeQuery(
                        "SELECT n_dead_tup FROM pg_stat_user_tables" + " WHERE relid = 'outbox'::regclass")) {
            dead = rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            // statistics unavailable: analyze only
        }
        if (dead < 10_000) {
            refreshStatistics(c, "outbox");
            return;
        }
        try (var statement = c.createStatement()) {
            statement.execute("VACUUM (ANALYZE) outbox");
        } catch (SQLException e) {
            org.jboss.logging.Logger.getLogger(Differ.class).warnf("VACUUM outbox failed: %s", e.getMessage());
        }
    }

    /** The parameters of a statement that starts with {@link #PULLED}: the pulled resources, then {@code rest}. */
    private static Object[] pulled(Connection c, List<Pulled> pulled, Object... rest) throws SQLException {
        Object[] parameters = new Object[3 + rest.length];
        parameters[0] =
                Sql.array(c, "text", pulled.stream().map(Pulled::resource).toArray());
        parameters[1] =
                Sql.array(c, "integer", pulled.stream().map(Pulled::rank).toArray());
        parameters[2] =
                Sql.array(c, "boolean", pulled.stream().map(Pulled::keyChanges).toArray());
        System.arraycopy(rest, 0, parameters, 3, rest.length);
        return parameters;
    }
}
