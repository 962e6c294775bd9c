package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.conflict.matching.Outcomes.assertOutcome;

import org.junit.jupiter.api.Test;

/** The surname rule alone, on prepared students: each outcome, and a first name read as a surname. */
class SurnamesTest {

    private static PreparedStudent student(String first, String last) {
        return new PreparedStudent(new StudentRecord("x", "u", first, null, last, null, null), Nicknames.standard());
    }

    private static FieldEvidence surnames(String a, String b) {
        return Surnames.compare(
                "lastSurname",
                Surnames.Reading.surname(student("Ana", a)),
                Surnames.Reading.surname(student("Ana", b)));
    }

    @Test
    void eachOutcomeCarriesItsWeight() {
        assertOutcome(surnames("De la Rosa", "Delarosa"), "exact", Weight.LAST_EXACT.value());
        assertOutcome(surnames("Garcia Lopez", "Lopez Garcia"), "parts-reordered", Weight.LAST_REORDERED.value());
        assertOutcome(surnames("Garcia-Lopez", "Garcia"), "dropped-part", Weight.LAST_DROPPED_PART.value());
        assertOutcome(
                surnames("Garcia-Lopez", "Garsia"), "dropped-part-and-typo", Weight.LAST_DROPPED_PART_TYPO.value());
        assertOutcome(surnames("Martinez", "Martines"), "typo", Weight.LAST_TYPO.value());
        assertOutcome(
                surnames("Garcia Lopez", "Garcia Smith"), "shared-part-only", Weight.LAST_SHARED_PART_ONLY.value());
        assertOutcome(surnames("Garcia", "Okafor"), "different", Weight.LAST_DIFFERENT.value());
    }

    @Test
    void anEmptySurnameIsMissingAndKeepsTheValuesAsReported() {
        FieldEvidence missing = surnames(" ", "Garcia");
        assertThat(missing.comparison()).isEqualTo("missing");
        assertThat(missing.weight()).isZero();
        assertThat(missing.valueB()).isEqualTo("Garcia");
    }

    @Test
    void aFirstNameIsReadAsASurnameForTransposedNames() {
        FieldEvidence crossed = Surnames.compare(
                "firstName",
                Surnames.Reading.firstName(student("Garcia", "Ana")),
                Surnames.Reading.surname(student("Ana", "Garcia")));
        assertThat(crossed.field()).isEqualTo("firstName");
        assertThat(crossed.comparison()).isEqualTo("exact");
        assertThat(crossed.valueA()).isEqualTo("Garcia");
    }
}
