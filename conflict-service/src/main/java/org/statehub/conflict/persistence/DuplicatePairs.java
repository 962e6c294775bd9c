package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** SQL over the worklist: potential duplicate pairs and their history (V100__potential_duplicates.sql). */
@Singleton
public final class DuplicatePairs {

    /** The actor of what the detection job does. */
    public static final String SYSTEM = "conflict-service";

    /** A stored pair as the job needs it. */
    public record Pair(long id, UUID studentA, UUID studentB, String state, double score) {}

    /** One entry of a pair's history. */
    public record Event(long id, OffsetDateTime at, String actor, String action, String note, BigDecimal score) {}

    private static final Sql.Row<Pair> PAIR = Rows.of(Pair.class);
    private static final Sql.Row<Event> EVENT = Rows.of(Event.class);

    private static final String SELECT = "SELECT id, student_a, student_b, state, score FROM duplicate_pair";

    /** The pairs a student is part of. */
    public List<Pair> ofStudent(Connection c, UUID student) throws SQLException {
        return Sql.list(c, SELECT + " WHERE student_a = ? OR student_b = ?", PAIR, student, student);
    }

    public Optional<Pair> find(Connection c, long id, boolean forUpdate) throws SQLException {
        return Sql.first(c, SELECT + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), PAIR, id);
    }

    /** Raises a new pair (state open) and records it; nothing if the pair exists already (another instance). */
    public Optional<Long> raise(
            Connection c, UUID a, UUID b, String uniqueA, String uniqueB, double score, String evidence)
            throws SQLException {
        Optional<Long> id = Sql.first(c, """
                INSERT INTO duplicate_pair (student_a, student_b, unique_id_a, unique_id_b, score, evidence, state,
                    first_seen, last_scored, state_changed)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, 'open', clock_timestamp(), clock_timestamp(), clock_timestamp())
                ON CONFLICT (student_a, student_b) DO NOTHING
                RETURNING id
                """, rs -> rs.getLong(1), a, b, uniqueA, uniqueB, score(score), evidence);
        if (id.isPresent()) {
            event(c, id.get(), SYSTEM, "raised", null, score);
        }
        return id;
    }

    /** The pair's current comparison (both students as they are now). */
    public void rescore(Connection c, long id, String uniqueA, String uniqueB, double score, String evidence)
            throws SQLException {
        Sql.update(c, """
                UPDATE duplicate_pair SET unique_id_a = ?, unique_id_b = ?, score = ?, evidence = ?::jsonb,
                    last_scored = clock_timestamp()
                WHERE id = ?
                """, uniqueA, uniqueB, score(score), evidence, id);
    }

    /** Keeps the student unique ids of a dismissed pair current (authorization), nothing else. */
    public void renameIds(Connection c, long id, String uniqueA, String uniqueB) throws SQLException {
        Sql.update(c, "UPDATE duplicate_pair SET unique_id_a = ?, unique_id_b = ? WHERE id = ?", uniqueA, uniqueB, id);
    }

    /** Moves the pair to another state and records who did it, when and why. */
    public void changeState(Connection c, long id, String state, String actor, String action, String note, Double score)
            throws SQLException {
        Sql.update(c, "UPDATE duplicate_pair SET state = ?, state_changed = clock_timestamp() WHERE id = ?", state, id);
        event(c, id, actor, action, note, score);
    }

    /** Closes open pairs one of whose students is gone (deleted at student-service); returns how many. */
    public int closeOrphans(Connection c) throws SQLException {
        List<Long> closed = Sql.list(c, """
                UPDATE duplicate_pair d SET state = 'closed', state_changed = clock_timestamp()
                WHERE state IN ('open') AND (NOT EXISTS (SELECT 1 FROM student_profile p WHERE p.id = d.student_a)
                    OR NOT EXISTS (SELECT 1 FROM student_profile p WHERE p.id = d.student_b))
                RETURNING id
                """, rs -> rs.getLong(1));
        for (long id : closed) {
            event(c, id, SYSTEM, "closed", "One of the students was deleted.", null);
        }
        return closed.size();
    }

    public List<Event> history(Connection c, long pairId) throws SQLException {
        return Sql.list(c, """
                SELECT id, at, actor, action, note, score FROM duplicate_event
                WHERE pair_id = ? ORDER BY id
                """, EVENT, pairId);
    }

    private static void event(Connection c, long pairId, String actor, String action, String note, Double score)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO duplicate_event (pair_id, at, actor, action, note, score)
                VALUES (?, clock_timestamp(), ?, ?, ?::text, ?::numeric)
                """, pairId, actor, action, note, score == null ? null : score(score));
    }

    private static BigDecimal score(double score) {
        return BigDecimal.valueOf(score).setScale(3, java.math.RoundingMode.HALF_UP);
    }
}
