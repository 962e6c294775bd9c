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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.persistence.Worklist;
import org.statehub.conflict.service.Caller;
import org.statehub.conflict.service.Worklists;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * {@code /conflicts/v1/duplicates}: the worklist of potential duplicate students (different studentUniqueIds,
 * probably one person), each pair's history, and dismissal of a pair as two different people. With school years kept
 * apart, a pair is of one year ({@link YearScope}).
 */
@Path("/conflicts/v1/duplicates")
@Produces(MediaType.APPLICATION_JSON)
@RequiredArgsConstructor
public class DuplicatesResource {

    private final Worklists worklists;
    private final Requests requests;
    private final ObjectMapper mapper;
    private final YearScope years;

    /** The worklist's order: best score first. */
    private static final Comparator<Worklist.Row> ORDER =
            Comparator.comparingDouble(Worklist.Row::score).reversed().thenComparingLong(Worklist.Row::id);

    @GET
    public Response list(
            @BeanParam ListParameters query,
            @BeanParam WorklistFilters filters,
            @QueryParam("minScore") String minScore) {
        List<String> errors = new ArrayList<>();
        List<String> states = query.states("open", List.of("open", "dismissed", "closed", "merged"), errors);
        Long lea = filters.lea(errors);
        int age = filters.minAgeDays(errors);
        Parameters.Page page = query.page(errors);
        double score = 0;
        if (minScore != null) {
            try {
                score = Double.parseDouble(minScore);
                if (!(score >= 0 && score <= 1)) {
                    errors.add("minScore must be between 0 and 1.");
                }
            } catch (NumberFormatException e) {
                errors.add("minScore must be a number between 0 and 1.");
            }
        }
        if (!errors.isEmpty()) {
            return problem(Problems.parameterValidation(errors));
        }
        Optional<Problem> deep = years.tooDeep(page);
        if (deep.isPresent()) {
            return problem(deep.get());
        }
        Caller caller = requests.caller();
        double least = score;
        YearScope.Part<Worklist.Row> found = years.page(page.limit(), page.offset(), ORDER, (limit, offset) -> {
            Worklists.Page part = worklists.list(caller, states, least, lea, age, limit, offset);
            return new YearScope.Part<>(part.rows(), part.total());
        });
        return Response.ok(found.rows().stream()
                        .map(r -> DuplicateView.of(r, null, mapper))
                        .toList())
                .header("Total-Count", found.total())
                .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Long pair = Parameters.id(id);
        return pair == null
                ? problem(ConflictProblems.pairNotFound())
                : answer(worklists.get(requests.caller(), pair, false), false);
    }

    @GET
    @Path("{id}/history")
    public Response history(@PathParam("id") String id) {
        Long pair = Parameters.id(id);
        if (pair == null) {
            return problem(ConflictProblems.pairNotFound());
        }
        Worklists.Outcome outcome = worklists.get(requests.caller(), pair, true);
        if (outcome instanceof Worklists.Found found) {
            return Response.ok(DuplicateView.of(found.row(), found.history(), mapper)
                            .history())
                    .build();
        }
        return answer(outcome, false);
    }

    /** Two different people: {@code {"note": "..."}} says why; the pair is never raised again. */
    @POST
    @Path("{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dismiss(@PathParam("id") String id, String body) {
        Long pair = Parameters.id(id);
        if (pair == null) {
            return problem(ConflictProblems.pairNotFound());
        }
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (IOException e) {
            return problem(Problems.badRequest("The request body is not valid JSON."));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String note = Parameters.note(json, true, "say why these are two different people", errors);
        if (!errors.isEmpty()) {
            return problem(Problems.dataValidation(errors));
        }
        return answer(worklists.dismiss(requests.caller(), pair, note), true);
    }

    private Response answer(Worklists.Outcome outcome, boolean withHistory) {
        return switch (outcome) {
            case Worklists.Found found ->
                Response.ok(DuplicateView.of(found.row(), withHistory ? found.history() : null, mapper))
                        .build();
            case Worklists.NotFound ignored -> problem(ConflictProblems.pairNotFound());
            case Worklists.OutOfScope ignored -> problem(ConflictProblems.outOfScope());
            case Worklists.ReadOnly ignored -> problem(ConflictProblems.readOnly());
            case Worklists.AlreadyDismissed ignored -> problem(ConflictProblems.alreadyDismissed());
        };
    }

    private Response problem(Problem problem) {
        return requests.problem(problem);
    }
}
