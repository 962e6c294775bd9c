package org.statehub.conflict.quality;

import java.util.Random;

/**
 * Typing and spelling errors as data-entry clerks make them: a neighbouring key hit instead, a letter dropped,
 * doubled or inserted, two neighbouring letters exchanged, or a spelling that sounds the same (v/b, s/z, y/i,
 * ph/f, a dropped silent h, ll/y, c/k). Never the first letter.
 */
final class Typos {

    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    private static final String[][] SOUNDS_ALIKE = {
        {"v", "b"},
        {"b", "v"},
        {"z", "s"},
        {"s", "z"},
        {"y", "i"},
        {"i", "y"},
        {"ph", "f"},
        {"ll", "y"},
        {"c", "k"},
        {"k", "c"},
        {"h", ""},
        {"ie", "ei"},
        {"ei", "ie"}
    };

    /** What a scanner or a tired reader takes one letter group for: rn/m, cl/d, li/h, vv/w, u/v, e/c, a/o, l/I. */
    private static final String[][] MISREAD = {
        {"rn", "m"},
        {"m", "rn"},
        {"cl", "d"},
        {"d", "cl"},
        {"li", "h"},
        {"h", "li"},
        {"w", "vv"},
        {"u", "v"},
        {"e", "c"},
        {"a", "o"},
        {"l", "I"}
    };

    private Typos() {}

    /**
     * One OCR-like misreading of a letter group (never the first letter), or the name unchanged when it has none
     * of them.
     */
    static String misread(String name, Random random) {
        return replaced(name, MISREAD, random);
    }

    /**
     * The name with the first of {@code rules} (tried from a random one on) that applies after the first letter
     * applied once, matched without regard to case; the name unchanged when none applies.
     */
    private static String replaced(String name, String[][] rules, Random random) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        int start = random.nextInt(rules.length);
        for (int k = 0; k < rules.length; k++) {
            String[] rule = rules[(start + k) % rules.length];
            int at = lower.indexOf(rule[0], 1);
            if (at > 0) {
                return name.substring(0, at) + rule[1] + name.substring(at + rule[0].length());
            }
        }
        return name;
    }

    static String apply(String name, Random random) {
        if (name.length() < 3) {
            return name + "e";
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            String changed = once(name, random);
            if (!changed.equalsIgnoreCase(name) && !changed.isBlank()) {
                return changed;
            }
        }
        return name + "s";
    }

    private static String once(String name, Random random) {
        int i = 1 + random.nextInt(name.length() - 1);
        if (!Character.isLetter(name.charAt(i))) {
            return name;
        }
        char c = name.charAt(i);
        int kind = random.nextInt(6);
        switch (kind) {
            case 0: { // neighbouring key
                char n = neighbour(Character.toLowerCase(c), random);
                return n == 0 ? name : name.substring(0, i) + n + name.substring(i + 1);
            }
            case 1: // dropped
                return name.substring(0, i) + name.substring(i + 1);
            case 2: // doubled
                return name.substring(0, i) + c + name.substring(i);
            case 3: { // exchanged with the next letter
                if (i + 1 >= name.length() || !Character.isLetter(name.charAt(i + 1))) {
                    return name;
                }
                return name.substring(0, i) + name.charAt(i + 1) + c + name.substring(i + 2);
            }
            case 4: { // inserted neighbouring key
                char n = neighbour(Character.toLowerCase(c), random);
                return n == 0 ? name : name.substring(0, i) + n + name.substring(i);
            }
            default: // sounds alike
                return replaced(name, SOUNDS_ALIKE, random);
        }
    }

    private static char neighbour(char c, Random random) {
        for (String row : ROWS) {
            int at = row.indexOf(c);
            if (at >= 0) {
                int n = at == 0 ? 1 : at == row.length() - 1 ? at - 1 : at + (random.nextBoolean() ? 1 : -1);
                return row.charAt(n);
            }
        }
        return 0;
    }
}
