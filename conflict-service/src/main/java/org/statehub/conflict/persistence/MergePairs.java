package org.statehub.conflict.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * What merges do to the potential-duplicates worklist (duplicate_pair, V100): find the pair of two students, mark
 * it merged, and after a split mark the two students' pair dismissed (two people). The split recreates the retired
 * student under a new id at student-service, so the pair is moved onto that id (or, if the detection job raised a
 * new pair for it meanwhile, that pair is dismissed too): the detection job then never raises them again.
 */
@Singleton
@RequiredArgsConstructor
public final class MergePairs {

    /** A pair as merges need it. */
    public record Pair(
            long id,
            UUID studentA,
            UUID studentB,
            String uniqueA,
            String uniqueB,
            String state,
            double score,
            String evidence) {

        public boolean of(String x, String y) {
            return (uniqueA.equals(x) && uniqueB.equals(y)) || (uniqueA.equals(y) && uniqueB.equals(x));
        }
    }

    private static final Sql.Row<Pair> PAIR = Rows.of(Pair.class);

    /** The SELECT of a pair (its conditions follow on the next line). */
    private static final String SELECT = """
            SELECT id, student_a, student_b, unique_id_a, unique_id_b, state, score, evidence::text
            FROM duplicate_pair
            """;

    private final DuplicatePairs pairs;
    private final ObjectMapper mapper;

    public Optional<Pair> find(Connection c, long id, boolean forUpdate) throws SQLException {
        return Sql.first(c, SELECT + "WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), PAIR, id);
    }

    /** The newest pair of these two students (by studentUniqueId) that is not dismissed. */
    public Optional<Pair> ofStudents(Connection c, String x, String y) throws SQLException {
        return Sql.first(c, SELECT + """
                WHERE state <> 'dismissed'
                AND ((unique_id_a = ? AND unique_id_b = ?) OR (unique_id_a = ? AND unique_id_b = ?))
                ORDER BY id DESC LIMIT 1
                """, PAIR, x, y, y, x);
    }

    /** The merge is done: its pair is resolved as one person. */
    public void merged(Connection c, long pairId, String actor, String note) throws SQLException {
        Optional<Pair> pair = find(c, pairId, true);
        if (pair.isPresent() && !pair.get().state().equals("merged")) {
            pairs.changeState(c, pairId, "merged", actor, "merged", note, null);
        }
    }

    /**
     * The split is done: the survivor and the recreated student are two people. Their pair (raised by detection
     * since the recreation) is dismissed, or else the merge's own pair is moved onto the recreated student's id and
     * dismissed.
     */
    public void split(
            Connection c,
            Long linkedPairId,
            UUID survivor,
            String survivorUniqueId,
            UUID recreated,
            String actor,
            String note)
            throws SQLException {
        boolean survivorFirst = survivor.toString().compareTo(recreated.toString()) < 0;
        UUID a = survivorFirst ? survivor : recreated;
        UUID b = survivorFirst ? recreated : survivor;
        Optional<Pair> raised = Sql.first(c, SELECT + "WHERE student_a = ? AND student_b = ? FOR UPDATE", PAIR, a, b);
        Optional<Pair> linked = linkedPairId == null ? Optional.empty() : find(c, linkedPairId, true);
        if (raised.isPresent()) {
            dismiss(c, raised.get(), actor, note);
            if (linked.isPresent() && linked.get().id() != raised.get().id()) {
                dismiss(c, linked.get(), actor, note);
            }
            return;
        }
        if (linked.isEmpty()) {
            return;
        }
        Pair pair = linked.get();
        // the survivor's side keeps its place in the comparison when the order of the ids allows, else both swap
        boolean survivorWasA = pair.uniqueA().equals(survivorUniqueId);
        boolean swap = survivorWasA != survivorFirst;
        String survivorUnique = survivorWasA ? pair.uniqueA() : pair.uniqueB();
        String retiredUnique = survivorWasA ? pair.uniqueB() : pair.uniqueA();
        Sql.update(
                c,
                """
                UPDATE duplicate_pair
                SET student_a = ?, student_b = ?, unique_id_a = ?, unique_id_b = ?, evidence = ?::jsonb
                WHERE id = ?
                """,
                a,
                b,
                survivorFirst ? survivorUnique : retiredUnique,
                survivorFirst ? retiredUnique : survivorUnique,
                swap ? swapped(pair.evidence()) : pair.evidence(),
                pair.id());
        dismiss(c, pair, actor, note);
    }

    private void dismiss(Connection c, Pair pair, String actor, String note) throws SQLException {
        if (!pair.state().equals("dismissed")) {
            pairs.changeState(c, pair.id(), "dismissed", actor, "dismissed", note, null);
        }
    }

    /** The comparison with its two sides exchanged (valueA and valueB of each field). */
    private String swapped(String evidence) throws SQLException {
        try {
            JsonNode root = mapper.readTree(evidence);
            for (JsonNode field : root.path("fields")) {
                if (field instanceof ObjectNode f) {
                    JsonNode valueA = f.get("valueA");
                    JsonNode valueB = f.get("valueB");
                    f.set("valueA", valueB);
                    f.set("valueB", valueA);
                }
            }
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new SQLException("The stored comparison of a pair is not JSON", e);
        }
    }
}
