package org.statehub.feed.domain;

/** A run as an administrator's decision on it sees it: its status, connection and what it read and held. */
public record HeldRun(RunStatus status, String connectionId, long read, long held) {}
