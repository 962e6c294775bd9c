package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spelling rules the matcher's field comparisons share, without a student or a database. */
class SpellingTest {

    @ParameterizedTest(name = "{0} / {1}: {2} ({3})")
    @CsvSource({
        "MARTINEZ, MARTINES, 1, one edit between names of three letters or more is a typo",
        "ANA, ANNA, 1, one edit between names of three letters or more is a typo",
        "AL, AN, 0, too short to tell from another name",
        "JOES, JOSE, 1, two neighbouring letters exchanged count as one typo",
        "CHRISTOPHER, CRISTOPHR, 2, two edits are a weaker typo only between long similar names",
        "LUIS, LUCA, 0, short names two edits apart are different",
        "GARCIA, GARCIA, 0, equal names are no typo"
    })
    void aTypoIsCountedInEdits(String a, String b, int edits, String rule) {
        assertThat(Spelling.typo(a, b)).as(rule).isEqualTo(edits);
    }

    @Test
    void twoNeighbouringLettersExchangedAreOneExchange() {
        assertThat(Spelling.adjacentLettersExchanged("19900512", "19900521")).isTrue();
        assertThat(Spelling.adjacentLettersExchanged("JOSE", "JOSE")).isFalse();
        assertThat(Spelling.adjacentLettersExchanged("JOSE", "JOSEE")).isFalse();
    }

    @Test
    void aSingleLetterIsTheInitialOfALongerNameStartingWithIt() {
        assertThat(Spelling.initialOf("J", "JOHN")).isTrue();
        assertThat(Spelling.initialOf("JOHN", "J")).isTrue();
        assertThat(Spelling.initialOf("K", "JOHN")).isFalse();
        assertThat(Spelling.initialOf("J", "J")).isFalse();
    }

    @Test
    void masculineAndFeminineFormsDifferOnlyInAFinalLetterOneOfThemAnA() {
        assertThat(Spelling.genderedVariants("MARIO", "MARIA")).isTrue();
        assertThat(Spelling.genderedVariants("DANIEL", "DANIELA")).isTrue();
        assertThat(Spelling.genderedVariants("MARIO", "MARIE")).as("no A").isFalse();
        assertThat(Spelling.genderedVariants("MARIA", "MARTA")).isFalse();
    }
}
