package org.statehub.conflict.api;

import jakarta.ws.rs.core.Response;
import org.statehub.conflict.merge.Merges;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/** The merge API's refusals as problem details: hub-http's factory for the common ones. */
final class MergeProblems {

    private MergeProblems() {}

    static Problem notFound() {
        return Problems.notFound("No merge has this id.");
    }

    /** The one place where a refused merge outcome becomes an HTTP answer. */
    static Response of(Merges.Outcome refusal, String correlationId) {
        Problem problem = switch (refusal) {
            case Merges.NotFound ignored -> notFound();
            case Merges.Denied denied -> Problems.forbidden(denied.reason());
            case Merges.Invalid invalid -> Problems.dataValidation(invalid.errors());
            case Merges.Unresolved unresolved ->
                Problems.unresolvedReference(unresolved.resourceName(), unresolved.error());
            case Merges.Conflict conflict -> Problems.of(conflict.type(), conflict.title(), 409, conflict.detail());
            case Merges.Unavailable unavailable -> Problems.unavailable(unavailable.detail());
            case Merges.Found ignored -> throw new IllegalArgumentException("Not a refusal");
            case Merges.ListPage ignored -> throw new IllegalArgumentException("Not a refusal");
        };
        Response response = ProblemResponses.of(problem, correlationId);
        return problem.status() == 503
                ? Response.fromResponse(response).header("Retry-After", "5").build()
                : response;
    }
}
