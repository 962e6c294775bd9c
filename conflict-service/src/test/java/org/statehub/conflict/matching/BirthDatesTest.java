package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.conflict.matching.Outcomes.assertOutcome;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The birth-date rule alone: each outcome and its weight. */
class BirthDatesTest {

    private static FieldEvidence compare(String a, String b) {
        return BirthDates.compare(a == null ? null : LocalDate.parse(a), b == null ? null : LocalDate.parse(b));
    }

    @Test
    void eachOutcomeCarriesItsWeight() {
        assertOutcome(compare("2012-03-04", "2012-03-04"), "exact", Weight.BIRTH_EXACT.value());
        assertOutcome(compare("2012-03-04", "2012-04-03"), "day-month-swapped", Weight.BIRTH_SWAPPED.value());
        assertOutcome(compare("2012-03-04", "2012-03-05"), "one-digit", Weight.BIRTH_ONE_DIGIT.value());
        assertThat(compare("2012-03-14", "2012-03-04"))
                .extracting(FieldEvidence::comparison)
                .isEqualTo("one-digit");
        assertOutcome(compare("2012-03-12", "2012-03-21"), "digits-transposed", Weight.BIRTH_DIGITS_TRANSPOSED.value());
        assertOutcome(compare("2012-03-04", "2009-11-20"), "different", Weight.BIRTH_DIFFERENT.value());
    }

    @Test
    void anUnknownDateIsMissingAndWeighsNothing() {
        FieldEvidence missing = compare(null, "2012-03-04");
        assertThat(missing.comparison()).isEqualTo("missing");
        assertThat(missing.weight()).isZero();
        assertThat(missing.valueB()).isEqualTo("2012-03-04");
    }

    @Test
    void daysAndMonthsSwappedInAnotherYearAreDifferent() {
        assertThat(compare("2012-03-04", "2013-04-03").comparison()).isEqualTo("different");
    }
}
