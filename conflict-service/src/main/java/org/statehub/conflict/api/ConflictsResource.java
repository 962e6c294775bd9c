package org.statehub.conflict.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.domain.ReportedFields;
import org.statehub.conflict.domain.YearIds;
import org.statehub.conflict.persistence.LeaConflicts;
import org.statehub.conflict.service.Caller;
import org.statehub.conflict.service.ConflictResolutions;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * {@code /conflicts/v1/conflicts}: LEAs that report one student with different values. The worklist (filters
 * {@code state}, {@code field}, {@code leaId}, {@code studentUniqueId}, paging, {@code Total-Count}), one
 * conflict with its competing values and history, and its resolution by choosing a value with a note. With school
 * years kept apart, a conflict is of one year ({@link YearScope}) and its resolution is written back in that year.
 */
@Path("/conflicts/v1/conflicts")
@Produces(MediaType.APPLICATION_JSON)
@RequiredArgsConstructor
public class ConflictsResource {

    private final ConflictResolutions resolutions;
    private final Requests requests;
    private final ObjectMapper mapper;
    private final YearScope years;

    /** The worklist's order: oldest first. */
    private static final Comparator<LeaConflicts.Conflict> ORDER =
            Comparator.comparing(LeaConflicts.Conflict::firstSeen).thenComparingLong(LeaConflicts.Conflict::id);

    @GET
    public Response list(
            @BeanParam ListParameters query,
            @QueryParam("field") String field,
            @BeanParam WorklistFilters filters,
            @QueryParam("studentUniqueId") String studentUniqueId)
            throws IOException {
        List<String> errors = new ArrayList<>();
        List<String> states = query.states("open", List.of("open", "resolved", "closed"), errors);
        if (field != null && ReportedFields.Field.of(field) == null) {
            errors.add("field must be one of " + String.join(", ", fieldNames()) + ".");
        }
        Long lea = filters.lea(errors);
        int age = filters.minAgeDays(errors);
        Parameters.Page page = query.page(errors);
        if (!errors.isEmpty()) {
            return problem(Problems.parameterValidation(errors));
        }
        Optional<Problem> deep = years.tooDeep(page);
        if (deep.isPresent()) {
            return problem(deep.get());
        }
        Caller caller = requests.caller();
        YearScope.Part<LeaConflicts.Conflict> found =
                years.page(page.limit(), page.offset(), ORDER, (limit, offset) -> {
                    ConflictResolutions.Page part =
                            resolutions.list(caller, states, field, lea, studentUniqueId, age, limit, offset);
                    return new YearScope.Part<>(part.conflicts(), part.total());
                });
        ArrayNode items = mapper.createArrayNode();
        for (LeaConflicts.Conflict conflict : found.rows()) {
            items.add(view(conflict, null));
        }
        return Response.ok(items.toString())
                .header("Total-Count", found.total())
                .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) throws IOException {
        Long conflict = Parameters.id(id);
        return conflict == null ? problem(notFound()) : answer(resolutions.get(requests.caller(), conflict), true);
    }

    /**
     * {@code {"value": <one of the competing values>, "note": "..."}}: the value is written back to student-service
     * and the conflict resolved.
     */
    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resolve(@PathParam("id") String id, String body) throws IOException {
        Long conflict = Parameters.id(id);
        if (conflict == null) {
            return problem(notFound());
        }
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (IOException e) {
            return problem(Problems.badRequest("The request body is not valid JSON."));
        }
        if (json == null || !json.isObject()) {
            return problem(Problems.badRequest("The request body must be a JSON object with value and note."));
        }
        Map<String, List<String>> invalid = new java.util.LinkedHashMap<>();
        JsonNode value = json.get("value");
        if (value == null || value.isNull()) {
            invalid.put("$.value", List.of("value is required: one of the competing values."));
        }
        String note = Parameters.note(json, true, "say why this value is right", invalid);
        if (!invalid.isEmpty()) {
            return problem(Problems.dataValidation(invalid));
        }
        return answer(resolutions.resolve(requests.caller(), conflict, value, note), true);
    }

    private Response answer(ConflictResolutions.Outcome outcome, boolean withHistory) throws IOException {
        return switch (outcome) {
            case ConflictResolutions.Found found ->
                Response.ok(view(found.conflict(), withHistory ? found.history() : null)
                                .toString())
                        .build();
            case ConflictResolutions.NotFound ignored -> problem(notFound());
            case ConflictResolutions.OutOfScope ignored ->
                problem(Problems.forbidden(
                        "The student of this conflict is not related to this client's education organizations."));
            case ConflictResolutions.NotAllowed denied -> problem(Problems.forbidden(denied.reason()));
            case ConflictResolutions.NotOpen notOpen ->
                problem(Problems.of(
                        Problems.URN + ":data-conflict:not-open",
                        "Not Open",
                        409,
                        "Only an open conflict can be resolved.",
                        "This conflict is " + notOpen.state() + "."));
            case ConflictResolutions.NotCompeting notCompeting ->
                problem(Problems.dataValidation(Map.of(
                        "$.value",
                        List.of("value must be one of the competing values: " + notCompeting.competing() + "."))));
            case ConflictResolutions.WriteBackFailed failed ->
                failed.unreachable()
                        ? Response.fromResponse(problem(Problems.unavailable(failed.reason())))
                                .header("Retry-After", 5)
                                .build()
                        : problem(Problems.of(
                                Problems.URN + ":data-conflict:write-back-refused",
                                "Write-Back Refused",
                                409,
                                "The chosen value could not be written back; the conflict stays open.",
                                failed.reason()));
        };
    }

    private ObjectNode view(LeaConflicts.Conflict conflict, List<LeaConflicts.Event> history) throws IOException {
        ObjectNode view = mapper.createObjectNode();
        view.put("id", conflict.id());
        Integer year = YearIds.schoolYear(conflict.id());
        if (year != null) {
            view.put("schoolYear", year);
        }
        view.put("studentUniqueId", conflict.studentUniqueId());
        view.put("field", conflict.field());
        view.put("state", conflict.state());
        view.set("competing", mapper.readTree(conflict.competing()));
        if (conflict.resolvedValue() != null) {
            view.set("resolvedValue", mapper.readTree(conflict.resolvedValue()));
        }
        view.put("firstSeen", conflict.firstSeen().toInstant().toString());
        view.put("lastChanged", conflict.lastChanged().toInstant().toString());
        view.put("stateChanged", conflict.stateChanged().toInstant().toString());
        view.put(
                "ageDays",
                Duration.between(conflict.firstSeen(), OffsetDateTime.now()).toDays());
        if (history != null) {
            ArrayNode events = view.putArray("history");
            for (LeaConflicts.Event event : history) {
                ObjectNode e = events.addObject();
                e.put("at", event.at().toInstant().toString());
                e.put("actor", event.actor());
                e.put("action", event.action());
                if (event.note() != null) {
                    e.put("note", event.note());
                }
                if (event.details() != null) {
                    e.set("details", mapper.readTree(event.details()));
                }
            }
        }
        return view;
    }

    private static Problem notFound() {
        return Problems.notFound("No conflict has this id.");
    }

    private static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (ReportedFields.Field f : ReportedFields.Field.values()) {
            names.add(f.key());
        }
        return names;
    }

    private Response problem(Problem problem) {
        return requests.problem(problem);
    }
}
