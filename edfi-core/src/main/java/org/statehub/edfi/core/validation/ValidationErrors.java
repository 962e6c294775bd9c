package org.statehub.edfi.core.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages keyed by the JSON path they are about, in the order found. */
public final class ValidationErrors {

    private final Map<String, List<String>> byPath = new LinkedHashMap<>();

    public void add(String path, String message) {
        List<String> messages = byPath.computeIfAbsent(path, p -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return byPath;
    }
}
