package org.statehub.feed.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What retrying errors did: refused changes sent again, held records prepared again (and how many are still held),
 * and which connections were skipped because a pull of theirs is running.
 */
public record RetryResult(
        int resent,
        long preparedAgain,
        long stillHeld,
        @JsonInclude(JsonInclude.Include.NON_NULL) String skipped) {}
