package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.statehub.edfi.contract.KeyField;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.feed.store.ResyncJobs;

/**
 * A resync's rules without a database: an item the hub served as one of its {@code resync_target} rows, and the
 * part of the report that names the orphans kept because another organization shares them.
 */
final class ResyncTargets {

    /** Kept items the report names one by one (it counts them all). */
    static final int KEPT_LISTED = 20;

    private ResyncTargets() {}

    /**
     * The item as the resync compares it: its natural key and key values from the contract's identity, the hub's
     * id, and its body without the hub's own members ({@code id}, {@code _etag}, {@code _lastModifiedDate},
     * links). Empty when the item is not an object with an id (it is left out of the comparison and counted).
     */
    static Optional<ResyncJobs.Target> of(ObjectMapper mapper, ResourceDefinition resource, JsonNode item) {
        if (!(item instanceof ObjectNode served)
                || !served.path("id").isTextual()
                || served.path("id").asText().isBlank()) {
            return Optional.empty();
        }
        ObjectNode body = served.deepCopy();
        String id = body.path("id").asText();
        body.remove(List.of("id", "_etag", "_lastModifiedDate"));
        ResourceDefinition.withoutLinks(body);
        ArrayNode key = mapper.createArrayNode();
        ObjectNode keyValues = mapper.createObjectNode();
        for (KeyField field : resource.identity()) {
            JsonNode value = field.path().get(body);
            key.add(value);
            keyValues.set(field.name(), value);
        }
        return Optional.of(
                new ResyncJobs.Target(resource.key(), key.toString(), keyValues.toString(), id, body.toString()));
    }

    /**
     * The orphans kept (shared with another organization) into the report: their number, their number by
     * resource, and the first {@link #KEPT_LISTED} of them with their key values.
     */
    static void reportKept(ObjectNode report, List<ResyncJobs.Orphan> kept) {
        report.put("sharedKept", kept.size());
        ObjectNode byResource = report.putObject("sharedKeptResources");
        ArrayNode listed = report.putArray("sharedKeptItems");
        for (ResyncJobs.Orphan orphan : kept) {
            byResource.put(orphan.resource(), byResource.path(orphan.resource()).asLong() + 1);
            if (listed.size() < KEPT_LISTED) {
                listed.addObject().put("resource", orphan.resource()).set("keyValues", orphan.keyValues());
            }
        }
    }
}
