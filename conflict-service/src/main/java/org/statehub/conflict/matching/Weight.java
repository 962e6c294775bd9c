package org.statehub.conflict.matching;

import lombok.RequiredArgsConstructor;

/**
 * The outcomes of comparing a field, each with the name its evidence carries and what it adds to (or takes from) a
 * match, log-odds in spirit: agreement on a rare value counts more than on a common one, disagreement counts
 * against. The table is in {@code docs/CONFLICTS.md}.
 */
@RequiredArgsConstructor
enum Weight {
    /** Either value is missing: no weight either way. */
    MISSING("missing", 0.0),
    FIRST_EXACT("exact", 5.0),
    FIRST_NICKNAME("nickname", 4.0),
    FIRST_TYPO("typo", 3.5),
    FIRST_TYPO2("typo", 2.5),
    FIRST_NICKNAME_TYPO("nickname-with-typo", 2.5),
    FIRST_COMPOUND_PART("compound-part", 3.0),
    FIRST_AS_MIDDLE("recorded-as-middle-name", 2.5),
    FIRST_PHONETIC("sounds-alike", 2.0),
    FIRST_INITIAL("initial", 1.0),
    FIRST_GENDERED_VARIANT("gendered-variant", -2.0),
    FIRST_DIFFERENT("different", -5.0),
    LAST_EXACT("exact", 5.0),
    LAST_REORDERED("parts-reordered", 4.5),
    LAST_DROPPED_PART("dropped-part", 4.0),
    LAST_TYPO("typo", 3.5),
    LAST_TYPO2("typo", 2.5),
    LAST_DROPPED_PART_TYPO("dropped-part-and-typo", 2.5),
    LAST_PHONETIC("sounds-alike", 2.5),
    LAST_SHARED_PART_ONLY("shared-part-only", -2.0),
    LAST_DIFFERENT("different", -6.0),
    BIRTH_EXACT("exact", 6.0),
    BIRTH_SWAPPED("day-month-swapped", 5.0),
    BIRTH_ONE_DIGIT("one-digit", 1.5),
    BIRTH_DIGITS_TRANSPOSED("digits-transposed", 1.5),
    BIRTH_DIFFERENT("different", -8.0),
    MIDDLE_EXACT("exact", 1.5),
    MIDDLE_SIMILAR("similar", 1.0),
    MIDDLE_INITIAL("initial", 0.5),
    MIDDLE_DIFFERENT("different", -1.5),
    SEX_SAME("same", 0.5),
    SEX_DIFFERENT("different", -3.0);

    /** Agreement on a name more common than this share (3 in 1,000) weighs less, by log2(share / this). */
    static final double REFERENCE_SHARE = 0.003;
    /** Most taken from an agreeing name for being common (a share of 1.7% or more). */
    static final double COMMON_NAME_PENALTY = 2.5;
    /** Transposed names must beat the straight reading by this much to be taken. */
    static final double TRANSPOSITION_PENALTY = 1.0;

    /** The outcome's name in the evidence ({@link FieldEvidence#comparison()}). */
    private final String comparison;

    private final double value;

    double value() {
        return value;
    }

    /** The evidence that {@code field}'s two values, {@code a} and {@code b}, compared this way. */
    FieldEvidence of(String field, String a, String b) {
        return new FieldEvidence(field, comparison, value, a, b);
    }
}
