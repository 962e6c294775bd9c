package org.statehub.conflict.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blocks a student falls in: a new student is compared only with students sharing at least one key. Each
 * key survives a different corruption, so a duplicate is missed only when every key is broken at once:
 * <ul>
 * <li>{@code S|code|yyyy}: Double Metaphone of a surname part and birth year (per part, so a dropped or added
 * second surname and hyphenation keep a shared key; survives first-name changes, day/month errors);</li>
 * <li>{@code M|code|yyyymm}: the same with the month, a narrower block still usable when {@code S} is too big
 * (a common surname);</li>
 * <li>{@code D|yyyy|lo|hi}: the birth date with day and month in ascending order, so a date and its day/month
 * swap share it (survives any name change, transposed names);</li>
 * <li>{@code F|code|lo|hi}: Double Metaphone of each given name the first name stands for (nickname groups)
 * with the unordered day and month (survives surname changes and a wrong birth year);</li>
 * <li>without a birth date, {@code N|surname code|first code}.</li>
 * </ul>
 */
public final class BlockingKeys {

    private BlockingKeys() {}

    public static List<String> of(PreparedStudent s) {
        Set<String> keys = new LinkedHashSet<>();
        LocalDate d = s.birthDate;
        if (d == null) {
            for (String code : s.lastPartCodes) {
                if (!s.firstCode.isEmpty()) {
                    keys.add("N|" + code + "|" + s.firstCode);
                }
            }
            return new ArrayList<>(keys);
        }
        int lo = Math.min(d.getMonthValue(), d.getDayOfMonth());
        int hi = Math.max(d.getMonthValue(), d.getDayOfMonth());
        String year = Integer.toString(d.getYear());
        String dayMonth = two(lo) + "|" + two(hi);
        for (String code : s.lastPartCodes) {
            keys.add("S|" + code + "|" + year);
            keys.add("M|" + code + "|" + year + two(d.getMonthValue()));
        }
        keys.add("D|" + year + "|" + dayMonth);
        for (String given : s.firstGroups) {
            String code = Phonetics.code(given.replace(" ", ""));
            if (!code.isEmpty()) {
                keys.add("F|" + code + "|" + dayMonth);
            }
        }
        return new ArrayList<>(keys);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
