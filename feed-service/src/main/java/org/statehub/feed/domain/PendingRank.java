package org.statehub.feed.domain;

/** The lowest dependency rank a connection has pending rows in: the only one of it delivery claims from. */
public record PendingRank(String connectionId, int rank) {}
