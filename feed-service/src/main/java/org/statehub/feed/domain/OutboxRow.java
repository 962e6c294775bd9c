package org.statehub.feed.domain;

/**
 * A claimed outbox row; {@code body} and {@code keyValues} are JSON text, {@code targetId} the hub's id of the item
 * a key change changes, when it was known; {@code schoolYear} the year it is published to ({@code 0}: none, a
 * deployment without school years).
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
        String targetId,
        int schoolYear) {

    /**
     * The path prefix of the row's year at the hub ({@code /2026}, before {@code /data/v3/...}); empty without
     * years.
     */
    public String yearPrefix() {
        return schoolYear > 0 ? "/" + schoolYear : "";
    }

    /** What the row's data error keeps of it: its body, or for a delete its key values. */
    public String record() {
        return body != null ? body : keyValues;
    }
}
