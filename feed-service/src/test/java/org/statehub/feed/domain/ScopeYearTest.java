package org.statehub.feed.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statehub.feed.domain.ScopeYears.Span;
import org.statehub.feed.domain.ScopeYears.Window;

/**
 * The scope-year rule of decision 0020 (the Minnesota document's "Scope Year Logic", seed 003 lines 77-95) with
 * the years 2024..2027 configured and today 2025-11-15 on a fixed clock: 2024 and 2025 are past years, 2026
 * (2025-07-01..2026-06-30) the current one, 2027 a future one.
 */
class ScopeYearTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 11, 15);
    private static final List<Integer> YEARS = List.of(2024, 2025, 2026, 2027);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ScopeYears on(LocalDate today) {
        return ScopeYears.of(YEARS, Map.of(), clock(today));
    }

    private static Clock clock(LocalDate today) {
        return Clock.fixed(today.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private final ScopeYears rule = on(TODAY);

    private static List<Integer> years(String list) {
        return list.isBlank()
                ? List.of()
                : java.util.Arrays.stream(list.split(" ")).map(Integer::valueOf).toList();
    }

    private static Span span(String start, String end) {
        return new Span(LocalDate.parse(start), end == null ? null : LocalDate.parse(end));
    }

    @Test
    void aYearRunsFromJulyFirstToJuneThirtiethByDefaultNamedByItsEndingYear() {
        assertThat(Window.of(2026)).isEqualTo(new Window(2026, LocalDate.of(2025, 7, 1), LocalDate.of(2026, 6, 30)));
        assertThat(rule.years()).extracting(Window::schoolYear).containsExactly(2024, 2025, 2026, 2027);
    }

    /**
     * A single date: the current year when on or before today; a past year when on or before its end date; a future
     * year when on or after its start date.
     */
    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "2025-10-01 | 2026", // earlier this year: the current year only
                "2025-11-15 | 2026", // today
                "2025-12-01 | ''", // later this year: not yet in the current year, not in a future one
                "2025-06-30 | 2025 2026", // a past year's end date: that year, and the current year
                "2025-07-01 | 2026", // the current year's first day is after 2025's end
                "2024-03-10 | 2024 2025 2026", // on or before the end of both past years, and before today
                "2026-07-01 | 2027", // a future year's start date
                "2026-06-30 | ''", // after today, before 2027 starts
                "2019-09-01 | 2024 2025 2026", // before every year: each past year, and the current one
            })
    void aSingleDateFollowsTheSeedsRulesForCurrentPastAndFutureYears(String date, String expected) {
        assertThat(rule.ofDate(LocalDate.parse(date))).containsExactlyElementsOf(years(expected));
    }

    @Test
    void todayComesFromTheClockSoTheCurrentYearMovesWithIt() {
        LocalDate date = LocalDate.of(2025, 12, 1);
        assertThat(on(TODAY).ofDate(date)).isEmpty();
        assertThat(on(LocalDate.of(2025, 12, 1)).ofDate(date)).containsExactly(2026);
        // a year later 2026 is past and 2027 current
        assertThat(on(LocalDate.of(2026, 8, 1)).ofDate(LocalDate.of(2026, 5, 1)))
                .containsExactly(2026, 2027);
    }

    /** A span: every configured year it overlaps, the end open when absent. */
    @ParameterizedTest(name = "{0}..{1} -> [{2}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-08-20 | 2025-05-30 | 2025", // one whole year
                "2024-08-20 | 2025-10-15 | 2025 2026", // an enrollment spanning two years
                "2024-08-20 |            | 2025 2026 2027", // open: up to the future year
                "2025-07-01 | 2025-09-01 | 2026", // starts on the current year's first day
                "2025-03-01 | 2025-07-01 | 2025 2026", // ends on the current year's first day
                "2025-08-20 | 2025-10-01 | 2026", // withdrawn this year before today: still this year's
                "2026-08-20 |            | 2027", // enrolled for next year
                "2019-08-20 | 2020-06-01 | ''", // no configured year
            })
    void aSpanBelongsToTheYearsItOverlaps(String start, String end, String expected) {
        assertThat(rule.ofSpan(span(start, end))).containsExactlyElementsOf(years(expected));
    }

    @Test
    void aYearsConfiguredStartAndEndReplaceTheDefaults() {
        ScopeYears configured = ScopeYears.of(
                YEARS,
                Map.of(
                        2026, new Window(2026, LocalDate.of(2025, 8, 1), LocalDate.of(2026, 6, 5)),
                        2025, new Window(2025, LocalDate.of(2024, 8, 1), LocalDate.of(2025, 6, 10))),
                clock(TODAY));
        // July 2025 is in no year: 2025 ended on 06-10, 2026 starts on 08-01
        assertThat(configured.ofSpan(span("2025-07-01", "2025-07-20"))).isEmpty();
        assertThat(configured.ofSpan(span("2025-06-01", "2025-07-20"))).containsExactly(2025);
        // a single date after 2025's configured end belongs to the current year only
        assertThat(configured.ofDate(LocalDate.of(2025, 6, 20))).containsExactly(2026);
        assertThat(configured.ofDate(LocalDate.of(2025, 6, 10))).containsExactly(2025, 2026);
    }

    @Test
    void anEnrollmentRecordIsItsSpanAndAnEnrollmentWithoutExitIsOpen() {
        ObjectNode enrollment = JSON.createObjectNode().put("entryDate", "2024-08-20");
        assertThat(rule.of("studentSchoolAssociations", enrollment, List.of())).containsExactly(2025, 2026, 2027);
        enrollment.put("exitWithdrawDate", "2025-10-15");
        assertThat(rule.of("studentSchoolAssociations", enrollment, List.of())).containsExactly(2025, 2026);
    }

    @Test
    void studentsContactsAndTheirAssociationsFollowTheStudentsEnrollments() {
        List<Span> enrollments = List.of(span("2023-08-20", "2024-05-30"), span("2025-08-20", "2026-06-05"));
        for (String resource : List.of(
                "students", "contacts", "studentEducationOrganizationAssociations", "studentContactAssociations")) {
            assertThat(rule.of(resource, JSON.createObjectNode(), enrollments))
                    .as(resource)
                    .containsExactly(2024, 2026);
            assertThat(rule.of(resource, JSON.createObjectNode(), List.of()))
                    .as(resource + " without enrollments")
                    .isEmpty();
        }
    }

    @Test
    void aSingleDateRecordOfAStudentBelongsToTheYearsOfTheEnrollmentHoldingItsDate() {
        List<Span> enrollments = List.of(span("2024-08-20", "2025-05-30"), span("2025-08-20", null));
        // the seed's single-date rule alone would give 2025 and 2026 for last year's event
        assertThat(rule.ofDate(LocalDate.of(2024, 10, 1))).containsExactly(2025, 2026);
        assertThat(rule.of("studentSchoolAttendanceEvents", event("2024-10-01"), enrollments))
                .containsExactly(2025);
        // this year's event: the open enrollment reaches 2027 too, but a past date is not a future year's
        assertThat(rule.of("studentSchoolAttendanceEvents", event("2025-10-01"), enrollments))
                .containsExactly(2026);
        // an enrollment open since 2024: last year's event stays last year's, though the rule allows 2026 too
        List<Span> open = List.of(span("2024-08-20", null));
        assertThat(rule.of("studentSchoolAttendanceEvents", event("2024-10-01"), open))
                .containsExactly(2025);
        assertThat(rule.ofEvent(LocalDate.of(2024, 10, 1))).containsExactly(2025);
        // a date no enrollment holds (the summer between them) belongs to no year
        assertThat(rule.of("studentSchoolAttendanceEvents", event("2025-07-15"), enrollments))
                .isEmpty();
    }

    private static ObjectNode event(String date) {
        return JSON.createObjectNode().put("eventDate", date);
    }

    @Test
    void sessionsBelongToTheYearTheyNameAndOrganizationsToEveryYear() {
        ObjectNode session = JSON.createObjectNode();
        session.putObject("schoolYearTypeReference").put("schoolYear", 2026);
        assertThat(rule.of("sessions", session, List.of())).containsExactly(2026);
        session.putObject("schoolYearTypeReference").put("schoolYear", 2030);
        assertThat(rule.of("sessions", session, List.of())).isEmpty();
        assertThat(rule.of("schools", JSON.createObjectNode(), List.of())).containsExactly(2024, 2025, 2026, 2027);
    }

    @Test
    void impossibleConfigurationsAndSpansAreRefused() {
        assertThatThrownBy(() -> new Window(2026, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 6, 30)))
                .hasMessageContaining("School year 2026 starts (2026-07-01) after it ends (2026-06-30)");
        assertThatThrownBy(() -> new ScopeYears(List.of(Window.of(2026), Window.of(2026)), clock(TODAY)))
                .hasMessageContaining("School year 2026 is configured twice");
        assertThatThrownBy(() -> span("2025-09-01", "2025-08-01"))
                .hasMessageContaining("cannot end (2025-08-01) before it starts (2025-09-01)");
    }
}
