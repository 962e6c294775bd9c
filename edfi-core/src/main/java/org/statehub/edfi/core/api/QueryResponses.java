package org.statehub.edfi.core.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import org.statehub.edfi.core.service.QueryService.QueryResult;
import org.statehub.http.ProblemResponses;

/** The one place where list-query outcomes become HTTP responses (the read side's {@link WriteResponses}). */
final class QueryResponses {

    private QueryResponses() {}

    static Response of(QueryResult result, String correlationId) {
        return switch (result) {
            case QueryResult.BadRequest bad -> ProblemResponses.of(bad.problem(), correlationId);
            case QueryResult.Partitions partitions -> {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                partitions.pageTokens().forEach(answer.putArray("pageTokens")::add);
                yield Response.ok(answer.toString()).build();
            }
            case QueryResult.Items items -> {
                Response.ResponseBuilder response = Response.ok("[" + String.join(",", items.items()) + "]");
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
