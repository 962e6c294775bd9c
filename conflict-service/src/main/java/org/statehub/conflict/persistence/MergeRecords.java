package org.statehub.conflict.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.statehub.jdbc.Sql;

/** SQL over merges, their before-images, steps and events (V102__merges.sql). */
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

    /** One entry of the before-image. */
    public record Item(
            long id,
            String resource,
            UUID itemId,
            String etag,
            String body,
            UUID survivorItemId,
            String survivorBody,
            OffsetDateTime recordedAt) {}

    public record Step(
            long id,
            String phase,
            int seq,
            String action,
            long item,
            String state,
            String progress,
            UUID copyId,
            String copyEtag,
            UUID restoredId,
            int attempts,
            String lastError,
            OffsetDateTime doneAt) {}

    public record Event(long id, OffsetDateTime at, String actor, String action, String note) {}

    private static final String MERGE_COLUMNS = "id, state, retired_unique_id, survivor_unique_id, pair_id,"
            + " requested_by, requested_at, decided_by, decided_at, merged_at, split_by, split_requested_at, split_at,"
            + " retired_student_id, survivor_student_id, recreated_student_id, last_error, updated_at";
    private static final String ITEM_COLUMNS =
            "id, resource, item_id, etag, body::text, survivor_item_id," + " survivor_body::text, recorded_at";
    private static final String STEP_COLUMNS = "id, phase, seq, action, item, state, progress, copy_id, copy_etag,"
            + " restored_id, attempts, last_error, done_at";

    // --- merges -------------------------------------------------------------------------------------------------

    public long insert(Connection c, String retired, String survivor, Long pairId, String actor, String note)
            throws SQLException {
        long id = Sql.first(
                        c,
                        "INSERT INTO merge_request (state, retired_unique_id, survivor_unique_id, pair_id,"
                                + " requested_by, requested_at, updated_at)"
                                + " VALUES ('requested', ?, ?, ?, ?, clock_timestamp(), clock_timestamp()) RETURNING id",
                        rs -> rs.getLong(1),
                        retired,
                        survivor,
                        pairId,
                        actor)
                .orElseThrow();
        event(c, id, actor, "requested", note);
        return id;
    }

    public Optional<Merge> find(Connection c, long id, boolean forUpdate) throws SQLException {
        return Sql.first(
                c,
                "SELECT " + MERGE_COLUMNS + " FROM merge_request WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
                MergeRecords::merge,
                id);
    }

    /** A page of merges, newest first; {@code studentUniqueId} (optional) as retired or survivor. */
    public List<Merge> list(Connection c, List<String> states, String studentUniqueId, int limit, int offset)
            throws SQLException {
        return Sql.list(
                c,
                "SELECT " + MERGE_COLUMNS + " FROM merge_request WHERE state = ANY (?)"
                        + " AND (?::text IS NULL OR retired_unique_id = ? OR survivor_unique_id = ?)"
                        + " ORDER BY id DESC LIMIT ? OFFSET ?",
                MergeRecords::merge,
                c.createArrayOf("text", states.toArray()),
                studentUniqueId,
                studentUniqueId,
                studentUniqueId,
                limit,
                offset);
    }

    public long count(Connection c, List<String> states, String studentUniqueId) throws SQLException {
        return Sql.first(
                        c,
                        "SELECT count(*) FROM merge_request WHERE state = ANY (?)"
                                + " AND (?::text IS NULL OR retired_unique_id = ? OR survivor_unique_id = ?)",
                        rs -> rs.getLong(1),
                        c.createArrayOf("text", states.toArray()),
                        studentUniqueId,
                        studentUniqueId,
                        studentUniqueId)
                .orElse(0L);
    }

    /** The merges other than {@code except} in one of {@code states} that name one of these students. */
    public List<Long> involving(Connection c, List<String> states, String a, String b, long except)
            throws SQLException {
        return Sql.list(
                c,
                "SELECT id FROM merge_request WHERE state = ANY (?) AND id <> ?"
                        + " AND (retired_unique_id IN (?, ?) OR survivor_unique_id IN (?, ?)) ORDER BY id",
                rs -> rs.getLong(1),
                c.createArrayOf("text", states.toArray()),
                except,
                a,
                b,
                a,
                b);
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

    public void merged(Connection c, long id) throws SQLException {
        update(c, id, "state = 'merged', merged_at = clock_timestamp(), last_error = NULL");
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

    public void split(Connection c, long id) throws SQLException {
        update(c, id, "state = 'split', split_at = clock_timestamp(), last_error = NULL");
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
    private static Object[] with(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    // --- leases: one run at a time works on a merge -------------------------------------------------------------

    /** Takes the merge for this run, unless another run holds it; true if taken. */
    public boolean claim(Connection c, long id, String owner, Duration lease) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE merge_request SET lease_owner = ?,"
                                + " lease_until = clock_timestamp() + make_interval(secs => ?) WHERE id = ? AND state = ANY (?)"
                                + " AND (lease_until IS NULL OR lease_until < clock_timestamp())",
                        owner,
                        lease.toMillis() / 1000.0,
                        id,
                        c.createArrayOf("text", RUNNABLE.toArray()))
                == 1;
    }

    /** Extends this run's hold; false if it has lost it (then it must stop). */
    public boolean renew(Connection c, long id, String owner, Duration lease) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE merge_request SET lease_until = clock_timestamp() + make_interval(secs => ?)"
                                + " WHERE id = ? AND lease_owner = ?",
                        lease.toMillis() / 1000.0,
                        id,
                        owner)
                == 1;
    }

    public void release(Connection c, long id, String owner) throws SQLException {
        Sql.update(
                c,
                "UPDATE merge_request SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                id,
                owner);
    }

    /** Merges with work left that no run holds: approved, merging or splitting. */
    public List<Long> resumable(Connection c, int limit) throws SQLException {
        return Sql.list(
                c,
                "SELECT id FROM merge_request WHERE state = ANY (?)"
                        + " AND (lease_until IS NULL OR lease_until < clock_timestamp()) ORDER BY id LIMIT ?",
                rs -> rs.getLong(1),
                c.createArrayOf("text", RUNNABLE.toArray()),
                limit);
    }

    // --- the before-image ---------------------------------------------------------------------------------------

    public long addItem(
            Connection c,
            long mergeId,
            String resource,
            UUID itemId,
            String etag,
            String body,
            UUID survivorItemId,
            String survivorBody)
            throws SQLException {
        return Sql.first(
                        c,
                        "INSERT INTO merge_item (merge_id, resource, item_id, etag, body, survivor_item_id,"
                                + " survivor_body, recorded_at) VALUES (?, ?, ?, ?, ?::jsonb, ?::uuid, ?::jsonb, clock_timestamp())"
                                + " RETURNING id",
                        rs -> rs.getLong(1),
                        mergeId,
                        resource,
                        itemId,
                        etag,
                        body,
                        survivorItemId,
                        survivorBody)
                .orElseThrow();
    }

    public List<Item> items(Connection c, long mergeId) throws SQLException {
        return Sql.list(
                c,
                "SELECT " + ITEM_COLUMNS + " FROM merge_item WHERE merge_id = ? ORDER BY id",
                MergeRecords::item,
                mergeId);
    }

    public Item item(Connection c, long id) throws SQLException {
        return Sql.first(c, "SELECT " + ITEM_COLUMNS + " FROM merge_item WHERE id = ?", MergeRecords::item, id)
                .orElseThrow(() -> new SQLException("No merge_item " + id));
    }

    /** The item changed at its service before the merge deleted it: the image takes the version deleted. */
    public void updateItem(Connection c, long id, String etag, String body) throws SQLException {
        Sql.update(
                c,
                "UPDATE merge_item SET etag = ?, body = ?::jsonb, recorded_at = clock_timestamp() WHERE id = ?",
                etag,
                body,
                id);
    }

    /** The survivor's own item holds the key the copy would take: it is kept, and recorded. */
    public void collision(Connection c, long id, UUID survivorItemId, String survivorBody) throws SQLException {
        Sql.update(
                c,
                "UPDATE merge_item SET survivor_item_id = ?::uuid, survivor_body = ?::jsonb WHERE id = ?",
                survivorItemId,
                survivorBody,
                id);
    }

    // --- steps --------------------------------------------------------------------------------------------------

    public void addStep(
            Connection c, long mergeId, String phase, int seq, String action, long item, UUID copyId, String copyEtag)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO merge_step (merge_id, phase, seq, action, item, state, copy_id, copy_etag)"
                        + " VALUES (?, ?, ?, ?, ?, 'pending', ?::uuid, ?::text)",
                mergeId,
                phase,
                seq,
                action,
                item,
                copyId,
                copyEtag);
    }

    public List<Step> steps(Connection c, long mergeId) throws SQLException {
        return Sql.list(
                c,
                "SELECT " + STEP_COLUMNS + " FROM merge_step WHERE merge_id = ?" + " ORDER BY phase = 'split', seq",
                MergeRecords::step,
                mergeId);
    }

    /** The first step of the phase not done yet. */
    public Optional<Step> nextPending(Connection c, long mergeId, String phase) throws SQLException {
        return Sql.first(
                c,
                "SELECT " + STEP_COLUMNS + " FROM merge_step WHERE merge_id = ? AND phase = ?"
                        + " AND state = 'pending' ORDER BY seq LIMIT 1",
                MergeRecords::step,
                mergeId,
                phase);
    }

    /** The highest seq of the phase below {@code below} (0 if none). */
    public int lastSeqBelow(Connection c, long mergeId, String phase, int below) throws SQLException {
        return Sql.first(
                        c,
                        "SELECT coalesce(max(seq), 0) FROM merge_step WHERE merge_id = ? AND phase = ?"
                                + " AND seq < ?",
                        rs -> rs.getInt(1),
                        mergeId,
                        phase,
                        below)
                .orElse(0);
    }

    /** An attempt of the step begins (before its first write to a service). */
    public void attempt(Connection c, long stepId) throws SQLException {
        step(c, stepId, "attempts = attempts + 1");
    }

    public void progress(Connection c, long stepId, String progress, UUID copyId, String copyEtag, UUID restoredId)
            throws SQLException {
        step(
                c,
                stepId,
                "progress = ?, copy_id = coalesce(?, copy_id), copy_etag = coalesce(?, copy_etag),"
                        + " restored_id = coalesce(?, restored_id), last_error = NULL",
                progress,
                copyId,
                copyEtag,
                restoredId);
    }

    public void action(Connection c, long stepId, String action) throws SQLException {
        step(c, stepId, "action = ?", action);
    }

    /** The step is done; the merge's last error, if any, is over too (it was this step's). */
    public void done(Connection c, long stepId) throws SQLException {
        step(c, stepId, "state = 'done', done_at = clock_timestamp(), last_error = NULL");
        Sql.update(
                c,
                "UPDATE merge_request SET last_error = NULL, updated_at = clock_timestamp()"
                        + " WHERE id = (SELECT merge_id FROM merge_step WHERE id = ?) AND last_error IS NOT NULL",
                stepId);
    }

    public void stepError(Connection c, long stepId, String error) throws SQLException {
        step(c, stepId, "last_error = ?", error);
    }

    private static void step(Connection c, long stepId, String set, Object... values) throws SQLException {
        Sql.update(c, "UPDATE merge_step SET " + set + " WHERE id = ?", with(values, stepId));
    }

    // --- events -------------------------------------------------------------------------------------------------

    /** The actor of what conflict-service does by itself (finishing a merge, a failure). */
    public static final String SYSTEM = "conflict-service";

    public void event(Connection c, long mergeId, String actor, String action, String note) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO merge_event (merge_id, at, actor, action, note)"
                        + " VALUES (?, clock_timestamp(), ?, ?, ?::text)",
                mergeId,
                actor,
                action,
                note);
    }

    public List<Event> events(Connection c, long mergeId) throws SQLException {
        return Sql.list(
                c,
                "SELECT id, at, actor, action, note FROM merge_event WHERE merge_id = ? ORDER BY id",
                rs -> new Event(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)),
                mergeId);
    }

    // --- row mapping --------------------------------------------------------------------------------------------

    private static Merge merge(ResultSet rs) throws SQLException {
        long pair = rs.getLong(5);
        Long pairId = rs.wasNull() ? null : pair;
        return new Merge(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                pairId,
                rs.getString(6),
                rs.getObject(7, OffsetDateTime.class),
                rs.getString(8),
                rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class),
                rs.getString(11),
                rs.getObject(12, OffsetDateTime.class),
                rs.getObject(13, OffsetDateTime.class),
                rs.getObject(14, UUID.class),
                rs.getObject(15, UUID.class),
                rs.getObject(16, UUID.class),
                rs.getString(17),
                rs.getObject(18, OffsetDateTime.class));
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, UUID.class),
                rs.getString(7),
                rs.getObject(8, OffsetDateTime.class));
    }

    private static Step step(ResultSet rs) throws SQLException {
        return new Step(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                rs.getString(9),
                rs.getObject(10, UUID.class),
                rs.getInt(11),
                rs.getString(12),
                rs.getObject(13, OffsetDateTime.class));
    }
}
