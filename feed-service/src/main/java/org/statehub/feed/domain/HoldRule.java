package org.statehub.feed.domain;

import java.util.List;
import java.util.Optional;

/**
 * The safety hold of docs/FEEDS.md ("Safety holds"): a complete pull is held for an administrator's decision when,
 * of a resource this connection had sent at least {@code minimum} records of, it no longer has more than
 * {@code share} of them (the pull would delete them).
 */
public record HoldRule(double share, long minimum) {

    /** Of one resource: how many records the identity map knows, and how many of them the run no longer has. */
    public record Deletes(String resource, long known, long gone) {}

    /** What the run would delete beyond the rule ("30 of 100 students (30%), ..."), or empty when it goes on. */
    public Optional<String> overLimit(List<Deletes> byResource) {
        List<String> over = byResource.stream()
                .filter(d -> d.known() >= minimum && d.gone() > share * d.known())
                .map(d -> d.gone() + " of " + d.known() + " " + d.resource() + " ("
                        + Math.round(100.0 * d.gone() / d.known()) + "%)")
                .toList();
        return over.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", over));
    }

    /** The held run's reason: what it would delete and how to decide. */
    public String reason(long runId, String overLimit) {
        return "Held: it would delete " + overLimit + ", more than " + Math.round(share * 100)
                + "% of what this connection sent. Approve it (POST /feed/v1/runs/" + runId
                + "/approve) to publish, or reject it (/reject).";
    }
}
