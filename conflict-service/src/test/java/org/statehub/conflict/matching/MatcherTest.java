package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.matching.StudentRecord.Sex;

class MatcherTest {

    private static final double THRESHOLD = Matcher.DEFAULT_THRESHOLD;
    private final Matcher matcher = Matcher.standard();

    private static StudentRecord student(String first, String middle, String last, String birth, Sex sex) {
        return new StudentRecord(
                "x", "id-" + first + last, first, middle, last, birth == null ? null : LocalDate.parse(birth), sex);
    }

    private MatchResult compare(StudentRecord a, StudentRecord b) {
        MatchResult forward = matcher.compare(a, b);
        assertThat(matcher.compare(b, a).score()).as("symmetric").isEqualTo(forward.score());
        return forward;
    }

    /**
     * Compares the two: {@code field} compares as {@code comparison} and the pair reaches the threshold of a potential
     * duplicate ({@code what} names the case in a failure).
     */
    private MatchResult assertPotentialDuplicate(
            String what, StudentRecord a, StudentRecord b, String field, String comparison) {
        MatchResult r = compare(a, b);
        assertThat(r.field(field).comparison()).as(what).isEqualTo(comparison);
        assertThat(r.score()).as(what).isGreaterThanOrEqualTo(THRESHOLD);
        return r;
    }

    /** Compares the two: {@code field} compares as {@code comparison} and the pair stays below the threshold. */
    private void assertNoDuplicate(StudentRecord a, StudentRecord b, String field, String comparison) {
        MatchResult r = compare(a, b);
        assertThat(r.field(field).comparison()).isEqualTo(comparison);
        assertThat(r.score()).isLessThan(THRESHOLD);
    }

