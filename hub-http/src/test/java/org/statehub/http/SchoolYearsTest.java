package org.statehub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The year settings a deployment gives (docs/decisions/0020, part 5), and the start-up refusals of wrong ones. */
class SchoolYearsTest {

    @Test
    void withoutYearsThereIsOneDataSpace() {
        SchoolYears none = new SchoolYears("none", List.of());
        assertThat(none.enabled()).isFalse();
        assertThat(none.serves("2026")).isFalse();
    }

    @Test
    void theYearsServedAreKeptInOrderOnce() {
        SchoolYears years = new SchoolYears(" school-year ", List.of("2027", " 2026", "2027", ""));
        assertThat(years.enabled()).isTrue();
        assertThat(years.years()).containsExactly("2026", "2027");
        assertThat(years.serves("2026")).isTrue();
        assertThat(years.serves("2028")).isFalse();
    }

    @Test
    void aSettingThatMakesNoSenseStopsTheStartSayingWhy() {
        assertThatThrownBy(() -> new SchoolYears("none", List.of("2026")))
                .hasMessageContaining("HUB_YEARS")
                .hasMessageContaining("school-year");
        assertThatThrownBy(() -> new SchoolYears("school-year", List.of())).hasMessageContaining("names no year");
        assertThatThrownBy(() -> new SchoolYears("school-year", List.of("26"))).hasMessageContaining("'26'");
        assertThatThrownBy(() -> new SchoolYears("school-year", List.of("1999")))
                .hasMessageContaining("2000-2099");
        assertThatThrownBy(() -> new SchoolYears("district", List.of())).hasMessageContaining("none or school-year");
    }
}
