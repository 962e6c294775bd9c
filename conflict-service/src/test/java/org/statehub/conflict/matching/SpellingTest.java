package org.statehub.conflict.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.BiPredicate;
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

    /** The spelling predicates, by the names the cases use. */
    private static final Map<String, BiPredicate<String, String>> PREDICATES = Map.of(
            "adjacentLettersExchanged", Spelling::adjacentLettersExchanged,
            "initialOf", Spelling::initialOf,
            "genderedVariants", Spelling::genderedVariants);

    @ParameterizedTest(name = "{0}({1}, {2}) is {3} ({4})")
    @CsvSource({
        "adjacentLettersExchanged, 19900512, 19900521, true, two neighbouring letters exchanged are one exchange",
        "adjacentLettersExchanged, JOSE, JOSE, false, equal names exchange nothing",
        "adjacentLettersExchanged, JOSE, JOSEE, false, an added letter is no exchange",
        "initialOf, J, JOHN, true, a single letter is the initial of a longer name starting with it",
        "initialOf, JOHN, J, true, either way round",
        "initialOf, K, JOHN, false, another letter is not its initial",
        "initialOf, J, J, false, a letter is not the initial of itself",
        "genderedVariants, MARIO, MARIA, true, masculine and feminine forms differ only in a final letter",
        "genderedVariants, DANIEL, DANIELA, true, the feminine form adds a final A",
        "genderedVariants, MARIO, MARIE, false, no A",
        "genderedVariants, MARIA, MARTA, false, the letters differ before the last"
    })
    void aSpellingPredicateHoldsOnlyForItsCase(String predicate, String a, String b, boolean holds, String rule) {
        assertThat(PREDICATES.get(predicate).test(a, b)).as(rule).isEqualTo(holds);
    }
}
