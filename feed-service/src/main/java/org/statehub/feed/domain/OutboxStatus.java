package org.statehub.feed.domain;

/** An outbox row's status ({@code outbox.status}). */
public enum OutboxStatus implements Stored {
    /** Not delivered yet (new, or waiting to be tried again). */
    PENDING,
    DELIVERED,
    /** Refused by the hub, or undeliverable: never tried again by itself. */
    REJECTED
}
