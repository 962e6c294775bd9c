package org.statehub.feed.domain;

import java.util.List;

/**
 * A filter, order and page of the data-error queue; null filters do not filter. {@code state} is one of
 * {@link #STATES}, {@code sort} one of {@link #SORTS}.
 */
public record ErrorQuery(
        String state,
        Long leaId,
        Long schoolId,
        String studentUniqueId,
        String resource,
        String code,
        String kind,
        String connectionId,
        Long runId,
        Integer minAgeBusinessDays,
        Boolean overdue,
        String sort,
        Integer limit,
        Integer offset) {

    public static final List<String> STATES = List.of("open", "resolved", "archived", "all");

    /** age: oldest first; lastSeen: most recently seen first; newest: newest first. */
    public static final List<String> SORTS = List.of("age", "lastSeen", "newest");
}
