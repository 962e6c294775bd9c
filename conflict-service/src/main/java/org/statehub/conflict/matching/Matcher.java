package org.statehub.conflict.matching;

import static org.statehub.conflict.matching.Weight.COMMON_NAME_PENALTY;
import static org.statehub.conflict.matching.Weight.FIRST_EXACT;
import static org.statehub.conflict.matching.Weight.LAST_EXACT;
import static org.statehub.conflict.matching.Weight.MIDDLE_EXACT;
import static org.statehub.conflict.matching.Weight.REFERENCE_SHARE;
import static org.statehub.conflict.matching.Weight.SEX_DIFFERENT;
import static org.statehub.conflict.matching.Weight.SEX_SAME;
import static org.statehub.conflict.matching.Weight.TRANSPOSITION_PENALTY;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two students and says how likely they are one person. Each field is compared on its own and its
 * outcome carries a weight (log-odds in spirit: agreement on a rare value counts more than on a common one,
 * disagreement counts against); agreement on a common name counts less than on a rare one (by the
 * {@link NameFrequencies} given); the score is the sum over {@link #REFERENCE_WEIGHT} (an exact first name,
 * last name and birth date), clamped to [0,1]. The weights are in {@code docs/CONFLICTS.md}.
 *
 * <p>Handled: typos (Levenshtein distance 1, two neighbouring letters exchanged, or distance 2 with
 * Jaro-Winkler >= 0.9 on longer names), day and month of birth swapped, one wrong digit of the birth date,
 * compound surnames with or without a hyphen, a dropped second surname, nicknames (the {@link Nicknames} table,
 * also with a typo), first and last names transposed, a missing middle name (no weight either way), first name
 * recorded as middle name, sounds-alike spellings (Double Metaphone). Stateless and thread-safe.
 *
 * <p>This class combines the fields; each field's rules are their own: {@link GivenNames} (first and middle
 * names), {@link Surnames}, {@link BirthDates}, on {@link Spelling}'s typo rules, with {@link Weight}.
 */
public final class Matcher {

    /** An exact first name (5), last name (5) and birth date (6): the weight that scores 1.0. */
    public static final double REFERENCE_WEIGHT = 16.0;
    /** The default threshold of a potential duplicate (chosen on a development seed, docs/BENCHMARKS.md). */
    public static final double DEFAULT_THRESHOLD = 0.65;

    private final Nicknames nicknames;
    private final GivenNames givenNames;

    public Matcher(Nicknames nicknames) {
        this.nicknames = nicknames;
        this.givenNames = new GivenNames(nicknames);
    }

    public static Matcher standard() {
        return new Matcher(Nicknames.standard());
    }

    public PreparedStudent prepare(StudentRecord record) {
        return new PreparedStudent(record, nicknames);
    }

    public MatchResult compare(StudentRecord a, StudentRecord b) {
        return compare(prepare(a), prepare(b), NameFrequencies.NONE);
    }

    public MatchResult compare(PreparedStudent a, PreparedStudent b) {
        return compare(a, b, NameFrequencies.NONE);
    }

