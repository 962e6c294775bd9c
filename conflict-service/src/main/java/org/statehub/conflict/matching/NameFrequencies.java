package org.statehub.conflict.matching;

import java.util.Map;

/**
 * How common a name is among the students being matched: agreeing on a common name (MARIA, GARCIA) is weaker
 * evidence of one person than agreeing on a rare one, so the matcher scales name agreement by it. Counts are
 * of folded first names (whole) and surname parts; {@link #share} smooths them so that a small population
 * says nothing either way.
 */
public interface NameFrequencies {

    /** Students counted. */
    long total();

    /** Students whose folded first name is this. */
    long firstNameCount(String folded);

    /** Students with this folded surname part. */
    long surnamePartCount(String part);

    /**
     * The count as a share, smoothed as if 1,000 more students had other names: count / (total + 1000). In a
     * small population every share stays small, and the matcher leaves names' weights as they are.
     */
    default double share(long count) {
        return count / (total() + 1000.0);
    }

    /** No counts: no name is adjusted. */
    NameFrequencies NONE = of(0, Map.of(), Map.of());

    /** These counts; a name not in them is counted 0. */
    static NameFrequencies of(long total, Map<String, Long> firstNames, Map<String, Long> surnameParts) {
        return new Counts(total, Map.copyOf(firstNames), Map.copyOf(surnameParts));
    }

    /** Counts held in maps. */
    record Counts(long total, Map<String, Long> firstNames, Map<String, Long> surnameParts) implements NameFrequencies {

        @Override
        public long firstNameCount(String folded) {
            return firstNames.getOrDefault(folded, 0L);
        }

        @Override
        public long surnamePartCount(String part) {
            return surnameParts.getOrDefault(part, 0L);
        }
    }
}
