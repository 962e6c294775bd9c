package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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

    @Test
    void firstNameOutcomes() {
        assertThat(first("José", "JOSE")).isEqualTo("exact");
        assertThat(first("Thomas", "Tom")).isEqualTo("nickname");
        assertThat(first("Tomm", "Thomas")).isEqualTo("nickname-with-typo");
        assertThat(first("Mary Ann", "Mary")).isEqualTo("compound-part");
        assertThat(first("Jose", "Joes")).isEqualTo("typo");
        assertThat(first("J", "Jonathan")).isEqualTo("initial");
        assertThat(first("Ana", "Beatriz")).isEqualTo("different");
        assertThat(first("", "Ana")).isEqualTo("missing");
    }

    @Test
    void aBrotherAndASisterAreGenderedVariantsNotATypo() {
        FieldEvidence twins = names.first(student("Mario", null, Sex.MALE), student("Maria", null, Sex.FEMALE));
        assertThat(twins.comparison()).isEqualTo("gendered-variant");
        assertThat(twins.weight()).isEqualTo(Weights.FIRST_GENDERED_VARIANT);
        assertThat(names.first(student("Mario", null, Sex.MALE), student("Maria", null, Sex.MALE))
                        .comparison())
                .as("the same sex recorded: a typo")
                .isEqualTo("typo");
    }

    @Test
    void aStudentGoingByTheMiddleNameIsRecognised() {
        FieldEvidence first = names.first(student("Lee", null, null), student("John", "Lee", null));
        assertThat(first.comparison()).isEqualTo("recorded-as-middle-name");
        assertThat(first.weight()).isEqualTo(Weights.FIRST_AS_MIDDLE);
    }

    @Test
    void middleNameOutcomesAndAMissingOneSaysNothing() {
        assertThat(middle("Lucia", "Lucia")).isEqualTo("exact");
        assertThat(middle("L", "Lucia")).isEqualTo("initial");
        assertThat(middle("Lucia", "Luzia")).isEqualTo("similar");
        assertThat(middle("Lucia", "Beatriz")).isEqualTo("different");
        assertThat(names.middle(student("Ana", null, null), student("Ana", "Lucia", null)))
                .isNull();
    }
}
