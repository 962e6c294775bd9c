package org.statehub.conflict.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.conflict.matching.Matcher;
import org.statehub.conflict.matching.Nicknames;

/** The benchmark's measure on a small labelled set (bench/matcher-quality.sh runs it on 100,000). */
class MatcherQualityTest {

    @Test
    void onASmallLabelledSetPrecisionAndRecallStayAboveTheTargets() {
        MatcherQuality.Quality q =
                MatcherQuality.measure(Matcher.standard(), 42, 10_000, Matcher.DEFAULT_THRESHOLD, 1000);
        assertThat(q.truePairs()).isGreaterThan(900);
        assertThat(q.precision()).isGreaterThanOrEqualTo(0.97);
        assertThat(q.recall()).isGreaterThanOrEqualTo(0.93);
        assertThat(q.recallByCorruption())
                .containsKeys(
                        "nickname",
                        "first-name-typo",
                        "last-name-typo",
                        "day-month-swapped",
                        "second-surname-dropped",
                        "hyphenation-changed",
                        "names-transposed",
                        "middle-name-missing");
    }

    /**
     * The harsh corruptions (issue 18 item 5) add their kinds of error to the standard ones, deterministically;
     * the standard corruptions have none of them.
     */
    @Test
    void theHarshGeneratorAddsItsKindsOfErrorToTheStandardOnes() {
        var harsh = new SyntheticStudents(7, Nicknames.standard(), SyntheticStudents.Corruptions.HARSH);
        List<SyntheticStudents.Labelled> records = harsh.generate(20_000);
        assertThat(records)
                .isEqualTo(new SyntheticStudents(7, Nicknames.standard(), SyntheticStudents.Corruptions.HARSH)
                        .generate(20_000));
        assertThat(records.stream().flatMap(l -> l.corruptions().stream()).distinct())
                .contains(
                        "first-name-replaced",
                        "last-name-replaced",
                        "first-name-ocr",
                        "last-name-ocr",
                        "first-name-second-typo",
                        "birth-date-digits",
                        "names-transposed");
        assertThat(new SyntheticStudents(7, Nicknames.standard(), SyntheticStudents.Corruptions.STANDARD)
                        .generate(2000))
                .isEqualTo(new SyntheticStudents(7, Nicknames.standard()).generate(2000))
                .allSatisfy(l -> assertThat(l.corruptions())
                        .doesNotContain("first-name-replaced", "last-name-ocr", "birth-date-digits"));
    }

    @Test
    void theGeneratorIsDeterministicAndLabelsDuplicatesTwinsAndSiblings() {
        List<SyntheticStudents.Labelled> first = new SyntheticStudents(7, Nicknames.standard()).generate(2000);
        List<SyntheticStudents.Labelled> again = new SyntheticStudents(7, Nicknames.standard()).generate(2000);
        assertThat(first).isEqualTo(again);
        long people = first.stream()
                .map(SyntheticStudents.Labelled::personId)
                .distinct()
                .count();
        assertThat(people).isEqualTo(2000 - Math.round(2000 * SyntheticStudents.DUPLICATE_SHARE));
        assertThat(first.stream().filter(l -> !l.corruptions().isEmpty()).count())
                .isGreaterThan(100);
    }
}
