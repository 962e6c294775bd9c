package org.statehub.conflict.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.merge.Merges;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.conflict.service.Caller;
import org.statehub.http.Problem;
import org.statehub.http.Problems;
import org.statehub.http.SchoolYears;

/**
 * {@code /conflicts/v1/merges}: merges of a retired studentUniqueId into a surviving one, approved by a second
 * administrator, and their splits. {@code StateAdmin} acts, {@code StateSystemReader} reads, other clients get
 * 403. See docs/CONFLICTS.md, "Merge and split". With school years kept apart a merge is of one year ({@code
 * schoolYear}, or its pair's), acts in that year only, and its id names the year ({@link YearScope}).
 */
@Path("/conflicts/v1/merges")
@Produces(MediaType.APPLICATION_JSON)
@RequiredArgsConstructor
public class MergesResource {

    /** The longest studentUniqueId Ed-Fi allows. */
    static final int MAX_UNIQUE_ID = 32;

    private final Merges merges;
    private final Requests requests;
    private final ObjectMapper mapper;
    private final YearScope years;

    /** The list's order: newest first. */
    private static final Comparator<MergeRecords.Merge> ORDER =
            Comparator.comparingLong(MergeRecords.Merge::id).reversed();

    @Context
    UriInfo uri;

    @GET
    public Response list(@BeanParam ListParameters query, @QueryParam("studentUniqueId") String studentUniqueId) {
        Caller caller = requests.caller();
        Optional<Merges.Outcome> refused = Merges.refuse(caller, false);
        if (refused.isPresent()) {
            return MergeProblems.of(refused.get(), requests.correlationId());
        }
        List<String> errors = new ArrayList<>();
        List<String> states = query.states("all", MergeRecords.STATES, errors);
        Parameters.Page page = query.page(errors);
        if (studentUniqueId != null && (studentUniqueId.isBlank() || studentUniqueId.length() > MAX_UNIQUE_ID)) {
            errors.add("studentUniqueId must be 1 to " + MAX_UNIQUE_ID + " characters.");
        }
        if (!errors.isEmpty()) {
            return requests.problem(Problems.parameterValidation(errors));
        }
        Optional<Problem> deep = years.tooDeep(page);
        if (deep.isPresent()) {
            return requests.problem(deep.get());
        }
        Merges.Outcome[] refusal = {null};
        YearScope.Part<MergeRecords.Merge> found = years.page(page.limit(), page.offset(), ORDER, (limit, offset) -> {
            Merges.Outcome outcome = merges.list(caller, states, studentUniqueId, limit, offset);
            if (outcome instanceof Merges.ListPage(Merges.Page part)) {
                return new YearScope.Part<>(part.merges(), part.total());
            }
            refusal[0] = outcome;
            return new YearScope.Part<>(List.of(), 0);
        });
        if (refusal[0] == null) {
            return Response.ok(found.rows().stream()
                            .map(m -> MergeView.of(m, null, mapper))
                            .toList())
                    .header("Total-Count", found.total())
                    .build();
        }
        return MergeProblems.of(refusal[0], requests.correlationId());
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Long merge = Parameters.id(id);
        return merge == null ? notFound() : answer(merges.get(requests.caller(), merge), false);
    }

    /**
     * {@code {"retiredStudentUniqueId": "...", "survivorStudentUniqueId": "...", "duplicatePairId": 12,
     * "note": "..."}}: asks for a merge ({@code duplicatePairId} optional: the worklist pair it resolves).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        Caller caller = requests.caller();
        Optional<Merges.Outcome> refused = Merges.refuse(caller, true);
        if (refused.isPresent()) {
            return MergeProblems.of(refused.get(), requests.correlationId());
        }
        Parsed parsed = parse(
                body,
                Set.of("retiredStudentUniqueId", "survivorStudentUniqueId", "duplicatePairId", "schoolYear", "note"));
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        JsonNode json = parsed.json();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String retired = uniqueId(json, "retiredStudentUniqueId", errors);
        String survivor = uniqueId(json, "survivorStudentUniqueId", errors);
        if (retired != null && retired.equals(survivor)) {
            errors.put(
                    "$.survivorStudentUniqueId",
                    List.of("survivorStudentUniqueId must differ from" + " retiredStudentUniqueId."));
        }
        Long pairId = null;
        JsonNode pair = json.get("duplicatePairId");
        if (pair != null && !pair.isNull()) {
            if (pair.canConvertToLong() && pair.isIntegralNumber() && pair.longValue() > 0) {
                pairId = pair.longValue();
            } else {
                errors.put(
                        "$.duplicatePairId",
                        List.of("duplicatePairId must be the id of a potential duplicate"
                                + " (a positive whole number)."));
            }
        }
        String note = Parameters.note(json, true, "say why these are one person", errors);
        String schoolYear = schoolYear(json, errors);
        if (!errors.isEmpty()) {
            return requests.problem(Problems.dataValidation(errors));
        }
        Optional<Problem> outsideYears = years.enterFor(schoolYear, pairId);
        if (outsideYears.isPresent()) {
            return requests.problem(outsideYears.get());
        }
        Merges.Outcome outcome = merges.request(caller, retired, survivor, pairId, note);
        if (outcome instanceof Merges.Found found) {
            return Response.created(uri.getBaseUriBuilder()
                            .path("conflicts/v1/merges")
                            .path(Long.toString(found.merge().id()))
                            .build())
                    .entity(MergeView.of(found.merge(), found.detail(), mapper))
                    .build();
        }
        return MergeProblems.of(outcome, requests.correlationId());
    }

    /** A second administrator approves ({@code {"note": "..."}} optional); 202 while the merge is still under way. */
    @POST
    @Path("{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("id") String id, String body) {
        return act(id, body, false, "", merges::approve);
    }

