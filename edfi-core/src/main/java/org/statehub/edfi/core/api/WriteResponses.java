package org.statehub.edfi.core.api;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.statehub.edfi.core.service.ETags;
import org.statehub.edfi.core.service.WriteResult;
import org.statehub.edfi.core.store.Ids;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/** The one place where write outcomes become HTTP responses. */
final class WriteResponses {

    private WriteResponses() {}

    /** {@code location} is the collection URL the item's id is appended to. */
    static Response of(WriteResult result, String location, boolean put, String correlationId) {
        return switch (result) {
            case WriteResult.Created created ->
                Response.status(201)
                        .location(URI.create(location + "/" + Ids.format(created.id())))
                        .header("ETag", ETags.quote(created.etag()))
                        .build();
            case WriteResult.Updated updated ->
                Response.status(put ? 204 : 200)
                        .location(URI.create(location + "/" + Ids.format(updated.id())))
                        .header("ETag", ETags.quote(updated.etag()))
                        .build();
            case WriteResult.Deleted deleted -> Response.noContent().build();
            case WriteResult.NotFound notFound ->
                ProblemResponses.of(Problems.notFound(notFound.detail()), correlationId);
            case WriteResult.ETagMismatch mismatch ->
                ProblemResponses.of(Problems.optimisticLockFailed(), correlationId);
            case WriteResult.Forbidden forbidden -> ProblemResponses.of(ClaimSetRules.outOfScope(), correlationId);
            case WriteResult.Invalid invalid -> ProblemResponses.of(invalid.problem(), correlationId);
            case WriteResult.UnresolvedReference unresolved ->
                ProblemResponses.of(Problems.unresolvedReference(unresolved.resourceName()), correlationId);
            case WriteResult.DependentItemExists dependent ->
                ProblemResponses.of(Problems.dependentItemExists(dependent.resourceName()), correlationId);
            case WriteResult.KeyChangeNotSupported keyChange ->
                ProblemResponses.of(Problems.keyChangeNotSupported(keyChange.resourceName()), correlationId);
            case WriteResult.NonUniqueIdentity nonUnique ->
                ProblemResponses.of(Problems.nonUniqueIdentity(nonUnique.resourceName()), correlationId);
            case WriteResult.Unavailable unavailable ->
                unavailable(
                        "The referenced '" + unavailable.resourceName() + "' item cannot be checked right now: the "
                                + "service that stores it is not reachable. Try again shortly.",
                        correlationId);
            case WriteResult.ReferrersUnknown unknown ->
                unavailable(
                        "Whether items of " + unknown.source() + " still reference this item cannot be checked right "
                                + "now: " + unknown.source() + " is not reachable. Try again shortly.",
                        correlationId);
        };
    }

    /** 503 with {@code Retry-After}: another service this answer depends on cannot be reached. */
    private static Response unavailable(String error, String correlationId) {
        return Response.fromResponse(ProblemResponses.of(Problems.unavailable(error), correlationId))
                .header("Retry-After", "5")
                .build();
    }
}
