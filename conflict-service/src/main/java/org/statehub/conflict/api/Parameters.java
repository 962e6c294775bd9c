package org.statehub.conflict.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of the worklist APIs (duplicates, conflicts, merges), read alike: each problem is added to
 * the caller's list, so one answer names every bad parameter.
 */
final class Parameters {

    /** The longest note an administrator may give with an action. */
    static final int MAX_NOTE = 2000;

    private Parameters() {}

    /** A positive id from a path segment, or null when it is not one (the caller answers 404). */
    static Long id(String text) {
        try {
            long id = Long.parseLong(text);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Which page of a list: {@code limit} items from {@code offset}. */
    record Page(int limit, int offset) {}

    /** {@code limit} 1 to 500 (25 when absent) and {@code offset} 0 to 1,000,000 (0 when absent). */
    static Page page(String limit, String offset, List<String> errors) {
        return new Page(
                number(limit, "limit", 1, 500, 25L, errors).intValue(),
                number(offset, "offset", 0, 1_000_000, 0L, errors).intValue());
    }

    /** {@code minAgeDays}: 0 to 36,500 days, 0 when absent. */
    static int minAgeDays(String text, List<String> errors) {
        return number(text, "minAgeDays", 0, 36_500, 0L, errors).intValue();
    }

    /** A whole number between {@code min} and {@code max}; {@code absent} when not given or not valid. */
    static Long number(String text, String name, long min, long max, Long absent, List<String> errors) {
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < min || value > max) {
                errors.add(name + " must be between " + min + " and " + max + ".");
                return absent;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(name + " must be a whole number.");
            return absent;
        }
    }

    /**
     * The states a {@code state} parameter selects: one of {@code allowed}, or {@code all} for every one of them;
     * {@code absent} when not given (itself one of the allowed states or {@code all}).
     */
    static List<String> states(String given, String absent, List<String> allowed, List<String> errors) {
        String state = given == null ? absent : given;
        if (state.equals("all")) {
            return allowed;
        }
        if (allowed.contains(state)) {
            return List.of(state);
        }
        errors.add("state must be one of " + String.join(", ", allowed) + ", all.");
        return List.of();
    }

    /**
     * The {@code note} member of an action's body, stripped; null when absent (an error at {@code $.note} when
     * {@code required}, saying what the note is for: {@code hint}), not text or too long.
     */
    static String note(JsonNode json, boolean required, String hint, Map<String, List<String>> errors) {
        JsonNode value = json == null || !json.isObject() ? null : json.get("note");
        if (value == null
                || value.isNull()
                || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                errors.put("$.note", List.of("note is required: " + hint + "."));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.put("$.note", List.of("note must be text."));
            return null;
        }
        String note = value.asText().strip();
        if (note.length() > MAX_NOTE) {
            errors.put("$.note", List.of("note is longer than " + MAX_NOTE + " characters."));
            return null;
        }
        return note;
    }
}
