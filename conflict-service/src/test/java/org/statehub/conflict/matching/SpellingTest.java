package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The spelling rules the matcher's field comparisons share, without a student or a database. */
class SpellingTest {

    @Test
    void oneEditBetweenNamesOfThreeLettersOrMoreIsATypo() {
        assertThat(Spelling.typo("MARTINEZ", "MARTINES")).isEqualTo(1);
        assertThat(Spelling.typo("ANA", "ANNA")).isEqualTo(1);
        assertThat(Spelling.typo("AL", "AN"))
                .as("too short to tell from another name")
                .isZero();
    }

    @Test
    void twoNeighbouringLettersExchangedCountAsOneTypo() {
        assertThat(Spelling.typo("JOES", "JOSE")).isEqualTo(1);
        assertThat(Spelling.adjacentLettersExchanged("19900512", "19900521")).isTrue();
        assertThat(Spelling.adjacentLettersExchanged("JOSE", "JOSE")).isFalse();
        assertThat(Spelling.adjacentLettersExchanged("JOSE", "JOSEE")).isFalse();
    }

    @Test
    void twoEditsAreAWeakerTypoOnlyBetweenLongSimilarNames() {
        assertThat(Spelling.typo("CHRISTOPHER", "CRISTOPHR")).isEqualTo(2);
        assertThat(Spelling.typo("LUIS", "LUCA"))
                .as("short names two edits apart are different")
                .isZero();
    }

    @Test
    void equalNamesAreNoTypo() {
        assertThat(Spelling.typo("GARCIA", "GARCIA")).isZero();
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
