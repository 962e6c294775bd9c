package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.service.FanOut;
import org.statehub.gateway.service.ServedYears;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.SchoolYears;
import org.statehub.http.StateAdminOnly;

/**
 * A new school year from a previous one (docs/decisions/0020, part 5, step 20), the hub's own endpoint beside the
 * Admin API's instances: {@code PUT /admin/v1/schoolYears/{year}/copy} with {@code {"fromYear": 2026}} starts, in
 * every data service, the copy of the previous year's carried items (descriptors, school years, the SEA, ESCs, LEAs
 * and schools; never students, enrollments or attendance) into the year, which must be served already (an ODS
 * instance of the year, {@code /adminapi/v2/odsInstances}): 202 with the copy's status and its {@code Location};
 * {@code GET} reads the status, the services' merged: {@code state} (running, succeeded, failed), {@code resources}
 * (per resource {@code copied} and {@code present}: the year had it already), {@code startedAt}, {@code finishedAt},
 * {@code errors} (problem details). Asking again while nothing runs copies what is missing, so a failed copy is
 * finished by running it again. A year some service has not learnt yet is 409, nothing started. Needs the
 * {@code hubAdministration} grant.
 */
@Path("/admin/v1/schoolYears/{year}/copy")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminSchoolYearsResource {

    /** A service's state for a year it serves into which no copy was asked for. */
    private static final String NONE = "none";

    private final ServedYears years;
    private final FanOut fanOut;
    private final FanOutAnswers answers;
    private final ObjectMapper json;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response copy(@PathParam("year") String year, JsonNode body, @Context HttpHeaders headers)
            throws IOException {
        if (!years.serves(year)) {
            return notServed(year);
        }
        JsonNode from = body == null || !body.isObject() ? null : body.get("fromYear");
        String fromYear = from == null || !(from.isTextual() || from.isIntegralNumber())
                ? null
                : from.asText().trim();
        Optional<String> refusal = SchoolYears.copyRefusal(year, fromYear, years::serves, years::years);
        if (refusal.isPresent()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of("$.fromYear", List.of(refusal.get()))));
        }
        String correlationId = FanOutAnswers.correlationId(headers);
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Response> unready = unready(year, authorization, correlationId);
        if (unready.isPresent()) {
            return unready.get();
        }
        Map<String, FanOut.Reply> replies = fanOut.put(
                path(year), json.writeValueAsString(Map.of("fromYear", fromYear)), authorization, correlationId);
        for (Map.Entry<String, FanOut.Reply> reply : replies.entrySet()) {
            if (reply.getValue().failure() != null || reply.getValue().status() != 202) {
                return answers.failed(FanOut.failure(reply.getKey(), reply.getValue()), correlationId);
            }
        }
        return Response.accepted(merged(year, replies))
                .header(HttpHeaders.LOCATION, "/admin/v1/schoolYears/" + year + "/copy")
                .build();
    }

    @GET
    public Response status(@PathParam("year") String year, @Context HttpHeaders headers) throws IOException {
        if (!years.serves(year)) {
            return notServed(year);
        }
        String correlationId = FanOutAnswers.correlationId(headers);
        Map<String, FanOut.Reply> replies =
                fanOut.get(path(year), headers.getHeaderString(HttpHeaders.AUTHORIZATION), correlationId);
        boolean asked = false;
        for (Map.Entry<String, FanOut.Reply> reply : replies.entrySet()) {
            FanOut.Reply answer = reply.getValue();
            if (answer.failure() != null || (answer.status() != 200 && answer.status() != 404)) {
                return answers.failed(FanOut.failure(reply.getKey(), answer), correlationId);
            }
            asked |= answer.status() == 200 && !NONE.equals(state(answer));
        }
        return asked
                ? Response.ok(merged(year, replies)).build()
                : ProblemResponses.of(Problems.notFound("No copy into school year " + year + " was asked for."));
    }

    /**
     * Whether every data service serves the year before any is asked to copy: a service learns a new year from the
     * directory within seconds of its instance, and a copy started in some services and refused by one would,
     * asked again, run a second time where it had started (its counts then saying nothing was copied). A service
     * that does not serve the year yet (404) makes the answer a 409 to ask again.
     */
    private Optional<Response> unready(String year, String authorization, String correlationId) {
        Map<String, FanOut.Reply> replies = fanOut.get(path(year), authorization, correlationId);
        for (Map.Entry<String, FanOut.Reply> reply : replies.entrySet()) {
            FanOut.Reply answer = reply.getValue();
            if (answer.failure() == null && answer.status() == 404) {
                return Optional.of(ProblemResponses.of(Problems.conflict("School year " + year
                        + " is not served by " + reply.getKey() + " yet: a service learns a new year within seconds"
                        + " of its instance. Nothing was started; ask again.")));
            }
            if (answer.failure() != null || answer.status() != 200) {
                return Optional.of(answers.failed(FanOut.failure(reply.getKey(), answer), correlationId));
            }
        }
        return Optional.empty();
    }

    private String state(FanOut.Reply reply) throws IOException {
        return json.readTree(reply.body()).path("state").asText();
    }

    private static String path(String year) {
        return "/internal/v1/yearCopies/" + year;
    }

    private static Response notServed(String year) {
        return ProblemResponses.of(Problems.notFound("No school year " + year + " is served: create its instance"
                + " first (POST /adminapi/v2/odsInstances with its schoolYearFromRoute context)."));
    }

    /**
     * The services' statuses as one: failed when one failed, else running when one runs, else succeeded; the
     * earliest start, the latest end (none while one runs), every resource's counts and every error.
     */
    private ObjectNode merged(String year, Map<String, FanOut.Reply> replies) throws IOException {
        ObjectNode merged = json.createObjectNode();
        ObjectNode resources = json.createObjectNode();
        ArrayNode errors = json.createArrayNode();
        String state = "succeeded";
        String fromYear = null;
        String startedAt = null;
        String finishedAt = null;
        boolean open = false;
        for (FanOut.Reply reply : replies.values()) {
            if (reply.status() == 404) {
                continue;
            }
            JsonNode status = json.readTree(reply.body());
            if (NONE.equals(status.path("state").asText())) {
                continue;
            }
            fromYear = status.path("fromYear").asText(fromYear);
            String serviceState = status.path("state").asText();
            if ("failed".equals(serviceState) || ("running".equals(serviceState) && !"failed".equals(state))) {
                state = serviceState;
            }
            String started = status.path("startedAt").asText(null);
            if (started != null && (startedAt == null || started.compareTo(startedAt) < 0)) {
                startedAt = started;
            }
            String finished = status.path("finishedAt").isNull()
                    ? null
                    : status.path("finishedAt").asText(null);
            open |= finished == null;
            if (finished != null && (finishedAt == null || finished.compareTo(finishedAt) > 0)) {
                finishedAt = finished;
            }
            status.path("resources").fields().forEachRemaining(e -> resources.set(e.getKey(), e.getValue()));
            status.path("errors").forEach(errors::add);
        }
        merged.put("schoolYear", year);
        merged.put("fromYear", fromYear);
        merged.put("state", state);
        merged.put("startedAt", startedAt);
        merged.put("finishedAt", open ? null : finishedAt);
        merged.set("resources", resources);
        merged.set("errors", errors);
        return merged;
    }
}
