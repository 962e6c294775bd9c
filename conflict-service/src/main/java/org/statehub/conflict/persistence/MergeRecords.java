package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * SQL over merges, their leases and events (V102__merges.sql); their before-images and steps are
 * {@link MergePlans}'.
 */
@Singleton
public final class MergeRecords {

    /** The states in which a merge still holds its two students (no other merge may name them). */
    public static final List<String> ACTIVE = List.of("requested", "approved", "merging", "splitting");
    /** The states a run works on. */
    public static final List<String> RUNNABLE = List.of("approved", "merging", "splitting");
    /** Every state, in the order of a merge's life. */
    public static final List<String> STATES =
            List.of("requested", "rejected", "approved", "merging", "merged", "failed", "splitting", "split");

    public record Merge(
            long id,
            String state,
            String retiredUniqueId,
            String survivorUniqueId,
            Long pairId,
            String requestedBy,
            OffsetDateTime requestedAt,
            String decidedBy,
            OffsetDateTime decidedAt,
            OffsetDateTime mergedAt,
            String splitBy,
            OffsetDateTime splitRequestedAt,
            OffsetDateTime splitAt,
            UUID retiredStudentId,
            UUID survivorStudentId,
            UUID recreatedStudentId,
            String lastError,
            OffsetDateTime updatedAt) {}

    public record Event(long id, OffsetDateTime at, String actor, String action, String note) {}

    private static final Sql.Row<Merge> MERGE = Rows.of(Merge.class);
    private static final Sql.Row<Event> EVENT = Rows.of(Event.class);

    private static final String SELECT = """
            SELECT id, state, retired_unique_id, survivor_unique_id, pair_id, requested_by, requested_at, decided_by,
                decided_at, merged_at, split_by, split_requested_at, split_at, retired_student_id, survivor_student_id,
                recreated_student_id, last_error, updated_at
            FROM merge_request""";

    // --- merges -------------------------------------------------------------------------------------------------

    public long insert(Connection c, String retired, String survivor, Long pairId, String actor, String note)
            throws SQLException {
        long id = Sql.first(c, """
                        INSERT INTO merge_request (state, retired_unique_id, survivor_unique_id, pair_id, requested_by,
                            requested_at, updated_at)
                        VALUES ('requested', ?, ?, ?, ?, clock_timestamp(), clock_timestamp())
                        RETURNING id
                        """, rs -> rs.getLong(1), retired, survivor, pairId, actor)
                .orElseThrow();
        event(c, id, actor, "requested", note);
        return id;
    }

