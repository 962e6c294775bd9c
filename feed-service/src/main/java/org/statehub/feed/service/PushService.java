package org.statehub.feed.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.SisConnection;

/** A pushed batch: checked, then run through the same pipeline as a pull (mapping, rules, identity map, outbox). */
@Singleton
@RequiredArgsConstructor
public class PushService {

    static final int MAX_RECORDS = 10_000;

    private final Pipeline pipeline;

    /**
     * Runs {@code request} (an array of records, or {@code {"records": [...], "deletes": ["sourceId", ...]}}) for
     * {@code resource} of a push connection.
     */
    public Outcome<Puller.PushResult> push(SisConnection connection, String resource, JsonNode request)
            throws SQLException {
        if (!connection.format().equals("push") || !connection.enabled()) {
            return Outcome.conflict(
                    "This connection does not take pushes (its format is not 'push', or it is " + "disabled).");
        }
        if (!Puller.LOAD_ORDER.containsKey(resource) || !connection.resources().contains(resource)) {
            return Outcome.notFound("The connection does not take '" + resource + "'.");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<ObjectNode> records = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        read(request, records, deletes, errors);
        if (records.size() + deletes.size() > MAX_RECORDS) {
            errors.put("$", List.of("A batch holds at most " + MAX_RECORDS + " records and deletes; send several."));
        }
        if (!errors.isEmpty()) {
            return new Outcome.Invalid<>(errors);
        }
        Optional<Puller.PushResult> result = pipeline.push(connection, resource, records, deletes);
        return result.isPresent()
                ? Outcome.done(result.get())
                : Outcome.conflict("Another batch of this connection is being processed; send this one again "
                        + "when it has finished.");
    }

    private static void read(
            JsonNode request, List<ObjectNode> records, List<String> deletes, Map<String, List<String>> errors) {
        if (request == null || !(request.isArray() || request.isObject())) {
            errors.put(
                    "$",
                    List.of("An array of records, or {\"records\": [...], \"deletes\": [\"sourceId\", ...]}, "
                            + "is expected."));
            return;
        }
        JsonNode recordArray = request.isArray() ? request : request.get("records");
        if (recordArray != null && !recordArray.isArray()) {
            errors.put("$.records", List.of("Records must be an array."));
        } else if (recordArray != null) {
            for (int i = 0; i < recordArray.size(); i++) {
                if (recordArray.get(i) instanceof ObjectNode record) {
                    records.add(record);
                } else {
                    errors.put("$.records[" + i + "]", List.of("A record must be a JSON object."));
                }
            }
        }
        JsonNode deleted = request.isObject() ? request.get("deletes") : null;
        if (deleted != null) {
            if (!deleted.isArray()) {
                errors.put("$.deletes", List.of("Deletes must be an array of source ids."));
            } else {
                deleted.forEach(d -> deletes.add(d.asText()));
            }
        }
    }
}
