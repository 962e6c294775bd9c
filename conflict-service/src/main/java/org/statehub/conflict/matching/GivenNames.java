package org.statehub.conflict.matching;

import static org.statehub.conflict.matching.Weight.FIRST_AS_MIDDLE;
import static org.statehub.conflict.matching.Weight.FIRST_COMPOUND_PART;
import static org.statehub.conflict.matching.Weight.FIRST_DIFFERENT;
import static org.statehub.conflict.matching.Weight.FIRST_EXACT;
import static org.statehub.conflict.matching.Weight.FIRST_GENDERED_VARIANT;
import static org.statehub.conflict.matching.Weight.FIRST_INITIAL;
import static org.statehub.conflict.matching.Weight.FIRST_NICKNAME;
import static org.statehub.conflict.matching.Weight.FIRST_NICKNAME_TYPO;
import static org.statehub.conflict.matching.Weight.FIRST_PHONETIC;
import static org.statehub.conflict.matching.Weight.FIRST_TYPO;
import static org.statehub.conflict.matching.Weight.FIRST_TYPO2;
import static org.statehub.conflict.matching.Weight.MIDDLE_DIFFERENT;
import static org.statehub.conflict.matching.Weight.MIDDLE_EXACT;
import static org.statehub.conflict.matching.Weight.MIDDLE_INITIAL;
import static org.statehub.conflict.matching.Weight.MIDDLE_SIMILAR;
import static org.statehub.conflict.matching.Weight.MISSING;

import lombok.RequiredArgsConstructor;

/**
 * First and middle names compared: exact, nicknames (the {@link Nicknames} table, also with a typo), a part of a
 * compound name, typos, gendered variants (twins far more often than a typo), first name recorded as middle name,
 * sounds-alike, an initial. Pure given its table.
 */
@RequiredArgsConstructor
final class GivenNames {

    private final Nicknames nicknames;

    FieldEvidence first(PreparedStudent a, PreparedStudent b) {
        String va = a.record.firstName();
        String vb = b.record.firstName();
        if (a.first.isEmpty() || b.first.isEmpty()) {
            return MISSING.of("firstName", va, vb);
        }
        if (a.firstJoined.equals(b.firstJoined)) {
            return FIRST_EXACT.of("firstName", va, vb);
        }
        if (nicknames.same(a.first, b.first)) {
            return FIRST_NICKNAME.of("firstName", va, vb);
        }
        if (a.firstWords.size() != b.firstWords.size()
                && (a.firstWords.containsAll(b.firstWords) || b.firstWords.containsAll(a.firstWords))) {
            return FIRST_COMPOUND_PART.of("firstName", va, vb);
        }
        int typo = Spelling.typo(a.firstJoined, b.firstJoined);
        if (typo > 0
                && Spelling.genderedVariants(a.firstJoined, b.firstJoined)
                && (a.record.sex() == null || a.record.sex() != b.record.sex())) {
            // DANIEL / DANIELA, MARIO / MARIA: a brother and a sister (twins) far more often than a typo
            return FIRST_GENDERED_VARIANT.of("firstName", va, vb);
        }
        if (typo == 1) {
            return FIRST_TYPO.of("firstName", va, vb);
        }
        if ((a.firstWords.size() == 1 || b.firstWords.size() == 1)
                && nicknames.same(a.firstWords.get(0), b.firstWords.get(0))) {
            return FIRST_NICKNAME.of("firstName", va, vb);
        }
        if (typo == 2) {
            return FIRST_TYPO2.of("firstName", va, vb);
        }
        if (nicknameWithTypo(a, b) || nicknameWithTypo(b, a)) {
            return FIRST_NICKNAME_TYPO.of("firstName", va, vb);
        }
        if (middleAsFirst(a, b) || middleAsFirst(b, a)) {
            return FIRST_AS_MIDDLE.of("firstName", va, vb);
        }
        if (Phonetics.alike(a.codes(a.firstJoined), b.codes(b.firstJoined))) {
            return FIRST_PHONETIC.of("firstName", va, vb);
        }
        if (Spelling.initialOf(a.firstJoined, b.firstJoined)) {
            return FIRST_INITIAL.of("firstName", va, vb);
        }
        return FIRST_DIFFERENT.of("firstName", va, vb);
    }

    /** The middle names, or null when one is missing (common, and it says nothing). */
    FieldEvidence middle(PreparedStudent a, PreparedStudent b) {
        if (a.middle.isEmpty() || b.middle.isEmpty()) {
            return null;
        }
        String va = a.record.middleName();
        String vb = b.record.middleName();
        if (a.middleJoined.equals(b.middleJoined)) {
            return MIDDLE_EXACT.of("middleName", va, vb);
        }
        if (Spelling.initialOf(a.middleJoined, b.middleJoined)) {
            return MIDDLE_INITIAL.of("middleName", va, vb);
        }
        if (Spelling.typo(a.middleJoined, b.middleJoined) > 0 || nicknames.same(a.middle, b.middle)) {
            return MIDDLE_SIMILAR.of("middleName", va, vb);
        }
        return MIDDLE_DIFFERENT.of("middleName", va, vb);
    }

    /** A's first name one typo away from a name the table makes equal to B's (Tomm / Thomas via Tom). */
    private static boolean nicknameWithTypo(PreparedStudent a, PreparedStudent b) {
        for (String alias : b.firstAliases) {
            if (Spelling.typo(a.firstJoined, alias.replace(" ", "")) == 1) {
                return true;
            }
        }
        return false;
    }

    /** A goes by its middle name: A's first name is B's middle name, and A's middle (if any) is B's first. */
    private static boolean middleAsFirst(PreparedStudent a, PreparedStudent b) {
        return !b.middle.isEmpty()
                && b.middleJoined.equals(a.firstJoined)
                && (a.middle.isEmpty()
                        || a.middleJoined.equals(b.firstJoined)
                        || Spelling.initialOf(a.middleJoined, b.firstJoined));
    }
}
