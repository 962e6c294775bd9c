package org.statehub.conflict.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.statehub.conflict.domain.YearIds;
import org.statehub.conflict.persistence.DuplicatePairs;
import org.statehub.conflict.persistence.Worklist;

/** The API's view of a potential duplicate: both students side by side, the score and what drove it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DuplicateView(
        long id,
        Integer schoolYear,
        String state,
        double score,
        List<String> drivers,
        JsonNode fields,
        boolean namesTransposed,
        List<StudentView> students,
        OffsetDateTime firstSeen,
        OffsetDateTime lastScored,
        OffsetDateTime stateChanged,
        long ageSeconds,
        List<EventView> history) {

    /** One student as it is now; {@code deleted} once student-service deleted it (then only its ids remain). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StudentView(
            String id,
            String studentUniqueId,
            String firstName,
            String middleName,
            String lastSurname,
            String birthDate,
            String sex,
            Boolean deleted) {}

    record EventView(OffsetDateTime at, String actor, String action, String note, BigDecimal score) {}

    static DuplicateView of(Worklist.Row row, List<DuplicatePairs.Event> history, ObjectMapper mapper) {
        JsonNode evidence;
        try {
            evidence = mapper.readTree(row.evidence());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> drivers = new java.util.ArrayList<>();
        evidence.path("drivers").forEach(d -> drivers.add(d.asText()));
        return new DuplicateView(
                row.id(),
                YearIds.schoolYear(row.id()),
                row.state(),
                row.score(),
                drivers,
                evidence.path("fields"),
                evidence.path("namesTransposed").asBoolean(),
                List.of(student(row.a()), student(row.b())),
                row.firstSeen(),
                row.lastScored(),
                row.stateChanged(),
                Duration.between(row.firstSeen(), OffsetDateTime.now()).toSeconds(),
                history == null
                        ? null
                        : history.stream()
                                .map(e -> new EventView(e.at(), e.actor(), e.action(), e.note(), e.score()))
                                .toList());
    }

    private static StudentView student(Worklist.Student s) {
        return new StudentView(
                org.statehub.edfi.core.store.Ids.format(s.id()),
                s.studentUniqueId(),
                s.firstName(),
                s.middleName(),
                s.lastSurname(),
                s.birthDate() == null ? null : s.birthDate().toString(),
                s.sex(),
                s.present() ? null : Boolean.TRUE);
    }
}
