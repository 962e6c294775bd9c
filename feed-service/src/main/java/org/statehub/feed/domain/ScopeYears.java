package org.statehub.feed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The scope-year rule (decision 0020, "School-year instances"; the Minnesota document's "Scope Year Logic", seed
 * 003 lines 77-95): to which of the configured school years a record belongs. Only configured years are ever
 * chosen ("data will only send for the years that have valid configuration"); a year runs from 07-01 to 06-30 and is
 * named by its ending year unless its start and end are configured. Which year is the current one, and which are
 * past or future, follows from today's date, read from the clock this rule is given.
 *
 * <ul>
 *   <li>A single date (a record with one date): the current year when the date is on or before today; a past year
 *       when it is on or before the year's end date; a future year when it is on or after the year's start date.
 *   <li>A span (a record with start and end dates, the end open when absent): every year it overlaps, start on or
 *       before the year's end and end on or after the year's start. (The document's wording for the current and
 *       past years, "start on or before today and end on or after today", "end after the year's end date", would
 *       leave an enrollment that ended during a year out of that year; its own first rule, "the enrollment must
 *       overlap with the scope year", is what is applied.)
 *   <li>A record follows the enrollment it belongs to: an enrollment its own span; a single-date record of a
 *       student (an attendance event) the years of the student's enrollments that hold its date, of those the
 *       single-date rule allows, in the year whose days hold the date; a student, its SEOAs and contact associations every year of any of the student's
 *       enrollments; a contact every year of its students' enrollments; a session or calendar the year it names;
 *       anything else (education organizations, descriptors) every configured year.
 * </ul>
 */
public final class ScopeYears {

    /** One configured school year: its name (the ending year) and its first and last days. */
    public record Window(int schoolYear, LocalDate start, LocalDate end) {

        public Window {
            if (start.isAfter(end)) {
                throw new IllegalArgumentException(
                        "School year " + schoolYear + " starts (" + start + ") after it ends (" + end + ")");
            }
        }

        /** Whether {@code day} is one of the year's days. */
        boolean holds(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }

        /** The default: 07-01 of the year before to 06-30 of the year ({@code 2026}: 2025-07-01..2026-06-30). */
        public static Window of(int schoolYear) {
            return new Window(schoolYear, LocalDate.of(schoolYear - 1, 7, 1), LocalDate.of(schoolYear, 6, 30));
        }
    }

    /** The dates of an enrollment (or any dated range); {@code end} null while it is open. */
    public record Span(LocalDate start, LocalDate end) {

        public Span {
            if (end != null && end.isBefore(start)) {
                throw new IllegalArgumentException("A span cannot end (" + end + ") before it starts (" + start + ")");
            }
        }

        boolean overlaps(Window year) {
            return !start.isAfter(year.end()) && (end == null || !end.isBefore(year.start()));
        }

        boolean holds(LocalDate day) {
            return !day.isBefore(start) && (end == null || !day.isAfter(end));
        }
    }

    private final List<Window> years;
    private final Clock clock;

    /** The rule over these configured years (in any order; one window per year), today read from {@code clock}. */
    public ScopeYears(Collection<Window> years, Clock clock) {
        List<Window> sorted = new ArrayList<>(years);
        sorted.sort(Comparator.comparingInt(Window::schoolYear));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).schoolYear() == sorted.get(i - 1).schoolYear()) {
                throw new IllegalArgumentException(
                        "School year " + sorted.get(i).schoolYear() + " is configured twice");
            }
        }
        this.years = List.copyOf(sorted);
        this.clock = clock;
    }

    /** The rule over {@code schoolYears} with the default dates, but those {@code configured} for a year. */
    public static ScopeYears of(Collection<Integer> schoolYears, Map<Integer, Window> configured, Clock clock) {
        return new ScopeYears(
                schoolYears.stream()
                        .map(year -> configured.getOrDefault(year, Window.of(year)))
                        .toList(),
                clock);
    }

    /** The configured years, by their names. */
    public List<Window> years() {
        return years;
    }

    /** Every configured year. */
    public SortedSet<Integer> everyYear() {
        SortedSet<Integer> all = new TreeSet<>();
        years.forEach(year -> all.add(year.schoolYear()));
        return all;
    }

    /** The years a record with a single date belongs to. */
    public SortedSet<Integer> ofDate(LocalDate date) {
        LocalDate today = LocalDate.now(clock);
        SortedSet<Integer> chosen = new TreeSet<>();
        for (Window year : years) {
            boolean belongs;
            if (today.isAfter(year.end())) { // a past year
                belongs = !date.isAfter(year.end());
            } else if (today.isBefore(year.start())) { // a future year
                belongs = !date.isBefore(year.start());
            } else { // the current year
                belongs = !date.isAfter(today);
            }
            if (belongs) {
                chosen.add(year.schoolYear());
            }
        }
        return chosen;
    }

    /** The years a record with a start and an end date (an enrollment) belongs to: those it overlaps. */
    public SortedSet<Integer> ofSpan(Span span) {
        return ofSpans(List.of(span));
    }

    /** The years any of {@code spans} overlaps: those of a student's (or a contact's students') enrollments. */
    public SortedSet<Integer> ofSpans(Collection<Span> spans) {
        SortedSet<Integer> chosen = new TreeSet<>();
        for (Window year : years) {
            if (spans.stream().anyMatch(span -> span.overlaps(year))) {
                chosen.add(year.schoolYear());
            }
        }
        return chosen;
    }

    /**
     * The years an event of a student's school year (an attendance event) may belong to: the year whose days hold
     * its date, when the single-date rule allows it. (The single-date rule alone would also give last year's event
     * to the current year, where its session is not.)
     */
    public SortedSet<Integer> ofEvent(LocalDate date) {
        SortedSet<Integer> chosen = ofDate(date);
        years.stream().filter(year -> !year.holds(date)).forEach(year -> chosen.remove(year.schoolYear()));
        return chosen;
    }

    /**
     * The years a single-date record of a student belongs to: those of the student's enrollments that hold the
     * date (the enrollment it is associated with), of which {@link #ofEvent} allows.
     */
    public SortedSet<Integer> ofDateWithin(LocalDate date, Collection<Span> enrollments) {
        SortedSet<Integer> chosen =
                ofSpans(enrollments.stream().filter(span -> span.holds(date)).toList());
        chosen.retainAll(ofEvent(date));
        return chosen;
    }

    /**
     * The years a record of {@code resource} (a resource key) belongs to. {@code enrollments}: the enrollments of
     * the student the record is of (for a contact, of its students); an enrollment itself needs none.
     *
     * @throws java.time.format.DateTimeParseException when a date of the record is not a date
     * @throws IllegalArgumentException                when an enrollment ends before it starts
     */
    public SortedSet<Integer> of(String resource, JsonNode record, Collection<Span> enrollments) {
        return switch (resource) {
            case "studentSchoolAssociations" ->
                record.hasNonNull("entryDate")
                        ? ofSpan(new Span(
                                LocalDate.parse(record.get("entryDate").asText()),
                                record.hasNonNull("exitWithdrawDate")
                                        ? LocalDate.parse(
                                                record.get("exitWithdrawDate").asText())
                                        : null))
                        : new TreeSet<>();
            case "studentSchoolAttendanceEvents" ->
                record.hasNonNull("eventDate")
                        ? ofDateWithin(LocalDate.parse(record.get("eventDate").asText()), enrollments)
                        : new TreeSet<>();
            case "students", "contacts", "studentEducationOrganizationAssociations", "studentContactAssociations" ->
                ofSpans(enrollments);
            case "sessions", "calendars" -> {
                SortedSet<Integer> named = new TreeSet<>();
                JsonNode year = record.path("schoolYearTypeReference").path("schoolYear");
                if (year.canConvertToInt() && years.stream().anyMatch(w -> w.schoolYear() == year.asInt())) {
                    named.add(year.asInt());
                }
                yield named;
            }
            default -> everyYear(); // education organizations and descriptors are alike in every year
        };
    }
}
