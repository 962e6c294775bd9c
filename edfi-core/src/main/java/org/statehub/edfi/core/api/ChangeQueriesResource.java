package org.statehub.edfi.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.service.QueryService;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * {@code /changeQueries/v1}: the range of change versions this service has handed out, which of its resources
 * changed in a window, and checkpoints, which let the gateway give one newest change version for every service.
 */
@Path("/changeQueries/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeQueriesResource {

    /** Largest checkpoint asked for: a JSON number every client reads exactly (2^53). */
    static final long LARGEST_CHECKPOINT = 1L << 53;

    /** The body of availableChangeVersions. */
    public record AvailableChangeVersions(long oldestChangeVersion, long newestChangeVersion) {}

    /** The answer of a checkpoint. */
    public record Checkpoint(long changeVersion) {}

    @Inject
    QueryService queries;

    @Inject
    Correlation correlation;

    @Inject
    ResourceCatalog catalog;

    @Inject
    RequestCaller caller;

    /**
     * Which resources changed in a window of change versions (an extension of the Ed-Fi change queries): a
     * consumer of many resources asks this first and pages only those. Scoped like the collections, {@code /deletes}
     * and {@code /keyChanges}: a resource is named only when one of those would show the caller a change.
     */
    @GET
    @Path("changedResources")
    public Response changedResources(
            @QueryParam("minChangeVersion") Long min, @QueryParam("maxChangeVersion") Long max) {
        Optional<Problem> refusal = caller.known();
        if (refusal.isPresent()) {
            return ProblemResponses.of(refusal.get(), correlation.id());
        }
        long from = min == null ? 0 : min;
        long to = max == null ? Long.MAX_VALUE : max;
        if (from < 0 || to < from) {
            return ProblemResponses.of(
                    Problems.parameterValidation(
                            List.of("minChangeVersion and maxChangeVersion must be non-negative and in order.")),
                    correlation.id());
        }
        return Response.ok(queries.changedResources(caller.scope(), catalog, from, to))
                .build();
    }

    /**
     * The newest change version this service has handed out. A change with a lower version may still be
     * committing; this service's own replica consumers re-read an overlap for that reason. Through the gateway,
     * the whole API's availableChangeVersions is built from checkpoints instead and has no such gap.
     */
    @GET
    @Path("availableChangeVersions")
    public AvailableChangeVersions available() {
        return new AvailableChangeVersions(0, queries.newestChangeVersion());
    }

    /**
     * {@code POST {"atLeast": n}}: waits until no change of this service is committing (half a second at most),
     * raises its change versions to at least {@code n}, and answers a version up to which every change is
     * committed and after which every change gets a higher version. StateAdmin only (the gateway calls it);
     * 503 with Retry-After when writes did not pause in time.
     */
    @POST
    @Path("checkpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @StateAdminOnly(
            "A change-version checkpoint needs the hubAdministration grant (a claim set granting it, as StateAdmin does).")
    public Response checkpoint(JsonNode body) {
        JsonNode atLeast = body == null ? null : body.get("atLeast");
        if (atLeast != null
                && !(atLeast.canConvertToExactIntegral()
                        && atLeast.canConvertToLong()
                        && atLeast.asLong() >= 0
                        && atLeast.asLong() <= LARGEST_CHECKPOINT)) {
            return ProblemResponses.of(
                    Problems.parameterValidation(
                            List.of("atLeast must be a whole number from 0 to " + LARGEST_CHECKPOINT + ".")),
                    correlation.id());
        }
        OptionalLong checkpoint = queries.checkpoint(atLeast == null ? 0 : atLeast.asLong());
        if (checkpoint.isEmpty()) {
            return Response.fromResponse(ProblemResponses.of(
                            Problems.unavailable("Writes did not pause in time for " + "a checkpoint; try again."),
                            correlation.id()))
                    .header("Retry-After", 1)
                    .build();
        }
        return Response.ok(new Checkpoint(checkpoint.getAsLong())).build();
    }
}
