package org.statehub.edfi.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.statehub.edfi.core.service.QueryService.QueryResult;
import org.statehub.http.ProblemResponses;

/** The one place where list-query outcomes become HTTP responses (the read side's {@link WriteResponses}). */
final class QueryResponses {

    private QueryResponses() {}

    static Response of(QueryResult result, String correlationId) {
        return of(result, new ProfileResolution.Outcome.Unfiltered(), null, correlationId);
    }

    /** A collection's items as the read's profile lets the client read them, in the profile's media type. */
    static Response of(
            QueryResult result, ProfileResolution.Outcome profile, ObjectMapper mapper, String correlationId) {
        return switch (result) {
            case QueryResult.BadRequest bad -> ProblemResponses.of(bad.problem(), correlationId);
            case QueryResult.Partitions partitions -> {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                partitions.pageTokens().forEach(answer.putArray("pageTokens")::add);
                yield Response.ok(answer.toString()).build();
            }
            case QueryResult.Items items -> {
                List<String> shown = profile instanceof ProfileResolution.Outcome.Unfiltered
                        ? items.items()
                        : items.items().stream()
                                .map(item -> profile.filter(mapper, item))
                                .toList();
                Response.ResponseBuilder response = Response.ok("[" + String.join(",", shown) + "]");
                profile.mediaType().ifPresent(response::type);
                if (items.totalCount() != null) {
                    response.header("Total-Count", items.totalCount());
                }
                if (items.nextPageToken() != null) {
                    response.header("Next-Page-Token", items.nextPageToken());
                }
                yield response.build();
            }
        };
    }
}
