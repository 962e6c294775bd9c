package org.statehub.conflict.matching;

import java.util.Comparator;
import java.util.List;

/**
 * A comparison of two students: {@code score} in [0,1] (the sum of the field weights over the weight of an exact
 * first name, last name and birth date, clamped), and how each field compared.
 */
public record MatchResult(double score, double weight, boolean namesTransposed, List<FieldEvidence> fields) {

    public MatchResult {
        fields = List.copyOf(fields);
    }

    /** The fields that drove the score, strongest first (|weight| of at least 1). */
    public List<FieldEvidence> drivers() {
        return fields.stream()
                .filter(f -> Math.abs(f.weight()) >= 1.0)
                .sorted(Comparator.comparingDouble((FieldEvidence f) -> -Math.abs(f.weight())))
                .toList();
    }

    public FieldEvidence field(String name) {
        return fields.stream().filter(f -> f.field().equals(name)).findFirst().orElse(null);
    }
}
