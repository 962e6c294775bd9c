package org.statehub.conflict.matching;

import static org.statehub.conflict.matching.Weight.LAST_DIFFERENT;
import static org.statehub.conflict.matching.Weight.LAST_DROPPED_PART;
import static org.statehub.conflict.matching.Weight.LAST_DROPPED_PART_TYPO;
import static org.statehub.conflict.matching.Weight.LAST_EXACT;
import static org.statehub.conflict.matching.Weight.LAST_PHONETIC;
import static org.statehub.conflict.matching.Weight.LAST_REORDERED;
import static org.statehub.conflict.matching.Weight.LAST_SHARED_PART_ONLY;
import static org.statehub.conflict.matching.Weight.LAST_TYPO;
import static org.statehub.conflict.matching.Weight.LAST_TYPO2;
import static org.statehub.conflict.matching.Weight.MISSING;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Surnames compared part by part: exact (also with particles kept), parts reordered, a dropped part, typos and
 * sound-alikes per part or over the joined name, one shared part only, different. Also reads a given name as a
 * surname, for transposed names. Pure.
 */
final class Surnames {

    private Surnames() {}

    /** A name as the surname comparison reads it. */
    record Reading(PreparedStudent student, List<String> parts, String joined, String allJoined, String value) {

        /** The student's surname: its distinguishing parts, joined, every word joined. */
        static Reading surname(PreparedStudent s) {
            return new Reading(s, s.lastParts, s.lastJoined, s.lastAllJoined, s.record.lastSurname());
        }

        /** The student's first name read as a surname (its words are the parts). */
        static Reading firstName(PreparedStudent s) {
            return new Reading(s, s.firstWords, s.firstJoined, s.firstJoined, s.record.firstName());
        }
    }

    static FieldEvidence compare(String field, Reading a, Reading b) {
        String va = a.value();
        String vb = b.value();
        List<String> pa = a.parts();
        List<String> pb = b.parts();
        if (pa.isEmpty() || pb.isEmpty()) {
            return MISSING.of(field, va, vb);
        }
        if (a.joined().equals(b.joined()) || a.allJoined().equals(b.allJoined())) {
            return LAST_EXACT.of(field, va, vb);
        }
        Set<String> sa = new HashSet<>(pa);
        Set<String> sb = new HashSet<>(pb);
        if (sa.equals(sb)) {
            return LAST_REORDERED.of(field, va, vb);
        }
        Reading shorter = pa.size() <= pb.size() ? a : b;
        Reading longer = shorter == a ? b : a;
        boolean sameCount = pa.size() == pb.size();
        int exact = 0;
        int typos = 0;
        int typos2 = 0;
        int phonetic = 0;
        int unmatched = 0;
        for (String part : shorter.parts()) {
            if (longer.parts().contains(part)) {
                exact++;
                continue;
            }
            int best = Integer.MAX_VALUE;
            boolean alike = false;
            for (String other : longer.parts()) {
                int t = Spelling.typo(part, other);
                if (t > 0) {
                    best = Math.min(best, t);
                }
                alike |= Phonetics.alike(
                        shorter.student().codes(part), longer.student().codes(other));
            }
            if (best == 1) {
                typos++;
            } else if (best == 2) {
                typos2++;
            } else if (alike) {
                phonetic++;
            } else {
                unmatched++;
            }
        }
        if (unmatched == 0) {
            if (typos + typos2 + phonetic == 0) {
                return LAST_DROPPED_PART.of(field, va, vb);
            }
            if (!sameCount) {
                return LAST_DROPPED_PART_TYPO.of(field, va, vb);
            }
            if (phonetic > 0) {
                return LAST_PHONETIC.of(field, va, vb);
            }
            return (typos2 > 0 || typos > 1 ? LAST_TYPO2 : LAST_TYPO).of(field, va, vb);
        }
        int joined = Spelling.typo(a.allJoined(), b.allJoined());
        if (joined == 1) {
            return LAST_TYPO.of(field, va, vb);
        }
        if (joined == 2) {
            return LAST_TYPO2.of(field, va, vb);
        }
        if (Phonetics.alike(a.student().codes(a.allJoined()), b.student().codes(b.allJoined()))) {
            return LAST_PHONETIC.of(field, va, vb);
        }
        if (exact > 0) {
            return LAST_SHARED_PART_ONLY.of(field, va, vb);
        }
        return LAST_DIFFERENT.of(field, va, vb);
    }
}
