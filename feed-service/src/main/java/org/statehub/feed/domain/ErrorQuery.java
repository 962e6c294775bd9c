package org.statehub.feed.domain;

import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * A filter, order and page of the data-error queue, as the query parameters of {@code GET /feed/v1/errors} give
 * it; null filters do not filter. {@code state} is one of {@link #STATES}, {@code sort} one of {@link #SORTS}.
 * What is not asked for is the default: open errors, oldest first ({@code age}), 100 from the first.
 */
public record ErrorQuery(
        @QueryParam("state") String state,
        @QueryParam("leaId") Long leaId,
        @QueryParam("schoolId") Long schoolId,
        @QueryParam("studentUniqueId") String studentUniqueId,
        @QueryParam("resource") String resource,
        @QueryParam("code") String code,
        @QueryParam("kind") String kind,
        @QueryParam("connectionId") String connectionId,
        @QueryParam("runId") Long runId,
        @QueryParam("minAgeBusinessDays") Integer minAgeBusinessDays,
        @QueryParam("overdue") Boolean overdue,
        @QueryParam("sort") String sort,
        @QueryParam("limit") Integer limit,
        @QueryParam("offset") Integer offset,
        @QueryParam("schoolYear") Integer schoolYear) {

    public ErrorQuery {
        state = state == null ? "open" : state;
        sort = sort == null ? "age" : sort;
        limit = limit == null ? 100 : limit;
        offset = offset == null ? 0 : offset;
    }

    public static final List<String> STATES = List.of("open", "resolved", "archived", "all");

    /** age: oldest first; lastSeen: most recently seen first; newest: newest first. */
    public static final List<String> SORTS = List.of("age", "lastSeen", "newest");
}
