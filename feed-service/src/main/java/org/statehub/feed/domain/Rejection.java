package org.statehub.feed.domain;

/** A change the hub refused ({@code /feed/v1/rejections}): the outbox row with the hub's status and answer. */
public record Rejection(
        long id,
        long runId,
        String connectionId,
        String resource,
        String sourceId,
        String operation,
        Integer status,
        String response,
        int attempts) {}