    /** Compares, weighing agreement on a name by how common it is among {@code frequencies}. */
    public MatchResult compare(PreparedStudent a, PreparedStudent b, NameFrequencies frequencies) {
        List<FieldEvidence> fields = new ArrayList<>(6);
        FieldEvidence first = givenNames.first(a, b);
        if (first.weight() > 0 && frequencies != NameFrequencies.NONE) {
            long count = Math.max(frequencies.firstNameCount(a.first), frequencies.firstNameCount(b.first));
            first = adjusted(first, frequencies.share(count));
        }
        FieldEvidence last = Surnames.compare("lastSurname", Surnames.Reading.surname(a), Surnames.Reading.surname(b));
        if (last.weight() > 0 && frequencies != NameFrequencies.NONE) {
            last = adjusted(last, surnameShare(a, b, frequencies));
        }
        boolean transposed = false;
        double straight = first.weight() + last.weight();
        if (straight < FIRST_EXACT.value() + LAST_EXACT.value() - 2 && !a.first.isEmpty() && !b.first.isEmpty()) {
            // first and last names exchanged: A's first name against B's surname and the other way round
            FieldEvidence crossFirst =
                    Surnames.compare("firstName", Surnames.Reading.firstName(a), Surnames.Reading.surname(b));
            FieldEvidence crossLast =
                    Surnames.compare("lastSurname", Surnames.Reading.surname(a), Surnames.Reading.firstName(b));
            double cross = crossFirst.weight() + crossLast.weight() - TRANSPOSITION_PENALTY;
            if (crossFirst.weight() > 0 && crossLast.weight() > 0 && cross > straight) {
                transposed = true;
                first = new FieldEvidence(
                        "firstName",
                        "transposed-with-lastSurname:" + crossFirst.comparison(),
                        crossFirst.weight() - TRANSPOSITION_PENALTY,
                        a.record.firstName(),
                        b.record.firstName());
                last = new FieldEvidence(
                        "lastSurname",
                        "transposed-with-firstName:" + crossLast.comparison(),
                        crossLast.weight(),
                        a.record.lastSurname(),
                        b.record.lastSurname());
            }
        }
        fields.add(first);
        fields.add(last);
        fields.add(BirthDates.compare(a.birthDate, b.birthDate));
        if (!transposed && !first.comparison().equals("recorded-as-middle-name")) {
            FieldEvidence middle = givenNames.middle(a, b);
            if (middle != null) {
                fields.add(middle);
            }
        }
        FieldEvidence sex = sex(a.record.sex(), b.record.sex());
        if (sex != null) {
            fields.add(sex);
        }
        double weight = 0;
        for (FieldEvidence f : fields) {
            weight += f.weight();
        }
        double score = Math.max(0.0, Math.min(1.0, weight / REFERENCE_WEIGHT));
        return new MatchResult(Math.round(score * 1000) / 1000.0, weight, transposed, fields);
    }

    /**
     * Whether the pair could score {@code threshold} at all: false when the birth dates differ outright (no name
     * agreement outweighs that), so a look-up skips the name comparisons of most strangers in its blocks.
     */
    public boolean mayReach(PreparedStudent a, PreparedStudent b, double threshold) {
        double best = FIRST_EXACT.value()
                + LAST_EXACT.value()
                + MIDDLE_EXACT.value()
                + SEX_SAME.value()
                + BirthDates.compare(a.birthDate, b.birthDate).weight();
        return best / REFERENCE_WEIGHT >= threshold;
    }

    /** The name's weight lowered by log2(share / reference share) when common, by at most the penalty. */
    static FieldEvidence adjusted(FieldEvidence agreeing, double share) {
        double shift = Math.log(REFERENCE_SHARE / share) / Math.log(2);
        shift = Math.max(-COMMON_NAME_PENALTY, Math.min(0.0, shift));
        double weight = Math.round((agreeing.weight() + shift) * 100) / 100.0;
        return new FieldEvidence(agreeing.field(), agreeing.comparison(), weight, agreeing.valueA(), agreeing.valueB());
    }

    /** The share of the surname parts both students have: the product of each shared part's share. */
    private static double surnameShare(PreparedStudent a, PreparedStudent b, NameFrequencies frequencies) {
        double share = 1.0;
        boolean any = false;
        for (String part : a.lastParts) {
            if (b.lastParts.contains(part)) {
                share *= frequencies.share(frequencies.surnamePartCount(part));
                any = true;
            }
        }
        if (!any) { // a typo or a sound-alike: the commoner of the two spellings
            long count = 0;
            for (String part : a.lastParts) {
                count = Math.max(count, frequencies.surnamePartCount(part));
            }
            for (String part : b.lastParts) {
                count = Math.max(count, frequencies.surnamePartCount(part));
            }
            share = frequencies.share(count);
        }
        return share;
    }

    private static FieldEvidence sex(StudentRecord.Sex a, StudentRecord.Sex b) {
        if (a == null || b == null) {
            return null;
        }
        return a == b ? SEX_SAME.of("sex", a.name(), b.name()) : SEX_DIFFERENT.of("sex", a.name(), b.name());
    }
}
