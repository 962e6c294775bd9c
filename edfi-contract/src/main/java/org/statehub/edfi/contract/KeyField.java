package org.statehub.edfi.contract;

import java.util.List;

/**
 * One natural-key column of a resource: its flattened leaf name (as in {@code keyValues} and query parameters),
 * the JSON path that carries it, the other paths that must hold the same value, and its type.
 */
public record KeyField(String name, JsonPath path, List<JsonPath> alsoAt, String type) {

    public boolean isInteger() {
        return type.startsWith("int");
    }
}