    /** Any administrator turns the request down; {@code {"note": "..."}} says why. */
    @POST
    @Path("{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reject(@PathParam("id") String id, String body) {
        return act(id, body, true, "say why the merge is turned down", merges::reject);
    }

    /** Undoes the merge; {@code {"note": "..."}} says why; 202 while the split is still under way. */
    @POST
    @Path("{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response split(@PathParam("id") String id, String body) {
        return act(id, body, true, "say why these are two people", merges::split);
    }

    @FunctionalInterface
    private interface Action {
        Merges.Outcome run(Caller caller, long merge, String note);
    }

    private Response act(String id, String body, boolean noteRequired, String noteHint, Action action) {
        Caller caller = requests.caller();
        Optional<Merges.Outcome> refused = Merges.refuse(caller, true);
        if (refused.isPresent()) {
            return MergeProblems.of(refused.get(), requests.correlationId());
        }
        Long merge = Parameters.id(id);
        if (merge == null) {
            return notFound();
        }
        String note = null;
        if (noteRequired || (body != null && !body.isBlank())) {
            Parsed parsed = parse(body, Set.of("note"));
            if (parsed.refusal() != null) {
                return parsed.refusal();
            }
            Map<String, List<String>> errors = new LinkedHashMap<>();
            note = Parameters.note(parsed.json(), noteRequired, noteHint, errors);
            if (!errors.isEmpty()) {
                return requests.problem(Problems.dataValidation(errors));
            }
        }
        return answer(action.run(caller, merge, note), true);
    }

    /** 200 with the merge; for an action that set work going, 202 while the merge or split is still under way. */
    private Response answer(Merges.Outcome outcome, boolean acted) {
        if (outcome instanceof Merges.Found found) {
            String state = found.merge().state();
            boolean underWay = state.equals("approved") || state.equals("merging") || state.equals("splitting");
            return Response.status(acted && underWay ? 202 : 200)
                    .entity(MergeView.of(found.merge(), found.detail(), mapper))
                    .build();
        }
        return MergeProblems.of(outcome, requests.correlationId());
    }

    private Response notFound() {
        return requests.problem(MergeProblems.notFound());
    }

    // --- request bodies -----------------------------------------------------------------------------------------

    private record Parsed(JsonNode json, Response refusal) {}

    /** The body as a JSON object with only the members allowed; else the 400 to answer. */
    private Parsed parse(String body, Set<String> members) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (IOException e) {
            return new Parsed(null, requests.problem(Problems.badRequest("The request body is not valid JSON.")));
        }
        if (json == null || !json.isObject()) {
            return new Parsed(
                    null, requests.problem(Problems.badRequest("The request body must be a JSON" + " object.")));
        }
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                unknown.put(
                        "$." + name,
                        List.of("'" + name + "' is not a member of this request; it takes "
                                + String.join(", ", members.stream().sorted().toList()) + "."));
            }
        }
        if (!unknown.isEmpty()) {
            return new Parsed(null, requests.problem(Problems.dataValidation(unknown)));
        }
        Map<String, List<String>> nuls = new LinkedHashMap<>();
        json.properties().forEach(member -> {
            if (member.getValue().isTextual() && member.getValue().textValue().indexOf('\0') >= 0) {
                nuls.put("$." + member.getKey(), List.of(member.getKey() + " must not contain a NUL character."));
            }
        });
        if (!nuls.isEmpty()) {
            return new Parsed(null, requests.problem(Problems.dataValidation(nuls)));
        }
        return new Parsed(json, null);
    }

    /** The merge's {@code schoolYear} (a whole number 2000 to 2099), or null when not given. */
    private static String schoolYear(JsonNode json, Map<String, List<String>> errors) {
        JsonNode value = json.get("schoolYear");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !SchoolYears.isYear(value.asText())) {
            errors.put("$.schoolYear", List.of("schoolYear must be a school year: a whole number 2000 to 2099."));
            return null;
        }
        return value.asText();
    }

    private static String uniqueId(JsonNode json, String member, Map<String, List<String>> errors) {
        JsonNode value = json.get(member);
        if (value == null || value.isNull()) {
            errors.put("$." + member, List.of(member + " is required."));
            return null;
        }
        if (!value.isTextual()
                || value.asText().isBlank()
                || value.asText().length() > MAX_UNIQUE_ID
                || !value.asText().equals(value.asText().strip())) {
            errors.put(
                    "$." + member,
                    List.of(member + " must be a studentUniqueId: 1 to " + MAX_UNIQUE_ID
                            + " characters, without leading or trailing spaces."));
            return null;
        }
        return value.asText();
    }
}
