package org.statehub.conflict.matching;

/**
 * What each field comparison adds to (or takes from) a match, log-odds in spirit: agreement on a rare value counts
 * more than on a common one, disagreement counts against. The table is in {@code docs/CONFLICTS.md}.
 */
final class Weights {

    private Weights() {}

    static final double FIRST_EXACT = 5.0;
    static final double FIRST_NICKNAME = 4.0;
    static final double FIRST_TYPO = 3.5;
    static final double FIRST_TYPO2 = 2.5;
    static final double FIRST_NICKNAME_TYPO = 2.5;
    static final double FIRST_COMPOUND_PART = 3.0;
    static final double FIRST_AS_MIDDLE = 2.5;
    static final double FIRST_PHONETIC = 2.0;
    static final double FIRST_INITIAL = 1.0;
    static final double FIRST_GENDERED_VARIANT = -2.0;
    static final double FIRST_DIFFERENT = -5.0;

    static final double LAST_EXACT = 5.0;
    static final double LAST_REORDERED = 4.5;
    static final double LAST_DROPPED_PART = 4.0;
    static final double LAST_TYPO = 3.5;
    static final double LAST_TYPO2 = 2.5;
    static final double LAST_DROPPED_PART_TYPO = 2.5;
    static final double LAST_PHONETIC = 2.5;
    static final double LAST_SHARED_PART_ONLY = -2.0;
    static final double LAST_DIFFERENT = -6.0;

    static final double BIRTH_EXACT = 6.0;
    static final double BIRTH_SWAPPED = 5.0;
    static final double BIRTH_ONE_DIGIT = 1.5;
    static final double BIRTH_DIGITS_TRANSPOSED = 1.5;
    static final double BIRTH_DIFFERENT = -8.0;

    static final double MIDDLE_EXACT = 1.5;
    static final double MIDDLE_SIMILAR = 1.0;
    static final double MIDDLE_INITIAL = 0.5;
    static final double MIDDLE_DIFFERENT = -1.5;

    static final double SEX_SAME = 0.5;
    static final double SEX_DIFFERENT = -3.0;

    /** Agreement on a name more common than this share (3 in 1,000) weighs less, by log2(share / this). */
    static final double REFERENCE_SHARE = 0.003;
    /** Most taken from an agreeing name for being common (a share of 1.7% or more). */
    static final double COMMON_NAME_PENALTY = 2.5;

    /** Transposed names must beat the straight reading by this much to be taken. */
    static final double TRANSPOSITION_PENALTY = 1.0;
}
