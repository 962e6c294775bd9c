package org.statehub.conflict.matching;

import static org.statehub.conflict.matching.Weights.BIRTH_DIFFERENT;
import static org.statehub.conflict.matching.Weights.BIRTH_DIGITS_TRANSPOSED;
import static org.statehub.conflict.matching.Weights.BIRTH_EXACT;
import static org.statehub.conflict.matching.Weights.BIRTH_ONE_DIGIT;
import static org.statehub.conflict.matching.Weights.BIRTH_SWAPPED;

import java.time.LocalDate;

/** Two birth dates compared: exact, day and month swapped, one wrong digit, two digits exchanged, different. */
final class BirthDates {

    private BirthDates() {}

    static FieldEvidence compare(LocalDate a, LocalDate b) {
        String va = a == null ? null : a.toString();
        String vb = b == null ? null : b.toString();
        if (a == null || b == null) {
            return new FieldEvidence("birthDate", "missing", 0, va, vb);
        }
        if (a.equals(b)) {
            return new FieldEvidence("birthDate", "exact", BIRTH_EXACT, va, vb);
        }
        if (a.getYear() == b.getYear()
                && a.getDayOfMonth() == b.getMonthValue()
                && a.getMonthValue() == b.getDayOfMonth()) {
            return new FieldEvidence("birthDate", "day-month-swapped", BIRTH_SWAPPED, va, vb);
        }
        String da = va.replace("-", "");
        String db = vb.replace("-", "");
        if (da.length() != db.length()) {
            return new FieldEvidence("birthDate", "different", BIRTH_DIFFERENT, va, vb);
        }
        int differing = 0;
        for (int i = 0; i < da.length(); i++) {
            if (da.charAt(i) != db.charAt(i)) {
                differing++;
            }
        }
        if (differing == 1) {
            return new FieldEvidence("birthDate", "one-digit", BIRTH_ONE_DIGIT, va, vb);
        }
        if (differing == 2 && Spelling.adjacentLettersExchanged(da, db)) {
            return new FieldEvidence("birthDate", "digits-transposed", BIRTH_DIGITS_TRANSPOSED, va, vb);
        }
        return new FieldEvidence("birthDate", "different", BIRTH_DIFFERENT, va, vb);
    }
}
