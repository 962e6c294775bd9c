package org.statehub.gateway.persistence;

import java.util.Map;

/**
 * A page of a list the Admin API asks for, read in SQL: {@code orderBy} one of the keys of the store's orders (null:
 * by id), {@code descending}, at most {@code limit} rows after {@code offset}.
 */
public record ListPage(String orderBy, boolean descending, int limit, int offset) {

    /**
     * The ORDER BY of the page: the expression {@code columns} gives the asked order (nulls first when ascending,
     * last when descending, as the Admin API's in-memory order had them), then {@code id}, so that a page is always
     * the same rows.
     */
    String sql(Map<String, String> columns, String id) {
        String direction = descending ? " DESC" : "";
        String order =
                orderBy == null ? "" : columns.get(orderBy) + (descending ? " DESC NULLS LAST" : " NULLS FIRST") + ", ";
        return order + id + direction;
    }
}