    @Test
    void identicalStudentsScoreOneWithEveryFieldExact() {
        StudentRecord a = student("Lisa", "Marie", "Woods", "2008-05-17", Sex.FEMALE);
        MatchResult r = compare(a, a);
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.field("firstName").comparison()).isEqualTo("exact");
        assertThat(r.field("lastSurname").comparison()).isEqualTo("exact");
        assertThat(r.field("birthDate").comparison()).isEqualTo("exact");
        assertThat(r.drivers()).extracting(FieldEvidence::field).startsWith("birthDate");
    }

    @Test
    void caseAccentsAndPunctuationAreFolded() {
        MatchResult r = compare(
                student("JOSÉ", null, "Núñez", "2010-03-04", Sex.MALE),
                student("jose", null, "NUNEZ", "2010-03-04", Sex.MALE));
        assertThat(r.field("firstName").comparison()).isEqualTo("exact");
        assertThat(r.field("lastSurname").comparison()).isEqualTo("exact");
        assertThat(compare(
                                student("Sean", null, "O'Brien", "2010-03-04", null),
                                student("Sean", null, "OBrien", "2010-03-04", null))
                        .field("lastSurname")
                        .comparison())
                .isEqualTo("exact");
    }

    @Test
    void typoInFirstNameIsAPotentialDuplicate() {
        for (String typo : new String[] {"Micheal", "Michal", "Mkchael", "Michaell"}) {
            assertPotentialDuplicate(
                    typo,
                    student("Michael", null, "Thompson", "2011-09-23", Sex.MALE),
                    student(typo, null, "Thompson", "2011-09-23", Sex.MALE),
                    "firstName",
                    "typo");
        }
    }

    @Test
    void typoInLastNameIsAPotentialDuplicate() {
        assertPotentialDuplicate(
                "Ortiz/Otriz",
                student("Fernanda", null, "Ortiz", "2014-12-17", Sex.FEMALE),
                student("Fernanda", null, "Otriz", "2014-12-17", Sex.FEMALE),
                "lastSurname",
                "typo");
    }

    @Test
    void swappedDayAndMonthOfBirthIsAPotentialDuplicate() {
        assertPotentialDuplicate(
                "2012-03-07/2012-07-03",
                student("Karen", null, "Walsh", "2012-03-07", Sex.FEMALE),
                student("Karen", null, "Walsh", "2012-07-03", Sex.FEMALE),
                "birthDate",
                "day-month-swapped");
    }

    @Test
    void twoSurnamesWithOrWithoutHyphenAreTheSameSurname() {
        MatchResult r = compare(
                student("Ana", null, "Garcia Lopez", "2009-01-15", Sex.FEMALE),
                student("Ana", null, "Garcia-Lopez", "2009-01-15", Sex.FEMALE));
        assertThat(r.field("lastSurname").comparison()).isEqualTo("exact");
        assertThat(r.score()).isEqualTo(1.0);
        MatchResult particles = compare(
                student("Ana", null, "De la Rosa", "2009-01-15", Sex.FEMALE),
                student("Ana", null, "Delarosa", "2009-01-15", Sex.FEMALE));
        assertThat(particles.field("lastSurname").comparison()).isEqualTo("exact");
    }

    @Test
    void aDroppedSecondSurnameIsAPotentialDuplicate() {
        assertPotentialDuplicate(
                "Garcia Lopez/Garcia",
                student("Ana", null, "Garcia Lopez", "2009-01-15", Sex.FEMALE),
                student("Ana", null, "Garcia", "2009-01-15", Sex.FEMALE),
                "lastSurname",
                "dropped-part");
        MatchResult reordered = compare(
                student("Ana", null, "Garcia Lopez", "2009-01-15", Sex.FEMALE),
                student("Ana", null, "Lopez Garcia", "2009-01-15", Sex.FEMALE));
        assertThat(reordered.field("lastSurname").comparison()).isEqualTo("parts-reordered");
    }

    @Test
    void nicknamesFromTheTableArePotentialDuplicates() {
        String[][] pairs = {
            {"William", "Bill"},
            {"Bill", "Will"},
            {"Francisco", "Paco"},
            {"Guadalupe", "Lupe"},
            {"Elizabeth", "Liz"},
            {"Jose", "Pepe"},
            {"Jesus", "Chuy"},
            {"Katherine", "Kate"}
        };
        for (String[] pair : pairs) {
            assertPotentialDuplicate(
                    pair[0] + "/" + pair[1],
                    student(pair[0], null, "Rivera", "2013-06-02", null),
                    student(pair[1], null, "Rivera", "2013-06-02", null),
                    "firstName",
                    "nickname");
        }
    }

    @Test
    void aNicknameWithATypoStillCounts() {
        assertPotentialDuplicate(
                "Thomas/Tomm",
                student("Thomas", null, "Phillips", "2020-01-04", Sex.MALE),
                student("Tomm", null, "Phillips", "2020-01-04", Sex.MALE),
                "firstName",
                "nickname-with-typo");
    }

    @Test
    void firstAndLastNamesTransposedIsAPotentialDuplicate() {
        MatchResult r = compare(
                student("Santiago", null, "Tapia", "2018-02-17", Sex.MALE),
                student("Tapia", null, "Santiago", "2018-02-17", Sex.MALE));
        assertThat(r.namesTransposed()).isTrue();
        assertThat(r.field("firstName").comparison()).startsWith("transposed");
        assertThat(r.score()).isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void aMissingMiddleNameNeitherHelpsNorHurts() {
        StudentRecord full = student("Robert", "James", "Anderson", "2009-01-25", Sex.MALE);
        StudentRecord none = student("Robert", null, "Anderson", "2009-01-25", Sex.MALE);
        MatchResult r = compare(full, none);
        assertThat(r.field("middleName")).isNull();
        assertThat(r.score()).isEqualTo(compare(none, none).score());
        MatchResult initial = compare(full, student("Robert", "J", "Anderson", "2009-01-25", Sex.MALE));
        assertThat(initial.field("middleName").comparison()).isEqualTo("initial");
        MatchResult different = compare(full, student("Robert", "Stephen", "Anderson", "2009-01-25", Sex.MALE));
        assertThat(different.field("middleName").comparison()).isEqualTo("different");
        assertThat(different.weight()).isLessThan(r.weight());
    }

    @Test
    void twinsWithDifferentFirstNamesAreNotDuplicates() {
        assertNoDuplicate(
                student("Emily", "Rose", "Carter", "2012-04-09", Sex.FEMALE),
                student("Hannah", "Grace", "Carter", "2012-04-09", Sex.FEMALE),
                "firstName",
                "different");
        assertNoDuplicate(
                student("Daniel", null, "Reyes Soto", "2012-04-09", Sex.MALE),
                student("Daniela", null, "Reyes Soto", "2012-04-09", Sex.FEMALE),
                "sex",
                "different");
    }

    @Test
    void sameNameBornYearsApartAreNotDuplicates() {
        assertNoDuplicate(
                student("Maria", null, "Garcia", "2009-05-14", Sex.FEMALE),
                student("Maria", null, "Garcia", "2013-10-02", Sex.FEMALE),
                "birthDate",
                "different");
        assertThat(matcher.mayReach(
                        matcher.prepare(student("Maria", null, "Garcia", "2009-05-14", null)),
                        matcher.prepare(student("Maria", null, "Garcia", "2013-10-02", null)),
                        THRESHOLD))
                .isFalse();
    }

    @Test
    void agreementOnACommonNameWeighsLessThanOnARareOne() {
        NameFrequencies counts = NameFrequencies.of(
                100_000, Map.of("MARIA", 2_000L, "XIOMARA", 3L), Map.of("GARCIA", 3_000L, "QUINTANILLA", 3L));
        PreparedStudent common = matcher.prepare(student("Maria", null, "Garcia", "2009-05-14", Sex.FEMALE));
        PreparedStudent rare = matcher.prepare(student("Xiomara", null, "Quintanilla", "2009-05-14", Sex.FEMALE));
        MatchResult commonPair = matcher.compare(common, common, counts);
        MatchResult rarePair = matcher.compare(rare, rare, counts);
        assertThat(commonPair.field("firstName").weight()).isLessThan(Weights.FIRST_EXACT);
        assertThat(commonPair.field("lastSurname").weight()).isLessThan(Weights.LAST_EXACT);
        assertThat(rarePair.field("firstName").weight()).isEqualTo(Weights.FIRST_EXACT);
        assertThat(commonPair.score()).isLessThan(rarePair.score());
        // still a duplicate: the same common name and the same birth date
        assertThat(commonPair.score()).isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void oneWrongDigitOfTheBirthDateCountsLessThanAnExactDate() {
        MatchResult r = assertPotentialDuplicate(
                "2010-06-12/2010-06-13",
                student("Gwendolyn", null, "Yarborough", "2010-06-12", null),
                student("Gwendolyn", null, "Yarborough", "2010-06-13", null),
                "birthDate",
                "one-digit");
        assertThat(r.field("birthDate").weight()).isLessThan(Weights.BIRTH_EXACT);
    }

    @Test
    void unknownValuesAreMissingNotDifferent() {
        MatchResult r = compare(
                student("Lucia", null, "Campos", null, null),
                student("Lucia", null, "Campos", "2006-12-14", Sex.FEMALE));
        assertThat(r.field("birthDate").comparison()).isEqualTo("missing");
        assertThat(r.field("sex")).isNull();
        assertThat(r.score()).isBetween(0.0, 1.0);
    }

    @Test
    void sexDescriptorsAreRead() {
        assertThat(Sex.fromDescriptor("uri://ed-fi.org/SexDescriptor#Female")).isEqualTo(Sex.FEMALE);
        assertThat(Sex.fromDescriptor("uri://ed-fi.org/SexDescriptor#Male")).isEqualTo(Sex.MALE);
        assertThat(Sex.fromDescriptor("uri://ed-fi.org/SexDescriptor#Not Selected"))
                .isNull();
        assertThat(Sex.fromDescriptor(null)).isNull();
    }
}
