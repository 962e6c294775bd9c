package org.statehub.edfi.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks a resource's JSON Schema: follows local {@code $ref}s, picks the non-null branch of the
 * {@code anyOf [X, null]} form optional members use, and steps into properties and array items.
 */
public final class SchemaNavigator {

    private SchemaNavigator() {}

    /** The schema that applies at {@code path} in documents of the resource, or null when there is none. */
    public static JsonNode at(JsonNode root, JsonPath path) {
        JsonNode node = resolve(root, root);
        for (String segment : path.segments()) {
            if (node == null) {
                return null;
            }
            node = segment.equals("[*]") ? resolve(root, node.get("items")) : property(root, node, segment);
        }
        return node;
    }

    public static JsonNode property(JsonNode root, JsonNode objectSchema, String name) {
        JsonNode properties = objectSchema.get("properties");
        return properties == null ? null : resolve(root, properties.get(name));
    }

    /** Follows {@code $ref} and unwraps {@code anyOf [X, {type: null}]}. */
    public static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode node = schema;
        for (int guard = 0; node != null && guard < 16; guard++) {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                if (!ref.startsWith("#/$defs/")) {
                    return node;
                }
                node = root.path("$defs").get(ref.substring("#/$defs/".length()));
            } else if (node.has("anyOf")) {
                JsonNode chosen = null;
                for (JsonNode branch : node.get("anyOf")) {
                    if (!"null".equals(branch.path("type").asText())) {
                        chosen = branch;
                    }
                }
                node = chosen;
            } else {
                return node;
            }
        }
        return node;
    }

    /** True when the schema's type (a string or an array of strings) names {@code type}. */
    public static boolean hasType(JsonNode schema, String type) {
        if (schema == null) {
            return false;
        }
        JsonNode t = schema.get("type");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        for (JsonNode each : t) {
            if (each.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
