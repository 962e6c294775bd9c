package org.statehub.feed.domain;

/** A run's status ({@code feed_run.status}): running until it ends in one of the others. */
public enum RunStatus implements Stored {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Waiting for an administrator's decision: it would delete too much (docs/FEEDS.md, Safety holds). */
    HELD,
    /** A held run an administrator rejected. */
    REJECTED,
    /** A held run a newer run of its connection replaced. */
    SUPERSEDED,
    /** A dry run's end: what it would publish is kept in the run, nothing was published. */
    PREVIEWED
}
