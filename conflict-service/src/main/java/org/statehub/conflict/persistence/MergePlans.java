package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * SQL over a merge's plan (V102__merges.sql): its before-image (merge_item: every item of the retired student as
 * found, and the survivor's item its copy would collide with) and its steps (merge_step, phase merge or split).
 */
@Singleton
public final class MergePlans {

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

    private static final Sql.Row<Item> ITEM = Rows.of(Item.class);
    private static final Sql.Row<Step> STEP = Rows.of(Step.class);
    private static final Sql.Row<Long> ID = rs -> rs.getLong(1);

    /** The SELECT of an item (its conditions follow on the next line). */
    private static final String ITEMS = """
            SELECT id, resource, item_id, etag, body::text, survivor_item_id, survivor_body::text, recorded_at
            FROM merge_item
            """;
    /** The SELECT of a step (its conditions follow on the next line). */
    private static final String STEPS = """
            SELECT id, phase, seq, action, item, state, progress, copy_id, copy_etag, restored_id, attempts, last_error,
                done_at
            FROM merge_step
            """;

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
        return Sql.first(c, """
                        INSERT INTO merge_item (merge_id, resource, item_id, etag, body, survivor_item_id,
                            survivor_body, recorded_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?::uuid, ?::jsonb, clock_timestamp())
                        RETURNING id
                        """, ID, mergeId, resource, itemId, etag, body, survivorItemId, survivorBody)
                .orElseThrow();
    }

    public List<Item> items(Connection c, long mergeId) throws SQLException {
        return Sql.list(c, ITEMS + "WHERE merge_id = ? ORDER BY id", ITEM, mergeId);
    }

    public Item item(Connection c, long id) throws SQLException {
        return Sql.first(c, ITEMS + "WHERE id = ?", ITEM, id)
                .orElseThrow(() -> new SQLException("No merge_item " + id));
    }

    /** The item changed at its service before the merge deleted it: the image takes the version deleted. */
    public void updateItem(Connection c, long id, String etag, String body) throws SQLException {
        Sql.update(c, """
                UPDATE merge_item SET etag = ?, body = ?::jsonb, recorded_at = clock_timestamp()
                WHERE id = ?
                """, etag, body, id);
    }

    /** The survivor's own item holds the key the copy would take: it is kept, and recorded. */
    public void collision(Connection c, long id, UUID survivorItemId, String survivorBody) throws SQLException {
        Sql.update(c, """
                UPDATE merge_item SET survivor_item_id = ?::uuid, survivor_body = ?::jsonb
                WHERE id = ?
                """, survivorItemId, survivorBody, id);
    }

    // --- steps --------------------------------------------------------------------------------------------------

    public void addStep(
            Connection c, long mergeId, String phase, int seq, String action, long item, UUID copyId, String copyEtag)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO merge_step (merge_id, phase, seq, action, item, state, copy_id, copy_etag)
                VALUES (?, ?, ?, ?, ?, 'pending', ?::uuid, ?::text)
                """, mergeId, phase, seq, action, item, copyId, copyEtag);
    }

    public List<Step> steps(Connection c, long mergeId) throws SQLException {
        return Sql.list(c, STEPS + "WHERE merge_id = ? ORDER BY phase = 'split', seq", STEP, mergeId);
    }

    /** The first step of the phase not done yet. */
    public Optional<Step> nextPending(Connection c, long mergeId, String phase) throws SQLException {
        return Sql.first(c, STEPS + """
                WHERE merge_id = ? AND phase = ? AND state = 'pending'
                ORDER BY seq LIMIT 1
                """, STEP, mergeId, phase);
    }

    /** The highest seq of the phase below {@code below} (0 if none). */
    public int lastSeqBelow(Connection c, long mergeId, String phase, int below) throws SQLException {
        return Sql.first(c, """
                        SELECT coalesce(max(seq), 0) FROM merge_step
                        WHERE merge_id = ? AND phase = ? AND seq < ?
                        """, rs -> rs.getInt(1), mergeId, phase, below).orElse(0);
    }

    /** An attempt of the step begins (before its first write to a service). */
    public void attempt(Connection c, long stepId) throws SQLException {
        step(c, stepId, "attempts = attempts + 1");
    }

    public void progress(Connection c, long stepId, String progress, UUID copyId, String copyEtag, UUID restoredId)
            throws SQLException {
        step(c, stepId, """
                progress = ?, copy_id = coalesce(?, copy_id), copy_etag = coalesce(?, copy_etag),
                restored_id = coalesce(?, restored_id), last_error = NULL
                """, progress, copyId, copyEtag, restoredId);
    }

    public void action(Connection c, long stepId, String action) throws SQLException {
        step(c, stepId, "action = ?", action);
    }

    /** The step is done; the merge's last error, if any, is over too (it was this step's). */
    public void done(Connection c, long stepId) throws SQLException {
        step(c, stepId, "state = 'done', done_at = clock_timestamp(), last_error = NULL");
        Sql.update(c, """
                UPDATE merge_request SET last_error = NULL, updated_at = clock_timestamp()
                WHERE id = (SELECT merge_id FROM merge_step WHERE id = ?) AND last_error IS NOT NULL
                """, stepId);
    }

    public void stepError(Connection c, long stepId, String error) throws SQLException {
        step(c, stepId, "last_error = ?", error);
    }

    private static void step(Connection c, long stepId, String set, Object... values) throws SQLException {
        Sql.update(c, "UPDATE merge_step SET " + set + " WHERE id = ?", MergeRecords.with(values, stepId));
    }
}
