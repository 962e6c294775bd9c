package org.statehub.feed.domain;

/**
 * A claimed outbox row; {@code body} and {@code keyValues} are JSON text, {@code targetId} the hub's id of the item
 * a key change changes, when it was known.
 */
public record OutboxRow(
        long id,
        String connectionId,
        String resource,
        String sourceId,
        Operation operation,
        String body,
        String keyValues,
        int attempts,
        String targetId) {

    /** What the row's data error keeps of it: its body, or for a delete its key values. */
    public String record() {
        return body != null ? body : keyValues;
    }
}
