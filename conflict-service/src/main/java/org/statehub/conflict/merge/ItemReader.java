package org.statehub.conflict.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.client.EdFiClient;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.core.service.NaturalKeys;

/** The items a merge works on, read at their owning services by natural key, and its stored before-images. */
@Singleton
@RequiredArgsConstructor
class ItemReader {

    private final EdFiClient client;
    private final ResourceCatalog catalog;
    private final ObjectMapper mapper;

    /** The student with this studentUniqueId at student-service, if any. */
    Optional<JsonNode> student(String uniqueId) throws IOException {
        List<JsonNode> found = client.query(MergeItems.STUDENTS, Map.of("studentUniqueId", uniqueId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The item of {@code resource} with the natural key of {@code body}, at its owner. */
    Optional<JsonNode> byKey(String resource, JsonNode body) throws IOException {
        Map<String, String> query = new HashMap<>();
        NaturalKeys.keyValues(catalog.find(resource), body)
                .fields()
                .forEachRemaining(e -> query.put(e.getKey(), e.getValue().asText()));
        String key = key(resource, body);
        for (JsonNode item : client.query(resource, query)) {
            if (key(resource, item).equals(key)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** The natural key of {@code body} as a resource of its kind. */
    String key(String resource, JsonNode body) {
        return NaturalKeys.of(catalog.find(resource), body);
    }

    /** A stored before-image. */
    ObjectNode parse(String json) throws SQLException {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new SQLException("A stored before-image is not a JSON object", e);
        }
    }
}
