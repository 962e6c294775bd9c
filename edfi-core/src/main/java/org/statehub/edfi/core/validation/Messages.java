package org.statehub.edfi.core.validation;

import java.util.Locale;

/** Wording helpers shared by the validation messages, which name members the way ODS does (PascalCase). */
final class Messages {

    private Messages() {}

    static String pascal(String member) {
        if (member == null || member.isEmpty()) {
            return "Value";
        }
        return member.substring(0, 1).toUpperCase(Locale.ROOT) + member.substring(1);
    }

    /** The member name at the end of a concrete path: {@code $.addresses[0].city} gives {@code city}. */
    static String leaf(String path) {
        String p = path;
        while (p.endsWith("]")) {
            p = p.substring(0, p.lastIndexOf('['));
        }
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        if (mod100 >= 11 && mod100 <= 13) {
            return n + "th";
        }
        return switch (n % 10) {
            case 1 -> n + "st";
            case 2 -> n + "nd";
            case 3 -> n + "rd";
            default -> n + "th";
        };
    }
}
