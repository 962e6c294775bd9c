package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

/** The one assertion of the field-rule tests: a comparison's outcome and its weight. */
final class Outcomes {

    private Outcomes() {}

    static void assertOutcome(FieldEvidence evidence, String comparison, double weight) {
        assertThat(evidence)
                .extracting(FieldEvidence::comparison, FieldEvidence::weight)
                .containsExactly(comparison, weight);
    }
}
