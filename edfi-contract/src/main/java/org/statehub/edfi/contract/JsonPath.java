package org.statehub.edfi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * A JSONPath of the small form the contract uses: {@code $.a.b}, {@code $.a[*].b}. Selecting expands every
 * {@code [*]} and reports each match with its concrete path ({@code $.a[2].b}), as error messages need it.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class JsonPath {

    private final String text;
    private final List<String> segments; // field names, or "[*]" for every item of an array

    public static JsonPath parse(String text) {
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("A JSON path starts with '$': " + text);
        }
        List<String> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                segments.add(text.substring(i + 1, end));
                i = end;
            } else if (text.startsWith("[*]", i)) {
                segments.add("[*]");
                i += 3;
            } else {
                throw new IllegalArgumentException("Unsupported JSON path: " + text);
            }
        }
        return new JsonPath(text, List.copyOf(segments));
    }

    public List<String> segments() {
        return segments;
    }

    /** The last field name of the path ({@code schoolId} for {@code $.schoolReference.schoolId}). */
    public String leaf() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (!segments.get(i).equals("[*]")) {
                return segments.get(i);
            }
        }
        return "$";
    }

    /** The path without its last segment ({@code $.a[*].b} gives {@code $.a[*]}). */
    public JsonPath parent() {
        List<String> parent = segments.subList(0, Math.max(0, segments.size() - 1));
        StringBuilder text = new StringBuilder("$");
        for (String segment : parent) {
            text.append(segment.equals("[*]") ? segment : "." + segment);
        }
        return new JsonPath(text.toString(), List.copyOf(parent));
    }

    public boolean hasWildcard() {
        return segments.contains("[*]");
    }

    /** The value at a path without wildcards, or null when absent or JSON null. */
    public JsonNode get(JsonNode root) {
        JsonNode node = root;
        for (String segment : segments) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(segment);
        }
        return node == null || node.isNull() ? null : node;
    }

    /** Calls {@code consumer} with the concrete path and the node of every non-null match. */
    public void select(JsonNode root, BiConsumer<String, JsonNode> consumer) {
        select(root, 0, "$", consumer);
    }

    private void select(JsonNode node, int index, String at, BiConsumer<String, JsonNode> consumer) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (index == segments.size()) {
            consumer.accept(at, node);
            return;
        }
        String segment = segments.get(index);
        if (segment.equals("[*]")) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    select(node.get(i), index + 1, at + "[" + i + "]", consumer);
                }
            }
        } else if (node.isObject()) {
            select(node.get(segment), index + 1, at + "." + segment, consumer);
        }
    }

    /**
     * Builds the smallest document that has {@code value} at this path, wildcards becoming one-item arrays:
     * {@code $.codes[*].code} and "x" give {@code {"codes":[{"code":"x"}]}}. Used for containment queries.
     */
    public void put(ObjectNode root, JsonNode value) {
        JsonNode container = root;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals("[*]")) {
                var array = (com.fasterxml.jackson.databind.node.ArrayNode) container;
                if (array.isEmpty()) {
                    array.addObject();
                }
                container = array.get(0);
                continue;
            }
            ObjectNode object = (ObjectNode) container;
            if (last) {
                object.set(segment, value);
            } else if (segments.get(i + 1).equals("[*]")) {
                container = object.has(segment) ? object.get(segment) : object.putArray(segment);
            } else {
                container = object.has(segment) ? object.get(segment) : object.putObject(segment);
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
