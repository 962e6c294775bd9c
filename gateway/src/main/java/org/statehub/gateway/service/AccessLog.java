package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The access log of student records for the whole API: each data service keeps its own ({@code GET
 * /audit/v1/accesses}, StateAdmin only); the gateway asks every one with the caller's token and the same filters
 * and merges the answers, newest first, each entry naming its service.
 */
@ApplicationScoped
public class AccessLog {

    /** What a request for the access log came to. */
    public sealed interface Outcome permits Entries, Failed {}

    /** The merged entries. */
    public record Entries(ArrayNode entries) implements Outcome {}

    /** A service did not answer, or refused (a 400 for bad filters, a 403 for a caller who is no StateAdmin). */
    public record Failed(FanOut.Failure failure) implements Outcome {}

    @Inject
    FanOut fanOut;

    @Inject
    ObjectMapper mapper;

    /** The newest {@code limit} entries of every service that match the query's filters. */
    public Outcome accesses(String authorization, String query, int limit, String correlationId) {
        Map<String, FanOut.Reply> replies =
                fanOut.get("/audit/v1/accesses" + (query == null ? "" : "?" + query), authorization, correlationId);
        FanOut.Failure failed = FanOut.firstFailure(replies);
        if (failed != null) {
            return new Failed(failed);
        }
        List<ObjectNode> entries = new ArrayList<>();
        for (Map.Entry<String, FanOut.Reply> reply : replies.entrySet()) {
            try {
                for (JsonNode entry : mapper.readTree(reply.getValue().body())) {
                    ObjectNode copy = ((ObjectNode) entry).deepCopy();
                    copy.put("service", reply.getKey());
                    entries.add(copy);
                }
            } catch (IOException | ClassCastException e) {
                return new Failed(new FanOut.Refused(502, reply.getValue().body()));
            }
        }
        entries.sort(Comparator.comparing(
                        (ObjectNode e) -> Instant.parse(e.path("accessedAt").asText()))
                .reversed());
        ArrayNode merged = mapper.createArrayNode();
        entries.stream().limit(limit).forEach(merged::add);
        return new Entries(merged);
    }
}
