package org.statehub.conflict.persistence;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL over the worklist: potential duplicate pairs and their history (V100__potential_duplicates.sql). */
@Singleton
public final class DuplicatePairs {

    /** The actor of what the detection job does. */
    public static final String SYSTEM = "conflict-service";

    /** A stored pair as the job needs it. */
    public record Pair(long id, UUID studentA, UUID studentB, String state, double score) {}

    /** One entry of a pair's history. */
    public record Event(long id, OffsetDateTime at, String actor, String action, String note, BigDecimal score) {}

    /** The pairs a student is part of. */
    public List<Pair> ofStudent(Connection c, UUID student) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, student_a, student_b, state, score FROM duplicate_pair"
                        + " WHERE student_a = ? OR student_b = ?")) {
            ps.setObject(1, student);
            ps.setObject(2, student);
            return pairs(ps);
        }
    }

    public Optional<Pair> find(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, student_a, student_b, state, score FROM duplicate_pair" + " WHERE id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            List<Pair> found = pairs(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<Pair> pairs(PreparedStatement ps) throws SQLException {
        List<Pair> pairs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pairs.add(new Pair(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getDouble(5)));
            }
        }
        return pairs;
    }

    /** Raises a new pair (state open) and records it; nothing if the pair exists already (another instance). */
    public Optional<Long> raise(
            Connection c, UUID a, UUID b, String uniqueA, String uniqueB, double score, String evidence)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO duplicate_pair (student_a, student_b, unique_id_a, unique_id_b, score, evidence, state,"
                        + " first_seen, last_scored, state_changed) VALUES (?, ?, ?, ?, ?, ?::jsonb, 'open',"
                        + " clock_timestamp(), clock_timestamp(), clock_timestamp())"
                        + " ON CONFLICT (student_a, student_b) DO NOTHING RETURNING id")) {
            ps.setObject(1, a);
            ps.setObject(2, b);
            ps.setString(3, uniqueA);
            ps.setString(4, uniqueB);
            ps.setBigDecimal(5, score(score));
            ps.setString(6, evidence);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                event(c, id, SYSTEM, "raised", null, score);
                return Optional.of(id);
            }
        }
    }

    /** The pair's current comparison (both students as they are now). */
    public void rescore(Connection c, long id, String uniqueA, String uniqueB, double score, String evidence)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE duplicate_pair SET unique_id_a = ?, unique_id_b = ?,"
                + " score = ?, evidence = ?::jsonb, last_scored = clock_timestamp() WHERE id = ?")) {
            ps.setString(1, uniqueA);
            ps.setString(2, uniqueB);
            ps.setBigDecimal(3, score(score));
            ps.setString(4, evidence);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    /** Keeps the student unique ids of a dismissed pair current (authorization), nothing else. */
    public void renameIds(Connection c, long id, String uniqueA, String uniqueB) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE duplicate_pair SET unique_id_a = ?, unique_id_b = ? WHERE id = ?")) {
            ps.setString(1, uniqueA);
            ps.setString(2, uniqueB);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Moves the pair to another state and records who did it, when and why. */
    public void changeState(Connection c, long id, String state, String actor, String action, String note, Double score)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE duplicate_pair SET state = ?, state_changed = clock_timestamp() WHERE id = ?")) {
            ps.setString(1, state);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        event(c, id, actor, action, note, score);
    }

    /** Closes open pairs one of whose students is gone (deleted at student-service); returns how many. */
    public int closeOrphans(Connection c) throws SQLException {
        List<Long> closed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE duplicate_pair d SET state = 'closed',"
                + " state_changed = clock_timestamp() WHERE state IN ('open') AND (NOT EXISTS"
                + " (SELECT 1 FROM student_profile p WHERE p.id = d.student_a) OR NOT EXISTS"
                + " (SELECT 1 FROM student_profile p WHERE p.id = d.student_b)) RETURNING id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    closed.add(rs.getLong(1));
                }
            }
        }
        for (long id : closed) {
            event(c, id, SYSTEM, "closed", "One of the students was deleted.", null);
        }
        return closed.size();
    }

    public List<Event> history(Connection c, long pairId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, actor, action, note, score FROM duplicate_event WHERE pair_id = ? ORDER BY id")) {
            ps.setLong(1, pairId);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getBigDecimal(6)));
                }
            }
            return events;
        }
    }

    private static void event(Connection c, long pairId, String actor, String action, String note, Double score)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO duplicate_event (pair_id, at, actor, action, note,"
                + " score) VALUES (?, clock_timestamp(), ?, ?, ?, ?)")) {
            ps.setLong(1, pairId);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, note);
            ps.setBigDecimal(5, score == null ? null : score(score));
            ps.executeUpdate();
        }
    }

    private static BigDecimal score(double score) {
        return BigDecimal.valueOf(score).setScale(3, java.math.RoundingMode.HALF_UP);
    }
}
