package org.statehub.conflict.matching;

import static org.statehub.conflict.matching.Weight.BIRTH_DIFFERENT;
import static org.statehub.conflict.matching.Weight.BIRTH_DIGITS_TRANSPOSED;
import static org.statehub.conflict.matching.Weight.BIRTH_EXACT;
import static org.statehub.conflict.matching.Weight.BIRTH_ONE_DIGIT;
import static org.statehub.conflict.matching.Weight.BIRTH_SWAPPED;
import static org.statehub.conflict.matching.Weight.MISSING;

import java.time.LocalDate;

/** Two birth dates compared: exact, day and month swapped, one wrong digit, two digits exchanged, different. */
final class BirthDates {

    private BirthDates() {}

    static FieldEvidence compare(LocalDate a, LocalDate b) {
        String va = a == null ? null : a.toString();
        String vb = b == null ? null : b.toString();
        if (a == null || b == null) {
            return MISSING.of("birthDate", va, vb);
        }
        if (a.equals(b)) {
            return BIRTH_EXACT.of("birthDate", va, vb);
        }
        if (a.getYear() == b.getYear()
                && a.getDayOfMonth() == b.getMonthValue()
                && a.getMonthValue() == b.getDayOfMonth()) {
            return BIRTH_SWAPPED.of("birthDate", va, vb);
        }
        String da = va.replace("-", "");
        String db = vb.replace("-", "");
        if (da.length() != db.length()) {
            return BIRTH_DIFFERENT.of("birthDate", va, vb);
        }
        int differing = 0;
        for (int i = 0; i < da.length(); i++) {
            if (da.charAt(i) != db.charAt(i)) {
                differing++;
            }
        }
        if (differing == 1) {
            return BIRTH_ONE_DIGIT.of("birthDate", va, vb);
        }
        if (differing == 2 && Spelling.adjacentLettersExchanged(da, db)) {
            return BIRTH_DIGITS_TRANSPOSED.of("birthDate", va, vb);
        }
        return BIRTH_DIFFERENT.of("birthDate", va, vb);
    }
}
