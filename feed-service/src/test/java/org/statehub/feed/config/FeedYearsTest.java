package org.statehub.feed.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.feed.domain.ScopeYears.Window;
import org.statehub.http.SchoolYears;

/** feed-service's school-year settings (decision 0020, step 19): the hub's years, their dates, and refusals. */
class FeedYearsTest {

    private static final SchoolYears SERVED = new SchoolYears("school-year", List.of("2026", "2027"));

    private static FeedYears years(String... dates) {
        return new FeedYears(SERVED, List.of(dates), Clock.systemUTC());
    }

    @Test
    void withoutYearsNothingIsPerYear() {
        assertThat(FeedYears.off().enabled()).isFalse();
        assertThat(FeedYears.off().years()).isEmpty();
    }

    @Test
    void theHubsYearsRunFromJulyToJuneUnlessTheirDatesAreGiven() {
        FeedYears years = years(" 2027 = 2026-08-15..2027-06-04 ", "");
        assertThat(years.enabled()).isTrue();
        assertThat(years.years()).containsExactly(2026, 2027);
        assertThat(years.rule(List.of(2025, 2026, 2027)).years())
                .containsExactly(
                        Window.of(2026), new Window(2027, LocalDate.of(2026, 8, 15), LocalDate.of(2027, 6, 4)));
        // a connection's school years narrow the years its records go to
        assertThat(years.rule(List.of(2027)).everyYear()).containsExactly(2027);
        assertThat(years.rule(List.of(2024)).everyYear()).isEmpty();
    }

    @Test
    void aYearTheGatewayServesBeyondTheSettingsIsPublishedToWithItsDates() {
        List<String> gateway = new java.util.ArrayList<>(List.of("2026", "2027"));
        FeedYears years =
                new FeedYears(SERVED, List.of("2028=2027-08-16..2028-06-02"), Clock.systemUTC(), () -> gateway);
        assertThat(years.years()).containsExactly(2026, 2027);
        gateway.add("2028"); // an administrator created the year's ODS instance
        assertThat(years.years()).containsExactly(2026, 2027, 2028);
        assertThat(years.rule(List.of(2027, 2028)).years())
                .containsExactly(
                        Window.of(2027), new Window(2028, LocalDate.of(2027, 8, 16), LocalDate.of(2028, 6, 2)));
    }

    @Test
    void settingsThatMakeNoSenseStopTheStartSayingWhy() {
        assertThatThrownBy(() -> new FeedYears(
                        new SchoolYears("none", List.of()), List.of("2026=2025-07-01..2026-06-30"), Clock.systemUTC()))
                .hasMessageContaining("keeps no school years apart");
        assertThatThrownBy(() -> years("2026:2025-07-01-2026-06-30")).hasMessageContaining("YEAR=FIRST..LAST");
        assertThatThrownBy(() -> years("1999=1998-07-01..1999-06-30")).hasMessageContaining("2000-2099");
        assertThatThrownBy(() -> years("2026=2025-07-01..2026-02-30")).hasMessageContaining("2026-02-30");
        assertThatThrownBy(() -> years("2026=2026-07-01..2026-06-30")).hasMessageContaining("after it ends");
        assertThatThrownBy(() -> years("2026=2025-07-01..2026-06-30", "2026=2025-08-01..2026-06-30"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> years("2026=2025-07-01..2026-07-15"))
                .hasMessageContaining("School year 2027 starts (2026-07-01) before 2026 ends (2026-07-15)");
        // a year not served yet (created later through the Admin API) is checked against its neighbours too
        assertThatThrownBy(() -> years("2029=2028-06-20..2029-06-30"))
                .hasMessageContaining("School year 2029 starts (2028-06-20) before 2028 ends (2028-06-30)");
    }
}
