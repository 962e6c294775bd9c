package org.statehub.conflict.merge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL over merges, their before-images, steps and events (V102__merges.sql). */
public final class MergeRecords {

    /** The states in which a merge still holds its two students (no other merge may name them). */
    static final List<String> ACTIVE = List.of("requested", "approved", "merging", "splitting");
    /** The states a run works on. */
    static final List<String> RUNNABLE = List.of("approved", "merging", "splitting");
    /** Every state, in the order of a merge's life. */
    public static final List<String> STATES = List.of("requested", "rejected", "approved", "merging", "merged",
            "failed", "splitting", "split");

    public record Merge(long id, String state, String retiredUniqueId, String survivorUniqueId, Long pairId,
                        String requestedBy, OffsetDateTime requestedAt, String decidedBy, OffsetDateTime decidedAt,
                        OffsetDateTime mergedAt, String splitBy, OffsetDateTime splitRequestedAt,
                        OffsetDateTime splitAt, UUID retiredStudentId, UUID survivorStudentId,
                        UUID recreatedStudentId, String lastError, OffsetDateTime updatedAt) {
    }

    /** One entry of the before-image. */
    public record Item(long id, String resource, UUID itemId, String etag, String body, UUID survivorItemId,
                       String survivorBody, OffsetDateTime recordedAt) {
    }

    public record Step(long id, String phase, int seq, String action, long item, String state, String progress,
                       UUID copyId, String copyEtag, UUID restoredId, int attempts, String lastError,
                       OffsetDateTime doneAt) {
    }

    public record Event(long id, OffsetDateTime at, String actor, String action, String note) {
    }

    private static final String MERGE_COLUMNS = "id, state, retired_unique_id, survivor_unique_id, pair_id,"
            + " requested_by, requested_at, decided_by, decided_at, merged_at, split_by, split_requested_at, split_at,"
            + " retired_student_id, survivor_student_id, recreated_student_id, last_error, updated_at";
    private static final String ITEM_COLUMNS = "id, resource, item_id, etag, body::text, survivor_item_id,"
            + " survivor_body::text, recorded_at";
    private static final String STEP_COLUMNS = "id, phase, seq, action, item, state, progress, copy_id, copy_etag,"
            + " restored_id, attempts, last_error, done_at";

    // --- merges -------------------------------------------------------------------------------------------------

