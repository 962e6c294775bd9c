package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statehub.conflict.matching.StudentRecord.Sex;

/** The first- and middle-name rules alone, with the standard nickname table. */
class GivenNamesTest {

    private final GivenNames names = new GivenNames(Nicknames.standard());

    private static PreparedStudent student(String first, String middle, Sex sex) {
        return new PreparedStudent(
                new StudentRecord("x", "u", first, middle, "Garcia", null, sex), Nicknames.standard());
    }

    private String first(String a, String b) {
        return names.first(student(a, null, null), student(b, null, null)).comparison();
    }

    private String middle(String a, String b) {
        return names.middle(student("Ana", a, null), student("Ana", b, null)).comparison();
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
        "José, JOSE, exact",
        "Thomas, Tom, nickname",
        "Tomm, Thomas, nickname-with-typo",
        "Mary Ann, Mary, compound-part",
        "Jose, Joes, typo",
        "J, Jonathan, initial",
        "Ana, Beatriz, different",
        "'', Ana, missing"
    })
    void firstNameOutcomes(String a, String b, String comparison) {
        assertThat(first(a, b)).isEqualTo(comparison);
    }

    @Test
    void aBrotherAndASisterAreGenderedVariantsNotATypo() {
        FieldEvidence twins = names.first(student("Mario", null, Sex.MALE), student("Maria", null, Sex.FEMALE));
        assertThat(twins.comparison()).isEqualTo("gendered-variant");
        assertThat(twins.weight()).isEqualTo(Weight.FIRST_GENDERED_VARIANT.value());
        assertThat(names.first(student("Mario", null, Sex.MALE), student("Maria", null, Sex.MALE))
                        .comparison())
                .as("the same sex recorded: a typo")
                .isEqualTo("typo");
    }

    @Test
    void aStudentGoingByTheMiddleNameIsRecognised() {
        FieldEvidence first = names.first(student("Lee", null, null), student("John", "Lee", null));
        assertThat(first.comparison()).isEqualTo("recorded-as-middle-name");
        assertThat(first.weight()).isEqualTo(Weight.FIRST_AS_MIDDLE.value());
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({"Lucia, Lucia, exact", "L, Lucia, initial", "Lucia, Luzia, similar", "Lucia, Beatriz, different"})
    void middleNameOutcomes(String a, String b, String comparison) {
        assertThat(middle(a, b)).isEqualTo(comparison);
    }

    @Test
    void aMissingMiddleNameSaysNothing() {
        assertThat(names.middle(student("Ana", null, null), student("Ana", "Lucia", null)))
                .isNull();
    }
}
