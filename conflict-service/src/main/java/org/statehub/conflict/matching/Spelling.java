package org.statehub.conflict.matching;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** How two folded spellings differ: typos, neighbouring letters exchanged, initials, gendered forms. Pure. */
final class Spelling {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = new LevenshteinDistance(2);

    private Spelling() {}

    /**
     * 1: one edit apart (Levenshtein) or two neighbouring letters exchanged; 2: two edits apart, both at least 6
     * letters and Jaro-Winkler at least 0.9; 0: neither (or equal, or too short to tell a typo from another name).
     */
    static int typo(String a, String b) {
        if (a.equals(b) || a.length() < 2 || b.length() < 2) {
            return 0;
        }
        int distance = LEVENSHTEIN.apply(a, b);
        if (distance == 1 && Math.min(a.length(), b.length()) >= 3) {
            return 1;
        }
        if (distance == 2 && a.length() >= 3 && adjacentLettersExchanged(a, b)) {
            return 1; // JOES / JOSE: one slip of the fingers, two edits for Levenshtein
        }
        if (distance == 2 && Math.min(a.length(), b.length()) >= 6 && JARO_WINKLER.apply(a, b) >= 0.9) {
            return 2;
        }
        return 0;
    }

    /** Same length, equal but for two neighbouring characters exchanged (JOES / JOSE, day 12 / 21). */
    static boolean adjacentLettersExchanged(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i + 1 < a.length()
                && a.charAt(i) == b.charAt(i + 1)
                && a.charAt(i + 1) == b.charAt(i)
                && a.regionMatches(i + 2, b, i + 2, a.length() - i - 2);
    }

    /** One is a single letter, the other a longer name starting with it. */
    static boolean initialOf(String a, String b) {
        return (a.length() == 1 && b.length() > 1 && b.charAt(0) == a.charAt(0))
                || (b.length() == 1 && a.length() > 1 && a.charAt(0) == b.charAt(0));
    }

    /** The masculine and feminine forms of one name: equal but for a final A, O or E (one has the A). */
    static boolean genderedVariants(String a, String b) {
        if (!(a.endsWith("A") || b.endsWith("A"))) {
            return false;
        }
        return stem(a).equals(stem(b));
    }

    private static String stem(String name) {
        char last = name.charAt(name.length() - 1);
        return name.length() > 2 && (last == 'A' || last == 'O' || last == 'E')
                ? name.substring(0, name.length() - 1)
                : name;
    }
}
