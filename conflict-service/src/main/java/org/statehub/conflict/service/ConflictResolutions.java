package org.statehub.conflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.conflict.domain.ReportedFields;
import org.statehub.conflict.domain.ReportedFields.Field;
import org.statehub.conflict.persistence.LeaConflicts;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.jdbc.StoreException;
import org.statehub.jdbc.UncheckedTransactions;

/**
 * The worklist of conflicts between LEAs: reads scoped to the caller, and resolution. Resolving chooses one of
 * the competing values with a note; the value is written back to student-service (the student for names and
 * birth date, every SEOA of the student that differs for the others) with conflict-service's own token, and the
 * conflict is resolved: it stays quiet while only the values competing then are reported.
 */
@Singleton
@RequiredArgsConstructor
public class ConflictResolutions {

    /** What a request came to. */
    public sealed interface Outcome {}

    public record Found(LeaConflicts.Conflict conflict, List<LeaConflicts.Event> history) implements Outcome {}

    public record NotFound() implements Outcome {}

    public record OutOfScope() implements Outcome {}

    public record NotAllowed(String reason) implements Outcome {}

    /** The conflict is not open (resolved or closed already). */
    public record NotOpen(String state) implements Outcome {}

    /** The chosen value is none of the competing ones. */
    public record NotCompeting(List<String> competing) implements Outcome {}

    /** student-service refused the write-back or could not be reached; the conflict stays open. */
    public record WriteBackFailed(String reason, boolean unreachable) implements Outcome {}

    /** A page of the worklist. */
    public record Page(List<LeaConflicts.Conflict> conflicts, long total) {}

    private final AgroalDataSource dataSource;
    private final EdFiClient services;
    private final ObjectMapper mapper;
    private final LeaConflicts conflicts;

    public Page list(
            Caller caller,
            List<String> states,
            String field,
            Long leaId,
            String studentUniqueId,
            int minAgeDays,
            int limit,
            long offset) {
        LeaConflicts.Query query = new LeaConflicts.Query(
                states,
                field,
                leaId,
                studentUniqueId,
                minAgeDays,
                caller.unrestricted() ? null : caller.organizationTexts(),
                limit,
                offset);
        return UncheckedTransactions.read(
                dataSource, c -> new Page(conflicts.list(c, query), conflicts.count(c, query)));
    }

    public Outcome get(Caller caller, long id) {
        return UncheckedTransactions.read(dataSource, c -> {
            Optional<LeaConflicts.Conflict> conflict = conflicts.find(c, id, false);
            if (conflict.isEmpty()) {
                return new NotFound();
            }
            if (!caller.unrestricted() && !conflicts.related(c, id, caller.organizationTexts())) {
                return new OutOfScope();
            }
            return new Found(conflict.get(), conflicts.history(c, id));
        });
    }

    /** Resolves an open conflict with one of its competing values: writes it back, then records it. */
    public Outcome resolve(Caller caller, long id, JsonNode value, String note) {
        if (!caller.unrestricted() || caller.readOnly()) {
            return new NotAllowed("Conflicts are resolved by StateAdmin clients.");
        }
        Outcome found = get(caller, id);
        if (!(found instanceof Found current)) {
            return found;
        }
        LeaConflicts.Conflict conflict = current.conflict();
        if (!"open".equals(conflict.state())) {
            return new NotOpen(conflict.state());
        }
        JsonNode competing = read(conflict.competing());
        JsonNode chosen = null;
        String normalized = ReportedFields.normalize(value);
        ArrayNode distinct = mapper.createArrayNode();
        java.util.TreeSet<String> values = new java.util.TreeSet<>();
        String homelessDescriptor = null;
        for (JsonNode entry : competing) {
            String n = ReportedFields.normalize(entry.path("value"));
            values.add(n);
            if (n.equals(normalized) && chosen == null) {
                chosen = entry.path("value");
            }
        }
        if (chosen == null) {
            return new NotCompeting(List.copyOf(values));
        }
        values.forEach(distinct::add);
        Field field = Field.of(conflict.field());
        ArrayNode written = mapper.createArrayNode();
        try {
            if (field.source() == ReportedFields.Source.REPORT) {
                List<JsonNode> students =
                        services.query("students", Map.of("studentUniqueId", conflict.studentUniqueId()));
                if (students.isEmpty()) {
                    return new WriteBackFailed(
                            "The student " + conflict.studentUniqueId() + " no longer exists.", false);
                }
                String failed = writeBack("students", field, (ObjectNode) students.get(0), chosen, null, written);
                if (failed != null) {
                    return new WriteBackFailed(failed, false);
                }
            } else {
                List<JsonNode> seoas = services.query(
                        "studentEducationOrganizationAssociations",
                        Map.of("studentUniqueId", conflict.studentUniqueId()));
                for (JsonNode seoa : seoas) {
                    if (homelessDescriptor == null) {
                        homelessDescriptor = ReportedFields.homelessDescriptor(seoa);
                    }
                }
                for (JsonNode seoa : seoas) {
                    String failed = writeBack(
                            "studentEducationOrganizationAssociations",
                            field,
                            (ObjectNode) seoa,
                            chosen,
                            homelessDescriptor,
                            written);
                    if (failed != null) {
                        return new WriteBackFailed(failed, false);
                    }
                }
            }
        } catch (IOException e) {
            return new WriteBackFailed("student-service could not be reached: " + e.getMessage(), true);
        }
        JsonNode chosenValue = chosen;
        ObjectNode details = mapper.createObjectNode();
        details.set("value", chosenValue);
        details.set("writtenBack", written);
        return UncheckedTransactions.inTransaction(dataSource, c -> {
            Optional<LeaConflicts.Conflict> locked = conflicts.find(c, id, true);
            if (locked.isEmpty()) {
                return new NotFound();
            }
            if (!"open".equals(locked.get().state())) {
                return new NotOpen(locked.get().state());
            }
            conflicts.resolve(
                    c, id, chosenValue.toString(), distinct.toString(), caller.subject(), note, details.toString());
            return new Found(conflicts.find(c, id, false).orElseThrow(), conflicts.history(c, id));
        });
    }

    /** Writes the chosen value into one item and upserts it when it changed; the reason of a refusal, or null. */
    private String writeBack(
            String resource, Field field, ObjectNode item, JsonNode chosen, String homeless, ArrayNode written)
            throws IOException {
        ObjectNode body = item.deepCopy();
        if (!ReportedFields.write(field, body, chosen, homeless)) {
            return null;
        }
        for (String member : Set.of("id", "_etag", "_lastModifiedDate")) {
            body.remove(member);
        }
        ResourceDefinition.withoutLinks(body);
        EdFiClient.Answer answer = services.post(resource, body, false);
        if (answer.status() < 200 || answer.status() >= 300) {
            return "student-service refused the write-back to " + resource + " (" + answer.status() + "): "
                    + answer.body();
        }
        ObjectNode entry = written.addObject();
        entry.put("resource", resource);
        entry.put("id", item.path("id").asText());
        return null;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new StoreException(new SQLException("Stored JSON cannot be read: " + e.getMessage(), e));
        }
    }
}
