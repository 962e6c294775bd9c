package org.statehub.feed.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a resync job keeps in the database (SQL only, on the caller's connection): the job's phase and progress
 * ({@code resync_job}), the hub's items it read ({@code resync_target}), the orphans among them and the repairs.
 */
public interface ResyncJobs {

    /** An item the hub holds, as a resync read it: its natural key and key values, the hub's id and its body. */
    record Target(String resource, String naturalKey, String keyValues, String targetId, String body) {}

    /**
     * An orphan of a student-scoped resource: no source record and no identity row accounts for it in its school
     * year ({@code 0}: none, a deployment without years).
     */
    record Orphan(String resource, String naturalKey, JsonNode keyValues, int schoolYear) {

        /** An orphan of no school year. */
        public Orphan(String resource, String naturalKey, JsonNode keyValues) {
            this(resource, naturalKey, keyValues, 0);
        }
    }

    /**
     * A job whose instance stopped, claimed to be run again: its run, if it had started one, and the one school year
     * it was asked to repair (null: every year).
     */
    record Stale(long id, String connectionId, String resource, Long runId, Integer schoolYear) {}

    /**
     * What the orphans and repairs of a job are about: the job, its run, the connection with its LEA, and the school
     * years it compares ({@code [0]} without years).
     */
    record Scope(long jobId, long runId, String connectionId, long leaId, List<Integer> years) {}

    /** What the repairs changed: the school year of each orphan deleted, missing and altered record republished. */
    record Repairs(List<Integer> orphansDeleted, List<Integer> missingRepublished, List<Integer> alteredRepublished) {}

    /**
     * A new running job (of one resource, or all when null; of one school year, or every year when null); empty when
     * a resync of the connection is already running.
     */
    Optional<Long> create(Connection c, String connectionId, String resource, Integer schoolYear, String requestedBy)
            throws SQLException;

    /** Jobs without a sign of life for {@code seconds}, claimed (their heartbeat renewed) to be run again. */
    List<Stale> claimStale(Connection c, long seconds) throws SQLException;

    /**
     * The job's run, the school years it compares (null without years), its phase {@code source} and no progress;
     * what an earlier attempt read is dropped.
     */
    void begin(Connection c, long jobId, long runId, List<Integer> years) throws SQLException;

    /** Phase {@code target}: {@code done} of {@code total}. */
    void reading(Connection c, long jobId, long done, long total) throws SQLException;

    /** Phase {@code compare}, with {@code more} steps to go (the orphans to look up). */
    void comparing(Connection c, long jobId, long more) throws SQLException;

    /** Progress, and a sign of life. */
    void progress(Connection c, long jobId, long done) throws SQLException;

    /** The school year whose items the job reads now (phase {@code target}; null: none, or no years). */
    void readingYear(Connection c, long jobId, Integer year) throws SQLException;

    /** Keeps the hub's items of school year {@code year} (an item already kept is left as it is). */
    void addTargets(Connection c, long jobId, int year, List<Target> targets) throws SQLException;

    /**
     * The orphans of {@code resources} (those a student-scoped resource holds): items no staged record of the run
     * and no identity row of any connection of the LEA accounts for in their school year, by resource and natural
     * key.
     */
    List<Orphan> orphans(Connection c, Scope scope, List<String> resources) throws SQLException;

    /**
     * The repairs, in the caller's transaction: orphans (but those {@code kept}) queued for deletion by id after
     * everything else ({@code resources} with their ranks) in their school year; identity rows of the years compared
     * whose item is gone from their year dropped, those whose item differs from the source marked changed.
     */
    Repairs repair(Connection c, Scope scope, List<Differ.Pulled> resources, List<Orphan> kept) throws SQLException;

    /** The job succeeded with this report; what it read is dropped. */
    void succeed(Connection c, long jobId, String report) throws SQLException;

    /** The job failed for this reason. */
    void fail(Connection c, long jobId, String reason) throws SQLException;
}
