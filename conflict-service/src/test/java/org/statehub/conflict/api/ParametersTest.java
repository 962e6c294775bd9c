package org.statehub.conflict.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worklist APIs' parameters, read alike by the duplicates, conflicts and merges resources. */
class ParametersTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void idsArePositiveWholeNumbers() {
        assertThat(Parameters.id("42")).isEqualTo(42L);
        assertThat(Parameters.id("0")).isNull();
        assertThat(Parameters.id("-3")).isNull();
        assertThat(Parameters.id("x")).isNull();
        assertThat(Parameters.id("99999999999999999999")).isNull();
    }

    @Test
    void numbersAreCheckedAgainstTheirRangeAndEveryProblemIsNamed() {
        List<String> errors = new ArrayList<>();
        assertThat(Parameters.number(null, "limit", 1, 500, 25L, errors)).isEqualTo(25L);
        assertThat(Parameters.number(" 7 ", "limit", 1, 500, 25L, errors)).isEqualTo(7L);
        assertThat(errors).isEmpty();
        assertThat(Parameters.number("501", "limit", 1, 500, 25L, errors)).isEqualTo(25L);
        assertThat(Parameters.number("ten", "offset", 0, 10, 0L, errors)).isEqualTo(0L);
        assertThat(errors).containsExactly("limit must be between 1 and 500.", "offset must be a whole number.");
    }

    @Test
    void aPageIsTwentyFiveFromTheStartUnlessSaidAndBothBoundsAreChecked() {
        List<String> errors = new ArrayList<>();
        assertThat(Parameters.page(null, null, errors)).isEqualTo(new Parameters.Page(25, 0));
        assertThat(Parameters.page("500", "1000000", errors)).isEqualTo(new Parameters.Page(500, 1_000_000));
        assertThat(Parameters.minAgeDays(null, errors)).isZero();
        assertThat(Parameters.minAgeDays("36500", errors)).isEqualTo(36_500);
        assertThat(errors).isEmpty();
        assertThat(Parameters.page("0", "-1", errors)).isEqualTo(new Parameters.Page(25, 0));
        assertThat(Parameters.minAgeDays("36501", errors)).isZero();
        assertThat(errors)
                .containsExactly(
                        "limit must be between 1 and 500.",
                        "offset must be between 0 and 1000000.",
                        "minAgeDays must be between 0 and 36500.");
    }

    @Test
    void aStateIsOneOfTheAllowedOrAll() {
        List<String> allowed = List.of("open", "resolved", "closed");
        List<String> errors = new ArrayList<>();
        assertThat(Parameters.states(null, "open", allowed, errors)).containsExactly("open");
        assertThat(Parameters.states("closed", "open", allowed, errors)).containsExactly("closed");
        assertThat(Parameters.states("all", "open", allowed, errors)).isEqualTo(allowed);
        assertThat(Parameters.states(null, "all", allowed, errors)).isEqualTo(allowed);
        assertThat(errors).isEmpty();
        assertThat(Parameters.states("OPEN", "open", allowed, errors)).isEmpty();
        assertThat(errors).containsExactly("state must be one of open, resolved, closed, all.");
    }

    @Test
    void aNoteIsRequiredWhereSaidTextAndAtMostTwoThousandCharacters() throws Exception {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        assertThat(Parameters.note(mapper.readTree("{\"note\": \"  same person  \"}"), true, "say why", errors))
                .isEqualTo("same person");
        assertThat(Parameters.note(mapper.readTree("{}"), false, "say why", errors))
                .isNull();
        assertThat(errors).isEmpty();

        assertThat(Parameters.note(mapper.readTree("{\"note\": \" \"}"), true, "say why", errors))
                .isNull();
        assertThat(errors).containsEntry("$.note", List.of("note is required: say why."));
        errors.clear();
        assertThat(Parameters.note(mapper.readTree("{\"note\": 5}"), true, "say why", errors))
                .isNull();
        assertThat(errors).containsEntry("$.note", List.of("note must be text."));
        errors.clear();
        String long_ = "x".repeat(Parameters.MAX_NOTE + 1);
        assertThat(Parameters.note(mapper.readTree("{\"note\": \"" + long_ + "\"}"), true, "say why", errors))
                .isNull();
        assertThat(errors).containsEntry("$.note", List.of("note is longer than 2000 characters."));
        errors.clear();
        assertThat(Parameters.note(null, true, "say why", errors)).isNull();
        assertThat(errors).containsKey("$.note");
    }
}
