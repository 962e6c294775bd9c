package org.statehub.feed.domain;

import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * A filter, order and page of the data-error queue, as the query parameters of {@code GET /feed/v1/errors} give
 * it; null filters do not filter. {@code state} is one of {@link #STATES}, {@code sort} one of {@link #SORTS}.
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
        @QueryParam("offset") Integer offset) {

    public static final List<String> STATES = List.of("open", "resolved", "archived", "all");

    /** age: oldest first; lastSeen: most recently seen first; newest: newest first. */
    public static final List<String> SORTS = List.of("age", "lastSeen", "newest");

    /** The same filters with this state, order and page. */
    public ErrorQuery with(String state, String sort, int limit, int offset) {
        return new ErrorQuery(
                state,
                leaId,
                schoolId,
                studentUniqueId,
                resource,
                code,
                kind,
                connectionId,
                runId,
                minAgeBusinessDays,
                overdue,
                sort,
                limit,
                offset);
    }
}
