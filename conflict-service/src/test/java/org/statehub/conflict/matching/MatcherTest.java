package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** A student of a case table: {@code sex} empty when unknown. */
    private static StudentRecord student(String first, String last, String birth, String sex) {
        return student(first, null, last, birth, sex == null ? null : Sex.valueOf(sex));
    }

    /**
     * The pairs that reach the threshold of a potential duplicate: the two students (the same sex) and how the field
     * that differs compares.
     */
    @ParameterizedTest(name = "{0} {1} / {2} {3}: {7} {8}")
    @CsvSource({
        "Michael, Thompson, Micheal, Thompson, 2011-09-23, 2011-09-23, MALE, firstName, typo",
        "Michael, Thompson, Michal, Thompson, 2011-09-23, 2011-09-23, MALE, firstName, typo",
        "Michael, Thompson, Mkchael, Thompson, 2011-09-23, 2011-09-23, MALE, firstName, typo",
        "Michael, Thompson, Michaell, Thompson, 2011-09-23, 2011-09-23, MALE, firstName, typo",
        "Fernanda, Ortiz, Fernanda, Otriz, 2014-12-17, 2014-12-17, FEMALE, lastSurname, typo",
        "Karen, Walsh, Karen, Walsh, 2012-03-07, 2012-07-03, FEMALE, birthDate, day-month-swapped",
        "Ana, Garcia Lopez, Ana, Garcia, 2009-01-15, 2009-01-15, FEMALE, lastSurname, dropped-part",
        "William, Rivera, Bill, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Bill, Rivera, Will, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Francisco, Rivera, Paco, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Guadalupe, Rivera, Lupe, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Elizabeth, Rivera, Liz, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Jose, Rivera, Pepe, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Jesus, Rivera, Chuy, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Katherine, Rivera, Kate, Rivera, 2013-06-02, 2013-06-02, , firstName, nickname",
        "Thomas, Phillips, Tomm, Phillips, 2020-01-04, 2020-01-04, MALE, firstName, nickname-with-typo",
        "Gwendolyn, Yarborough, Gwendolyn, Yarborough, 2010-06-12, 2010-06-13, , birthDate, one-digit"
    })
    void aPotentialDuplicate(
            String firstA,
            String lastA,
            String firstB,
            String lastB,
            String birthA,
            String birthB,
            String sex,
            String field,
            String comparison) {
        MatchResult r = compare(student(firstA, lastA, birthA, sex), student(firstB, lastB, birthB, sex));
        assertThat(r.field(field).comparison()).isEqualTo(comparison);
        assertThat(r.score()).isGreaterThanOrEqualTo(THRESHOLD);
    }

    /** The pairs that stay below the threshold: the two students and how the field that tells them apart compares. */
    @ParameterizedTest(name = "{0} {1} / {4} {5}: {8} {9}")
    @CsvSource({
        "Emily, Rose, Carter, FEMALE, Hannah, Grace, Carter, FEMALE, 2012-04-09, 2012-04-09, firstName, different",
        "Daniel, , Reyes Soto, MALE, Daniela, , Reyes Soto, FEMALE, 2012-04-09, 2012-04-09, sex, different",
        "Maria, , Garcia, FEMALE, Maria, , Garcia, FEMALE, 2009-05-14, 2013-10-02, birthDate, different"
    })
    void notADuplicate(
            String firstA,
            String middleA,
            String lastA,
            Sex sexA,
            String firstB,
            String middleB,
            String lastB,
            Sex sexB,
            String birthA,
            String birthB,
            String field,
            String comparison) {
        MatchResult r =
                compare(student(firstA, middleA, lastA, birthA, sexA), student(firstB, middleB, lastB, birthB, sexB));
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

    /** How one field of two students compares (case, accents, punctuation and hyphens folded; parts of a name). */
    @ParameterizedTest(name = "{0} {1} / {4} {5}: {8} {9}")
    @CsvSource(
            quoteCharacter = '"',
            value = {
                "JOSÉ, Núñez, 2010-03-04, MALE, jose, NUNEZ, 2010-03-04, MALE, firstName, exact",
                "JOSÉ, Núñez, 2010-03-04, MALE, jose, NUNEZ, 2010-03-04, MALE, lastSurname, exact",
                "Sean, O'Brien, 2010-03-04, , Sean, OBrien, 2010-03-04, , lastSurname, exact",
                "Ana, Garcia Lopez, 2009-01-15, FEMALE, Ana, Garcia-Lopez, 2009-01-15, FEMALE, lastSurname, exact",
                "Ana, De la Rosa, 2009-01-15, FEMALE, Ana, Delarosa, 2009-01-15, FEMALE, lastSurname, exact",
                "Ana, Garcia Lopez, 2009-01-15, FEMALE, Ana, Lopez Garcia, 2009-01-15, FEMALE, lastSurname, parts-reordered",
                "Lucia, Campos, , , Lucia, Campos, 2006-12-14, FEMALE, birthDate, missing"
            })
    void aFieldComparesAs(
            String firstA,
            String lastA,
            String birthA,
            Sex sexA,
            String firstB,
            String lastB,
            String birthB,
            Sex sexB,
            String field,
            String comparison) {
        MatchResult r = compare(student(firstA, null, lastA, birthA, sexA), student(firstB, null, lastB, birthB, sexB));
        assertThat(r.field(field).comparison()).isEqualTo(comparison);
    }

    @Test
    void twoSurnamesWithOrWithoutHyphenScoreOne() {
        assertThat(compare(
                                student("Ana", null, "Garcia Lopez", "2009-01-15", Sex.FEMALE),
                                student("Ana", null, "Garcia-Lopez", "2009-01-15", Sex.FEMALE))
                        .score())
                .isEqualTo(1.0);
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
    void sameNameBornYearsApartCannotReachTheThreshold() {
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
        assertThat(commonPair.field("firstName").weight()).isLessThan(Weight.FIRST_EXACT.value());
        assertThat(commonPair.field("lastSurname").weight()).isLessThan(Weight.LAST_EXACT.value());
        assertThat(rarePair.field("firstName").weight()).isEqualTo(Weight.FIRST_EXACT.value());
        assertThat(commonPair.score()).isLessThan(rarePair.score());
        // still a duplicate: the same common name and the same birth date
        assertThat(commonPair.score()).isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void oneWrongDigitOfTheBirthDateCountsLessThanAnExactDate() {
        assertThat(compare(
                                student("Gwendolyn", null, "Yarborough", "2010-06-12", null),
                                student("Gwendolyn", null, "Yarborough", "2010-06-13", null))
                        .field("birthDate")
                        .weight())
                .isLessThan(Weight.BIRTH_EXACT.value());
    }

    @Test
    void unknownValuesAreMissingNotDifferent() {
        MatchResult r = compare(
                student("Lucia", null, "Campos", null, null),
                student("Lucia", null, "Campos", "2006-12-14", Sex.FEMALE));
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