    public long insert(Connection c, String retired, String survivor, Long pairId, String actor, String note)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO merge_request (state, retired_unique_id,"
                + " survivor_unique_id, pair_id, requested_by, requested_at, updated_at)"
                + " VALUES ('requested', ?, ?, ?, ?, clock_timestamp(), clock_timestamp()) RETURNING id")) {
            ps.setString(1, retired);
            ps.setString(2, survivor);
            ps.setObject(3, pairId);
            ps.setString(4, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        event(c, id, actor, "requested", note);
        return id;
    }

    public Optional<Merge> find(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MERGE_COLUMNS + " FROM merge_request WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(merge(rs)) : Optional.empty();
            }
        }
    }

    /** A page of merges, newest first; {@code studentUniqueId} (optional) as retired or survivor. */
    public List<Merge> list(Connection c, List<String> states, String studentUniqueId, int limit, int offset)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MERGE_COLUMNS + " FROM merge_request"
                + " WHERE state = ANY (?) AND (?::text IS NULL OR retired_unique_id = ? OR survivor_unique_id = ?)"
                + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setArray(1, c.createArrayOf("text", states.toArray()));
            ps.setString(2, studentUniqueId);
            ps.setString(3, studentUniqueId);
            ps.setString(4, studentUniqueId);
            ps.setInt(5, limit);
            ps.setInt(6, offset);
            List<Merge> merges = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    merges.add(merge(rs));
                }
            }
            return merges;
        }
    }

    public long count(Connection c, List<String> states, String studentUniqueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM merge_request WHERE state = ANY (?)"
                + " AND (?::text IS NULL OR retired_unique_id = ? OR survivor_unique_id = ?)")) {
            ps.setArray(1, c.createArrayOf("text", states.toArray()));
            ps.setString(2, studentUniqueId);
            ps.setString(3, studentUniqueId);
            ps.setString(4, studentUniqueId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The merges other than {@code except} in one of {@code states} that name one of these students. */
    public List<Long> involving(Connection c, List<String> states, String a, String b, long except)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM merge_request WHERE state = ANY (?) AND id <> ?"
                + " AND (retired_unique_id IN (?, ?) OR survivor_unique_id IN (?, ?)) ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("text", states.toArray()));
            ps.setLong(2, except);
            ps.setString(3, a);
            ps.setString(4, b);
            ps.setString(5, a);
            ps.setString(6, b);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Serialises requests for new merges, so that two cannot name the same student at once. */
    public void lockRequests(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('conflict.merge_request'))")) {
            ps.executeQuery().close();
        }
    }

    /** Approval or rejection of a requested merge. */
    public void decide(Connection c, long id, String state, String actor, String note) throws SQLException {
        update(c, id, "state = ?, decided_by = ?, decided_at = clock_timestamp(), last_error = NULL", state, actor);
        event(c, id, actor, state, note);
    }

    /** The before-image is recorded: the merge's writes begin. */
    public void startMerging(Connection c, long id, UUID retiredStudent, UUID survivorStudent) throws SQLException {
        update(c, id, "state = 'merging', retired_student_id = ?, survivor_student_id = ?, last_error = NULL",
                retiredStudent, survivorStudent);
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
        update(c, id, "state = 'splitting', split_by = ?, split_requested_at = clock_timestamp(), last_error = NULL",
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
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_request SET " + set
                + ", updated_at = clock_timestamp() WHERE id = ?")) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    // --- leases: one run at a time works on a merge -------------------------------------------------------------

    /** Takes the merge for this run, unless another run holds it; true if taken. */
    public boolean claim(Connection c, long id, String owner, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_request SET lease_owner = ?,"
                + " lease_until = clock_timestamp() + make_interval(secs => ?) WHERE id = ? AND state = ANY (?)"
                + " AND (lease_until IS NULL OR lease_until < clock_timestamp())")) {
            ps.setString(1, owner);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            ps.setLong(3, id);
            ps.setArray(4, c.createArrayOf("text", RUNNABLE.toArray()));
            return ps.executeUpdate() == 1;
        }
    }

    /** Extends this run's hold; false if it has lost it (then it must stop). */
    public boolean renew(Connection c, long id, String owner, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_request SET"
                + " lease_until = clock_timestamp() + make_interval(secs => ?) WHERE id = ? AND lease_owner = ?")) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setLong(2, id);
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
        }
    }

    public void release(Connection c, long id, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_request SET lease_owner = NULL,"
                + " lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
            ps.setLong(1, id);
            ps.setString(2, owner);
            ps.executeUpdate();
        }
    }

    /** Merges with work left that no run holds: approved, merging or splitting. */
    public List<Long> resumable(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM merge_request WHERE state = ANY (?)"
                + " AND (lease_until IS NULL OR lease_until < clock_timestamp()) ORDER BY id LIMIT ?")) {
            ps.setArray(1, c.createArrayOf("text", RUNNABLE.toArray()));
            ps.setInt(2, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    // --- the before-image ---------------------------------------------------------------------------------------

    public long addItem(Connection c, long mergeId, String resource, UUID itemId, String etag, String body,
                        UUID survivorItemId, String survivorBody) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO merge_item (merge_id, resource, item_id, etag,"
                + " body, survivor_item_id, survivor_body, recorded_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb,"
                + " clock_timestamp()) RETURNING id")) {
            ps.setLong(1, mergeId);
            ps.setString(2, resource);
            ps.setObject(3, itemId);
            ps.setString(4, etag);
            ps.setString(5, body);
            ps.setObject(6, survivorItemId);
            ps.setString(7, survivorBody);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<Item> items(Connection c, long mergeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS
                + " FROM merge_item WHERE merge_id = ? ORDER BY id")) {
            ps.setLong(1, mergeId);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(item(rs));
                }
            }
            return items;
        }
    }

    public Item item(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM merge_item WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No merge_item " + id);
                }
                return item(rs);
            }
        }
    }

    /** The item changed at its service before the merge deleted it: the image takes the version deleted. */
    public void updateItem(Connection c, long id, String etag, String body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_item SET etag = ?, body = ?::jsonb,"
                + " recorded_at = clock_timestamp() WHERE id = ?")) {
            ps.setString(1, etag);
            ps.setString(2, body);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** The survivor's own item holds the key the copy would take: it is kept, and recorded. */
    public void collision(Connection c, long id, UUID survivorItemId, String survivorBody) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_item SET survivor_item_id = ?,"
                + " survivor_body = ?::jsonb WHERE id = ?")) {
            ps.setObject(1, survivorItemId);
            ps.setString(2, survivorBody);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    // --- steps --------------------------------------------------------------------------------------------------

    public void addStep(Connection c, long mergeId, String phase, int seq, String action, long item, UUID copyId,
                        String copyEtag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO merge_step (merge_id, phase, seq, action, item,"
                + " state, copy_id, copy_etag) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)")) {
            ps.setLong(1, mergeId);
            ps.setString(2, phase);
            ps.setInt(3, seq);
            ps.setString(4, action);
            ps.setLong(5, item);
            ps.setObject(6, copyId);
            ps.setString(7, copyEtag);
            ps.executeUpdate();
        }
    }

    public List<Step> steps(Connection c, long mergeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STEP_COLUMNS
                + " FROM merge_step WHERE merge_id = ? ORDER BY phase = 'split', seq")) {
            ps.setLong(1, mergeId);
            List<Step> steps = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(step(rs));
                }
            }
            return steps;
        }
    }

    /** The first step of the phase not done yet. */
    public Optional<Step> nextPending(Connection c, long mergeId, String phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STEP_COLUMNS + " FROM merge_step"
                + " WHERE merge_id = ? AND phase = ? AND state = 'pending' ORDER BY seq LIMIT 1")) {
            ps.setLong(1, mergeId);
            ps.setString(2, phase);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(step(rs)) : Optional.empty();
            }
        }
    }

    /** The highest seq of the phase below {@code below} (0 if none). */
    public int lastSeqBelow(Connection c, long mergeId, String phase, int below) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM merge_step"
                + " WHERE merge_id = ? AND phase = ? AND seq < ?")) {
            ps.setLong(1, mergeId);
            ps.setString(2, phase);
            ps.setInt(3, below);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** An attempt of the step begins (before its first write to a service). */
    public void attempt(Connection c, long stepId) throws SQLException {
        step(c, stepId, "attempts = attempts + 1");
    }

    public void progress(Connection c, long stepId, String progress, UUID copyId, String copyEtag, UUID restoredId)
            throws SQLException {
        step(c, stepId, "progress = ?, copy_id = coalesce(?, copy_id), copy_etag = coalesce(?, copy_etag),"
                + " restored_id = coalesce(?, restored_id), last_error = NULL", progress, copyId, copyEtag, restoredId);
    }

    public void action(Connection c, long stepId, String action) throws SQLException {
        step(c, stepId, "action = ?", action);
    }

    /** The step is done; the merge's last error, if any, is over too (it was this step's). */
    public void done(Connection c, long stepId) throws SQLException {
        step(c, stepId, "state = 'done', done_at = clock_timestamp(), last_error = NULL");
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_request SET last_error = NULL,"
                + " updated_at = clock_timestamp() WHERE id = (SELECT merge_id FROM merge_step WHERE id = ?)"
                + " AND last_error IS NOT NULL")) {
            ps.setLong(1, stepId);
            ps.executeUpdate();
        }
    }

    public void stepError(Connection c, long stepId, String error) throws SQLException {
        step(c, stepId, "last_error = ?", error);
    }

    private static void step(Connection c, long stepId, String set, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE merge_step SET " + set + " WHERE id = ?")) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setLong(i, stepId);
            ps.executeUpdate();
        }
    }

    // --- events -------------------------------------------------------------------------------------------------

    /** The actor of what conflict-service does by itself (finishing a merge, a failure). */
    public static final String SYSTEM = "conflict-service";

    public void event(Connection c, long mergeId, String actor, String action, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO merge_event (merge_id, at, actor, action, note)"
                + " VALUES (?, clock_timestamp(), ?, ?, ?)")) {
            ps.setLong(1, mergeId);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, note);
            ps.executeUpdate();
        }
    }

    public List<Event> events(Connection c, long mergeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, note FROM merge_event"
                + " WHERE merge_id = ? ORDER BY id")) {
            ps.setLong(1, mergeId);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
            return events;
        }
    }

    // --- row mapping --------------------------------------------------------------------------------------------

    private static Merge merge(ResultSet rs) throws SQLException {
        long pair = rs.getLong(5);
        Long pairId = rs.wasNull() ? null : pair;
        return new Merge(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), pairId, rs.getString(6),
                rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class), rs.getString(11), rs.getObject(12, OffsetDateTime.class),
                rs.getObject(13, OffsetDateTime.class), rs.getObject(14, UUID.class), rs.getObject(15, UUID.class),
                rs.getObject(16, UUID.class), rs.getString(17), rs.getObject(18, OffsetDateTime.class));
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class));
    }

    private static Step step(ResultSet rs) throws SQLException {
        return new Step(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class), rs.getString(9),
                rs.getObject(10, UUID.class), rs.getInt(11), rs.getString(12), rs.getObject(13, OffsetDateTime.class));
    }
}
