package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * A record's extension members (decision 0020, step 6) checked against the contract the hub serves: the projects
 * under {@code _ext} and their members must be those of the resource's merged schema (names in any letter case,
 * as the hub takes them). What is not is held as a data error of the record, never dropped: sending it would be
 * refused by the hub, and leaving it out would lose the vendor's data without a word.
 */
public final class ExtensionMembers {

    /** The data error code of a record naming an extension project the hub does not serve for its resource. */
    static final String UNKNOWN_PROJECT = "unknown-extension";

    /** The data error code of a record naming a member its extension project does not have. */
    static final String UNKNOWN_MEMBER = "unknown-extension-member";

    private ExtensionMembers() {}

    /** Why a record's {@code _ext} cannot be sent: a data error's code and message. */
    record Problem(String code, String message) {}

    /** What is wrong with the record's {@code _ext}, or empty when it has none or only what the hub serves. */
    static Optional<Problem> check(ResourceDefinition resource, JsonNode record) {
        JsonNode ext = record.get("_ext");
        if (ext == null || ext.isNull()) {
            return Optional.empty();
        }
        JsonNode schema = resource.schema().path("properties").path("_ext");
        if (!ext.isObject()) {
            return Optional.of(new Problem(
                    UNKNOWN_PROJECT,
                    "The record's $._ext must be an object of extension projects (" + served(schema) + ")."));
        }
        for (Map.Entry<String, JsonNode> project : ext.properties()) {
            Optional<Map.Entry<String, JsonNode>> known = member(schema, project.getKey());
            if (known.isEmpty()) {
                return Optional.of(new Problem(
                        UNKNOWN_PROJECT,
                        "The record's $._ext." + project.getKey() + " is not an extension project the hub serves for "
                                + resource.key() + " (" + served(schema) + ")."));
            }
            String where = "$._ext." + project.getKey();
            String unknown = unknownIn(project.getValue(), known.get().getValue(), where);
            if (unknown != null) {
                return Optional.of(new Problem(
                        UNKNOWN_MEMBER,
                        "The record's " + unknown + " is not a member of " + resource.key()
                                + " in the extension project " + known.get().getKey() + "."));
            }
        }
        return Optional.empty();
    }

    /** The path of the first member of {@code node} that {@code schema} does not have, or null. */
    private static String unknownIn(JsonNode node, JsonNode schema, String path) {
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                String found = unknownIn(node.get(i), schema.get("items"), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject() && schema.has("properties")) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Optional<Map.Entry<String, JsonNode>> known = member(schema, entry.getKey());
                if (known.isEmpty()) {
                    if (schema.path("additionalProperties").asBoolean(true)) {
                        continue;
                    }
                    return path + "." + entry.getKey();
                }
                String found = unknownIn(entry.getValue(), known.get().getValue(), path + "." + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The member {@code name} of an object schema (in any letter case), with its name as the schema spells it. */
    static Optional<Map.Entry<String, JsonNode>> member(JsonNode schema, String name) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (property.getKey().equalsIgnoreCase(name)) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }

    /** "served: sample" or "none is served". */
    static String served(JsonNode extSchema) {
        List<String> names = new ArrayList<>();
        extSchema.path("properties").fieldNames().forEachRemaining(names::add);
        return names.isEmpty()
                ? "none is served (EDFI_EXTENSIONS names those a deployment serves)"
                : "served: " + String.join(", ", names);
    }
}
