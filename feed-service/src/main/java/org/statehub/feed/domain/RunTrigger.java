package org.statehub.feed.domain;

/** What started a run ({@code feed_run.trigger}). */
public enum RunTrigger implements Stored {
    SCHEDULE,
    MANUAL,
    PUSH,
    /** Held records tried again with the mappings as they are now. */
    RETRY,
    /** A dry run: reads and compares, publishes nothing. */
    PREVIEW,
    RESYNC
}
