package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.statehub.edfi.contract.KeyField;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * Natural keys in their two stored forms: the canonical text used for uniqueness (a JSON array of the key values
 * in declaration order) and the flat {@code keyValues} object served by change queries.
 */
public final class NaturalKeys {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NaturalKeys() {}

    public static String of(ResourceDefinition resource, JsonNode body) {
        ArrayNode values = NODES.arrayNode();
        for (KeyField field : resource.identity()) {
            values.add(normalize(field.path().get(body)));
        }
        return values.toString();
    }

    public static ObjectNode keyValues(ResourceDefinition resource, JsonNode body) {
        ObjectNode values = NODES.objectNode();
        for (KeyField field : resource.identity()) {
            values.set(field.name(), normalize(field.path().get(body)));
        }
        return values;
    }

    /**
     * The natural key of the item a reference object points to, or null when the reference lacks a field.
     * {@code fieldMap} says which reference field carries which identity member of the target.
     */
    public static String ofReference(ResourceDefinition target, ReferenceTarget via, JsonNode reference) {
        ArrayNode values = NODES.arrayNode();
        for (KeyField field : target.identity()) {
            String referenceField = null;
            for (Map.Entry<String, String> entry : via.fieldMap().entrySet()) {
                if (entry.getValue().equals(field.path().toString())) {
                    referenceField = entry.getKey();
                }
            }
            JsonNode value = referenceField == null ? null : reference.get(referenceField);
            if (value == null || value.isNull()) {
                return null;
            }
            values.add(normalize(value));
        }
        return values.toString();
    }

    /** Equal as key values: integers of any width compare by value. */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return normalize(a).equals(normalize(b));
    }

    /** Integers of any width print alike; everything else as it is. */
    private static JsonNode normalize(JsonNode value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value.isIntegralNumber()) {
            return NODES.numberNode(value.longValue());
        }
        return value;
    }
}