    public Optional<Merge> find(Connection c, long id, boolean forUpdate) throws SQLException {
        return Sql.first(c, SELECT + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), MERGE, id);
    }

    /** A page of merges, newest first; {@code studentUniqueId} (optional) as retired or survivor. */
    public List<Merge> list(Connection c, List<String> states, String studentUniqueId, int limit, int offset)
            throws SQLException {
        return where(states, studentUniqueId).page(c, SELECT, "id DESC", MERGE, limit, offset);
    }

    public long count(Connection c, List<String> states, String studentUniqueId) throws SQLException {
        return where(states, studentUniqueId).count(c, "merge_request");
    }

    private static Conditions where(List<String> states, String studentUniqueId) {
        return Conditions.where("state = ANY (?)", Sql.array("text", states))
                .andIf(
                        studentUniqueId != null,
                        "(retired_unique_id = ? OR survivor_unique_id = ?)",
                        studentUniqueId,
                        studentUniqueId);
    }

    /** The merges other than {@code except} in one of {@code states} that name one of these students. */
    public List<Long> involving(Connection c, List<String> states, String a, String b, long except)
            throws SQLException {
        return Sql.list(c, """
                SELECT id FROM merge_request WHERE state = ANY (?) AND id <> ?
                AND (retired_unique_id IN (?, ?) OR survivor_unique_id IN (?, ?))
                ORDER BY id
                """, rs -> rs.getLong(1), Sql.array("text", states), except, a, b, a, b);
    }

    /** Serialises requests for new merges, so that two cannot name the same student at once. */
    public void lockRequests(Connection c) throws SQLException {
        Sql.first(c, "SELECT pg_advisory_xact_lock(hashtext('conflict.merge_request'))", rs -> true);
    }

    /** Approval or rejection of a requested merge. */
    public void decide(Connection c, long id, String state, String actor, String note) throws SQLException {
        update(c, id, "state = ?, decided_by = ?, decided_at = clock_timestamp(), last_error = NULL", state, actor);
        event(c, id, actor, state, note);
    }

    /** The before-image is recorded: the merge's writes begin. */
    public void startMerging(Connection c, long id, UUID retiredStudent, UUID survivorStudent) throws SQLException {
        update(
                c,
                id,
                "state = 'merging', retired_student_id = ?, survivor_student_id = ?, last_error = NULL",
                retiredStudent,
                survivorStudent);
    }

    /** Every step of the merge is done; {@code note} says what it did. */
    public void merged(Connection c, long id, String note) throws SQLException {
        update(c, id, "state = 'merged', merged_at = clock_timestamp(), last_error = NULL");
        event(c, id, SYSTEM, "merged", note);
    }

    /** Nothing was written and nothing will be: a student is gone. */
    public void failed(Connection c, long id, String reason) throws SQLException {
        update(c, id, "state = 'failed', last_error = ?", reason);
        event(c, id, SYSTEM, "failed", reason);
    }

    public void requestSplit(Connection c, long id, String actor, String note) throws SQLException {
        update(
                c,
                id,
                "state = 'splitting', split_by = ?, split_requested_at = clock_timestamp(), last_error = NULL",
                actor);
        event(c, id, actor, "split-requested", note);
    }

    public void recreated(Connection c, long id, UUID student) throws SQLException {
        update(c, id, "recreated_student_id = ?", student);
    }

    /** Every step of the split is done; {@code note} says what it did. */
    public void split(Connection c, long id, String note) throws SQLException {
        update(c, id, "state = 'split', split_at = clock_timestamp(), last_error = NULL");
        event(c, id, SYSTEM, "split", note);
    }

    public void lastError(Connection c, long id, String error) throws SQLException {
        update(c, id, "last_error = ?", error);
    }

    private static void update(Connection c, long id, String set, Object... values) throws SQLException {
        Sql.update(
                c,
                "UPDATE merge_request SET " + set + ", updated_at = clock_timestamp() WHERE id = ?",
                with(values, id));
    }

    /** The values, then one more. */
    static Object[] with(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    // --- leases: one run at a time works on a merge -------------------------------------------------------------

    /** Takes the merge for this run, unless another run holds it; true if taken. */
    public boolean claim(Connection c, long id, String owner, Duration lease) throws SQLException {
        return Sql.update(c, """
                        UPDATE merge_request
                        SET lease_owner = ?, lease_until = clock_timestamp() + make_interval(secs => ?)
                        WHERE id = ? AND state = ANY (?)
                        AND (lease_until IS NULL OR lease_until < clock_timestamp())
                        """, owner, seconds(lease), id, Sql.array("text", RUNNABLE)) == 1;
    }

    /** Extends this run's hold; false if it has lost it (then it must stop). */
    public boolean renew(Connection c, long id, String owner, Duration lease) throws SQLException {
        return Sql.update(c, """
                        UPDATE merge_request SET lease_until = clock_timestamp() + make_interval(secs => ?)
                        WHERE id = ? AND lease_owner = ?
                        """, seconds(lease), id, owner) == 1;
    }

    public void release(Connection c, long id, String owner) throws SQLException {
        Sql.update(c, """
                UPDATE merge_request SET lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND lease_owner = ?
                """, id, owner);
    }

    private static double seconds(Duration lease) {
        return lease.toMillis() / 1000.0;
    }

    /** Merges with work left that no run holds: approved, merging or splitting. */
    public List<Long> resumable(Connection c, int limit) throws SQLException {
        return Sql.list(c, """
                SELECT id FROM merge_request WHERE state = ANY (?)
                AND (lease_until IS NULL OR lease_until < clock_timestamp())
                ORDER BY id LIMIT ?
                """, rs -> rs.getLong(1), Sql.array("text", RUNNABLE), limit);
    }

    // --- events -------------------------------------------------------------------------------------------------

    /** The actor of what conflict-service does by itself (finishing a merge, a failure). */
    public static final String SYSTEM = "conflict-service";

    public void event(Connection c, long mergeId, String actor, String action, String note) throws SQLException {
        Sql.update(c, """
                INSERT INTO merge_event (merge_id, at, actor, action, note)
                VALUES (?, clock_timestamp(), ?, ?, ?::text)
                """, mergeId, actor, action, note);
    }

    public List<Event> events(Connection c, long mergeId) throws SQLException {
        return Sql.list(
                c,
                "SELECT id, at, actor, action, note FROM merge_event WHERE merge_id = ? ORDER BY id",
                EVENT,
                mergeId);
    }
}
