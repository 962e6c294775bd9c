package org.statehub.conflict.matching;

import org.apache.commons.codec.language.DoubleMetaphone;

/** Double Metaphone codes (Apache Commons Codec), primary and alternate. */
final class Phonetics {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    private Phonetics() {}

    /** The primary code, or "" for an empty name. */
    static String code(String folded) {
        if (folded == null || folded.isEmpty()) {
            return "";
        }
        String code = METAPHONE.doubleMetaphone(folded, false);
        return code == null ? "" : code;
    }

    /** The primary and alternate codes of a folded name. */
    static String[] codes(String folded) {
        if (folded == null || folded.isEmpty()) {
            return new String[] {"", ""};
        }
        return new String[] {METAPHONE.doubleMetaphone(folded, false), METAPHONE.doubleMetaphone(folded, true)};
    }

    /** Whether two names sound alike by their codes (see {@link #codes}). */
    static boolean alike(String[] a, String[] b) {
        return !a[0].isEmpty()
                && !b[0].isEmpty()
                && (a[0].equals(b[0]) || a[0].equals(b[1]) || a[1].equals(b[0]) || a[1].equals(b[1]));
    }

    /** Whether two names sound alike: their primary or alternate codes meet. */
    static boolean alike(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        String pa = METAPHONE.doubleMetaphone(a, false);
        String pb = METAPHONE.doubleMetaphone(b, false);
        String aa = METAPHONE.doubleMetaphone(a, true);
        String ab = METAPHONE.doubleMetaphone(b, true);
        return !pa.isEmpty() && (pa.equals(pb) || pa.equals(ab) || aa.equals(pb) || aa.equals(ab));
    }
}
