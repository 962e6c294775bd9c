package org.statehub.edfi.core.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * The one answer to a method an Ed-Fi resource path does not take, before routing: 405 with {@code Allow} and the
 * problem body, the ODS/API's wording where it has one. A collection ({@code /data/v3/{project}/{resource}}, the
 * core's under {@code ed-fi}, an extension's under its name) takes GET and POST; an item
 * ({@code /data/v3/{project}/{resource}/{id}}, and so also {@code /deletes}, {@code /keyChanges},
 * {@code /partitions} and {@code /reports}, whose other methods reach the item's and its id check) takes GET, PUT
 * and DELETE. So PATCH, HEAD and OPTIONS are refused too (JAX-RS would answer HEAD and OPTIONS itself). Being
 * decided on the path alone, the refusal comes before authentication, as in the ODS/API, whose routing does too.
 */
public class AllowedMethods {

    static final String PREFIX = "/data/v3/";
    static final List<String> COLLECTION = List.of("GET", "POST");
    static final List<String> ITEM = List.of("GET", "PUT", "DELETE");

    @Inject
    Correlation correlation;

    /** A method refused on a path: the methods it takes and the problem. */
    record Refusal(List<String> allowed, Problem problem) {}

    @ServerRequestFilter(preMatching = true)
    public Response refuse(ContainerRequestContext request) {
        return refusal(request.getUriInfo().getPath(), request.getMethod())
                .map(refusal -> Response.fromResponse(ProblemResponses.of(refusal.problem(), correlation.id()))
                        .header("Allow", String.join(", ", refusal.allowed()))
                        .build())
                .orElse(null);
    }

    /** The refusal of {@code method} on {@code path}, or empty when the path takes it or is no resource path. */
    static Optional<Refusal> refusal(String path, String method) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // the project, the resource, and an item's id or a list's name
        String[] segments = path.substring(PREFIX.length()).split("/");
        if (segments.length < 2 || segments.length > 3 || segments[0].isEmpty() || segments[1].isEmpty()) {
            return Optional.empty(); // no resource path: routing answers 404
        }
        boolean collection = segments.length == 2;
        List<String> allowed = collection ? COLLECTION : ITEM;
        if (allowed.contains(method)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(allowed, Problems.methodNotAllowed(error(collection, method))));
    }

    private static String error(boolean collection, String method) {
        if (!collection && method.equals("POST")) {
            return "Resource items can only be updated using PUT. To \"upsert\" an item in the resource collection "
                    + "using POST, remove the \"id\" from the route.";
        }
        if (collection && method.equals("PUT")) {
            return "Resource collections cannot be replaced. To \"upsert\" an item in the collection, use POST. To "
                    + "update a specific item, use PUT and include the \"id\" in the route.";
        }
        if (collection && method.equals("DELETE")) {
            return "Resource collections cannot be deleted. To delete a specific item, use DELETE and include the "
                    + "\"id\" in the route.";
        }
        return "The endpoint does not support the '" + method + "' method.";
    }
}
