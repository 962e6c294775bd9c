package org.statehub.feed.domain;

/** What an outbox row asks of the hub ({@code outbox.operation}). */
public enum Operation implements Stored {
    /** POST of the body (by natural key). */
    UPSERT,
    /** DELETE of the item found by the row's key values. */
    DELETE,
    /** PUT of the new body to the item the old key names. */
    KEY_CHANGE,
    /** DELETE by id of an orphan a resync found, as feed-service's administrator client. */
    PURGE
}
