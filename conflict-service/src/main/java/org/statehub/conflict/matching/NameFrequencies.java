package org.statehub.conflict.matching;

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
    NameFrequencies NONE = new NameFrequencies() {
        @Override
        public long total() {
            return 0;
        }

        @Override
        public long firstNameCount(String folded) {
            return 0;
        }

        @Override
        public long surnamePartCount(String part) {
            return 0;
        }
    };
}
