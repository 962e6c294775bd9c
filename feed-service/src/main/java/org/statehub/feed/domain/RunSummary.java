package org.statehub.feed.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A run as {@code /feed/v1/runs} shows it: what the pull read, held and queued, how far its publishing got, and
 * (for a preview) what it would publish. The stored columns and counts are its components; {@link #unchanged},
 * {@link #rejected}, {@link #durationSeconds} and {@link #state} are worked out from them. With school years,
 * {@code years} gives the upserts, deletes and key changes per year ({@code {"2026": {"upserts": 3, ...}}}; their
 * totals are the run's); absent without years.
 */
@JsonPropertyOrder({
    "id",
    "connectionId",
    "trigger",
    "status",
    "reason",
    "startedAt",
    "finishedAt",
    "recordsRead",
    "recordsHeld",
    "upserts",
    "deletes",
    "keyChanges",
    "years",
    "publishing",
    "unchanged",
    "rejected",
    "durationSeconds",
    "state",
    "preview"
})
public record RunSummary(
        long id,
        String connectionId,
        String trigger,
        String status,
        String reason,
        Instant startedAt,
        Instant finishedAt,
        long recordsRead,
        long recordsHeld,
        long upserts,
        long deletes,
        long keyChanges,
        Publishing publishing,
        @JsonIgnore double elapsedSeconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode preview,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode years) {

    /** The run's changes in the outbox by their fate. */
    public record Publishing(long pending, long delivered, long rejected) {}

    /** Records read that were neither held nor queued. */
    @JsonProperty
    public long unchanged() {
        return Math.max(0, recordsRead - recordsHeld - upserts - keyChanges);
    }

    /** Changes the hub refused. */
    @JsonProperty
    public long rejected() {
        return publishing.rejected();
    }

    /** How long it ran (or has been running), in tenths of seconds. */
    @JsonProperty
    public double durationSeconds() {
        return Math.round(elapsedSeconds * 10) / 10.0;
    }

    /** The status, except that a succeeded run the hub refused some of is "partly succeeded". */
    @JsonProperty
    public String state() {
        return status.equals(RunStatus.SUCCEEDED.value()) && rejected() > 0 ? "partly succeeded" : status;
    }
}
