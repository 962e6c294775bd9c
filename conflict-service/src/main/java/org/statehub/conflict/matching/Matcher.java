package org.statehub.conflict.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

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
 */
public final class Matcher {

    /** An exact first name (5), last name (5) and birth date (6): the weight that scores 1.0. */
    public static final double REFERENCE_WEIGHT = 16.0;
    /** The default threshold of a potential duplicate (chosen on a development seed, docs/BENCHMARKS.md). */
    public static final double DEFAULT_THRESHOLD = 0.65;

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

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = new LevenshteinDistance(2);

    private final Nicknames nicknames;

    public Matcher(Nicknames nicknames) {
        this.nicknames = nicknames;
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
        FieldEvidence first = given(a, b);
        if (first.weight() > 0 && frequencies != NameFrequencies.NONE) {
            long count = Math.max(frequencies.firstNameCount(a.first), frequencies.firstNameCount(b.first));
            first = adjusted(first, frequencies.share(count));
        }
        FieldEvidence last = surname(
                "lastSurname",
                a,
                a.lastParts,
                a.lastJoined,
                a.lastAllJoined,
                b,
                b.lastParts,
                b.lastJoined,
                b.lastAllJoined,
                a.record.lastSurname(),
                b.record.lastSurname());
        if (last.weight() > 0 && frequencies != NameFrequencies.NONE) {
            last = adjusted(last, surnameShare(a, b, frequencies));
        }
        boolean transposed = false;
        double straight = first.weight() + last.weight();
        if (straight < FIRST_EXACT + LAST_EXACT - 2 && !a.first.isEmpty() && !b.first.isEmpty()) {
            // first and last names exchanged: A's first name against B's surname and the other way round
            FieldEvidence crossFirst = surname(
                    "firstName",
                    a,
                    a.firstWords,
                    a.firstJoined,
                    a.firstJoined,
                    b,
                    b.lastParts,
                    b.lastJoined,
                    b.lastAllJoined,
                    a.record.firstName(),
                    b.record.lastSurname());
            FieldEvidence crossLast = surname(
                    "lastSurname",
                    a,
                    a.lastParts,
                    a.lastJoined,
                    a.lastAllJoined,
                    b,
                    b.firstWords,
                    b.firstJoined,
                    b.firstJoined,
                    a.record.lastSurname(),
                    b.record.firstName());
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
        fields.add(birthDate(a.birthDate, b.birthDate));
        if (!transposed && !first.comparison().equals("recorded-as-middle-name")) {
            FieldEvidence middle = middle(a, b);
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
        double best = FIRST_EXACT
                + LAST_EXACT
                + MIDDLE_EXACT
                + SEX_SAME
                + birthDate(a.birthDate, b.birthDate).weight();
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

    private FieldEvidence given(PreparedStudent a, PreparedStudent b) {
        String va = a.record.firstName();
        String vb = b.record.firstName();
        if (a.first.isEmpty() || b.first.isEmpty()) {
            return new FieldEvidence("firstName", "missing", 0, va, vb);
        }
        if (a.firstJoined.equals(b.firstJoined)) {
            return new FieldEvidence("firstName", "exact", FIRST_EXACT, va, vb);
        }
        if (nicknames.same(a.first, b.first)) {
            return new FieldEvidence("firstName", "nickname", FIRST_NICKNAME, va, vb);
        }
        if (a.firstWords.size() != b.firstWords.size()
                && (a.firstWords.containsAll(b.firstWords) || b.firstWords.containsAll(a.firstWords))) {
            return new FieldEvidence("firstName", "compound-part", FIRST_COMPOUND_PART, va, vb);
        }
        int typo = typo(a.firstJoined, b.firstJoined);
        if (typo > 0
                && genderedVariants(a.firstJoined, b.firstJoined)
                && (a.record.sex() == null || a.record.sex() != b.record.sex())) {
            // DANIEL / DANIELA, MARIO / MARIA: a brother and a sister (twins) far more often than a typo
            return new FieldEvidence("firstName", "gendered-variant", FIRST_GENDERED_VARIANT, va, vb);
        }
        if (typo == 1) {
            return new FieldEvidence("firstName", "typo", FIRST_TYPO, va, vb);
        }
        if ((a.firstWords.size() == 1 || b.firstWords.size() == 1)
                && nicknames.same(a.firstWords.get(0), b.firstWords.get(0))) {
            return new FieldEvidence("firstName", "nickname", FIRST_NICKNAME, va, vb);
        }
        if (typo == 2) {
            return new FieldEvidence("firstName", "typo", FIRST_TYPO2, va, vb);
        }
        if (nicknameWithTypo(a, b) || nicknameWithTypo(b, a)) {
            return new FieldEvidence("firstName", "nickname-with-typo", FIRST_NICKNAME_TYPO, va, vb);
        }
        if (middleAsFirst(a, b) || middleAsFirst(b, a)) {
            return new FieldEvidence("firstName", "recorded-as-middle-name", FIRST_AS_MIDDLE, va, vb);
        }
        if (Phonetics.alike(a.codes(a.firstJoined), b.codes(b.firstJoined))) {
            return new FieldEvidence("firstName", "sounds-alike", FIRST_PHONETIC, va, vb);
        }
        if (initialOf(a.firstJoined, b.firstJoined)) {
            return new FieldEvidence("firstName", "initial", FIRST_INITIAL, va, vb);
        }
        return new FieldEvidence("firstName", "different", FIRST_DIFFERENT, va, vb);
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

    /** A's first name one typo away from a name the table makes equal to B's (Tomm / Thomas via Tom). */
    private static boolean nicknameWithTypo(PreparedStudent a, PreparedStudent b) {
        for (String alias : b.firstAliases) {
            if (typo(a.firstJoined, alias.replace(" ", "")) == 1) {
                return true;
            }
        }
        return false;
    }

    /** A goes by its middle name: A's first name is B's middle name, and A's middle (if any) is B's first. */
    private static boolean middleAsFirst(PreparedStudent a, PreparedStudent b) {
        return !b.middle.isEmpty()
                && b.middleJoined.equals(a.firstJoined)
                && (a.middle.isEmpty()
                        || a.middleJoined.equals(b.firstJoined)
                        || initialOf(a.middleJoined, b.firstJoined));
    }

    /** Surnames (or, for transposed names, a given name read as a surname) compared part by part. */
    private FieldEvidence surname(
            String field,
            PreparedStudent a,
            List<String> pa,
            String ja,
            String alla,
            PreparedStudent b,
            List<String> pb,
            String jb,
            String allb,
            String va,
            String vb) {
        if (pa.isEmpty() || pb.isEmpty()) {
            return new FieldEvidence(field, "missing", 0, va, vb);
        }
        if (ja.equals(jb) || alla.equals(allb)) {
            return new FieldEvidence(field, "exact", LAST_EXACT, va, vb);
        }
        Set<String> sa = new HashSet<>(pa);
        Set<String> sb = new HashSet<>(pb);
        if (sa.equals(sb)) {
            return new FieldEvidence(field, "parts-reordered", LAST_REORDERED, va, vb);
        }
        List<String> shorter = pa.size() <= pb.size() ? pa : pb;
        List<String> longer = shorter == pa ? pb : pa;
        PreparedStudent shorterOf = shorter == pa ? a : b;
        PreparedStudent longerOf = shorter == pa ? b : a;
        boolean sameCount = pa.size() == pb.size();
        int exact = 0;
        int typos = 0;
        int typos2 = 0;
        int phonetic = 0;
        int unmatched = 0;
        for (String part : shorter) {
            if (longer.contains(part)) {
                exact++;
                continue;
            }
            int best = Integer.MAX_VALUE;
            boolean alike = false;
            for (String other : longer) {
                int t = typo(part, other);
                if (t > 0) {
                    best = Math.min(best, t);
                }
                alike |= Phonetics.alike(shorterOf.codes(part), longerOf.codes(other));
            }
            if (best == 1) {
                typos++;
            } else if (best == 2) {
                typos2++;
            } else if (alike) {
                phonetic++;
            } else {
                unmatched++;
            }
        }
        if (unmatched == 0) {
            if (typos + typos2 + phonetic == 0) {
                return new FieldEvidence(field, "dropped-part", LAST_DROPPED_PART, va, vb);
            }
            if (!sameCount) {
                return new FieldEvidence(field, "dropped-part-and-typo", LAST_DROPPED_PART_TYPO, va, vb);
            }
            if (phonetic > 0) {
                return new FieldEvidence(field, "sounds-alike", LAST_PHONETIC, va, vb);
            }
            return new FieldEvidence(field, "typo", typos2 > 0 || typos > 1 ? LAST_TYPO2 : LAST_TYPO, va, vb);
        }
        int joined = typo(alla, allb);
        if (joined == 1) {
            return new FieldEvidence(field, "typo", LAST_TYPO, va, vb);
        }
        if (joined == 2) {
            return new FieldEvidence(field, "typo", LAST_TYPO2, va, vb);
        }
        if (Phonetics.alike(a.codes(alla), b.codes(allb))) {
            return new FieldEvidence(field, "sounds-alike", LAST_PHONETIC, va, vb);
        }
        if (exact > 0) {
            return new FieldEvidence(field, "shared-part-only", LAST_SHARED_PART_ONLY, va, vb);
        }
        return new FieldEvidence(field, "different", LAST_DIFFERENT, va, vb);
    }

    static FieldEvidence birthDate(LocalDate a, LocalDate b) {
        String va = a == null ? null : a.toString();
        String vb = b == null ? null : b.toString();
        if (a == null || b == null) {
            return new FieldEvidence("birthDate", "missing", 0, va, vb);
        }
        if (a.equals(b)) {
            return new FieldEvidence("birthDate", "exact", BIRTH_EXACT, va, vb);
        }
        if (a.getYear() == b.getYear()
                && a.getDayOfMonth() == b.getMonthValue()
                && a.getMonthValue() == b.getDayOfMonth()) {
            return new FieldEvidence("birthDate", "day-month-swapped", BIRTH_SWAPPED, va, vb);
        }
        String da = va.replace("-", "");
        String db = vb.replace("-", "");
        if (da.length() != db.length()) {
            return new FieldEvidence("birthDate", "different", BIRTH_DIFFERENT, va, vb);
        }
        int differing = 0;
        for (int i = 0; i < da.length(); i++) {
            if (da.charAt(i) != db.charAt(i)) {
                differing++;
            }
        }
        if (differing == 1) {
            return new FieldEvidence("birthDate", "one-digit", BIRTH_ONE_DIGIT, va, vb);
        }
        if (differing == 2 && adjacentLettersExchanged(da, db)) {
            return new FieldEvidence("birthDate", "digits-transposed", BIRTH_DIGITS_TRANSPOSED, va, vb);
        }
        return new FieldEvidence("birthDate", "different", BIRTH_DIFFERENT, va, vb);
    }

    private FieldEvidence middle(PreparedStudent a, PreparedStudent b) {
        if (a.middle.isEmpty() || b.middle.isEmpty()) {
            return null; // a missing middle name is common and says nothing
        }
        String va = a.record.middleName();
        String vb = b.record.middleName();
        if (a.middleJoined.equals(b.middleJoined)) {
            return new FieldEvidence("middleName", "exact", MIDDLE_EXACT, va, vb);
        }
        if (initialOf(a.middleJoined, b.middleJoined)) {
            return new FieldEvidence("middleName", "initial", MIDDLE_INITIAL, va, vb);
        }
        if (typo(a.middleJoined, b.middleJoined) > 0 || nicknames.same(a.middle, b.middle)) {
            return new FieldEvidence("middleName", "similar", MIDDLE_SIMILAR, va, vb);
        }
        return new FieldEvidence("middleName", "different", MIDDLE_DIFFERENT, va, vb);
    }

    private static FieldEvidence sex(StudentRecord.Sex a, StudentRecord.Sex b) {
        if (a == null || b == null) {
            return null;
        }
        return a == b
                ? new FieldEvidence("sex", "same", SEX_SAME, a.name(), b.name())
                : new FieldEvidence("sex", "different", SEX_DIFFERENT, a.name(), b.name());
    }

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
    private static boolean adjacentLettersExchanged(String a, String b) {
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

    private static boolean initialOf(String a, String b) {
        return (a.length() == 1 && b.length() > 1 && b.charAt(0) == a.charAt(0))
                || (b.length() == 1 && a.length() > 1 && a.charAt(0) == b.charAt(0));
    }
}
