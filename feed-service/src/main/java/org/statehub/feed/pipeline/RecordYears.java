package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.statehub.feed.domain.ScopeYears;
import org.statehub.feed.store.RunStore;

/**
 * The school years a prepared record is staged for (decision 0020, step 19; docs/FEEDS.md, "School years"), by the
 * scope-year rule over the years the deployment serves and the connection takes. Without years a record is staged
 * once, of no year ({@code 0}). With years:
 *
 * <ul>
 *   <li>an enrollment: once per year its entry and exit dates overlap; a session or calendar: the year it names;
 *       education organizations and everything else: every year;
 *   <li>a student, contact, SEOA or contact association: once as {@link #FROM_ENROLLMENTS}, its years given before
 *       the diff from the student's enrollments (store {@code StagedYears});
 *   <li>an attendance event: likewise, with the year its date is in as candidate, if the seed's single-date rule
 *       allows it ({@code ScopeYears.ofEvent}).
 * </ul>
 *
 * A record that belongs to no year is left alone (staged as held, as a record outside the connection's school years
 * is without years).
 */
final class RecordYears {

    /** The staged year of a record whose years follow its student's enrollments, until they are given. */
    static final int FROM_ENROLLMENTS = -1;

    /** Resources whose years are those of the student's enrollments (a contact's: of its students'). */
    static final Set<String> BY_ENROLLMENTS =
            Set.of("students", "contacts", "studentEducationOrganizationAssociations", "studentContactAssociations");

    /** No years: every record once, of no year. */
    static final RecordYears NONE = new RecordYears(null);

    private final ScopeYears rule;

    /** The rule over the years a connection publishes to; null: no years. */
    RecordYears(ScopeYears rule) {
        this.rule = rule;
    }

    /** Whether records are staged per year. */
    boolean enabled() {
        return rule != null;
    }

    /**
     * The rows of a record ready for the hub ({@code staged}, of no year): one per year it belongs to; one of
     * {@link #FROM_ENROLLMENTS} when its years follow enrollments; none when it belongs to no year.
     *
     * @throws java.time.format.DateTimeParseException when a date the rule reads is not a date
     * @throws IllegalArgumentException when an enrollment ends before it starts
     */
    List<RunStore.Staged> rows(String resource, JsonNode body, RunStore.Staged staged) {
        if (rule == null) {
            return List.of(staged);
        }
        if (BY_ENROLLMENTS.contains(resource)) {
            return rule.everyYear().isEmpty() ? List.of() : List.of(staged.in(FROM_ENROLLMENTS, null));
        }
        if (resource.equals("studentSchoolAttendanceEvents")) {
            SortedSet<Integer> allowed =
                    rule.ofEvent(LocalDate.parse(body.path("eventDate").asText()));
            return allowed.isEmpty() ? List.of() : List.of(staged.in(FROM_ENROLLMENTS, List.copyOf(allowed)));
        }
        return rule.of(resource, body, List.of()).stream()
                .map(year -> staged.in(year, null))
                .toList();
    }
}
