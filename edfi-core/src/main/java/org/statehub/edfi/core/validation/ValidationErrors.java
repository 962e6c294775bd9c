package org.statehub.edfi.core.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages keyed by the JSON path they are about, in the order found. At most {@link #MAX_MESSAGES} are kept, so
 * that the answer to a body with a huge invalid array stays small; the rest are counted.
 */
public final class ValidationErrors {

    /** Most messages an answer carries. */
    public static final int MAX_MESSAGES = 100;

    private final Map<String, List<String>> byPath = new LinkedHashMap<>();
    private int kept;
    private long leftOut;
    private boolean stopped;

    public void add(String path, String message) {
        List<String> messages = byPath.get(path);
        if (messages != null && messages.contains(message)) {
            return;
        }
        if (kept >= MAX_MESSAGES) {
            leftOut++;
            return;
        }
        if (messages == null) {
            messages = new ArrayList<>();
            byPath.put(path, messages);
        }
        messages.add(message);
        kept++;
    }

    /** Validation stopped early because the most messages were found: there may be more than were counted. */
    void stopped() {
        stopped = true;
    }

    /** Whether no more messages will be kept. */
    public boolean full() {
        return kept >= MAX_MESSAGES;
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return byPath;
    }

    /** What the answer says of the messages left out, or an empty list when none were. */
    public List<String> leftOut() {
        if (leftOut == 0 && !stopped) {
            return List.of();
        }
        String more = stopped ? "at least " + Math.max(leftOut, 1) : String.valueOf(leftOut);
        return List.of(
                "Only the first " + MAX_MESSAGES + " validation errors are reported; " + more + " more were left out.");
    }
}
