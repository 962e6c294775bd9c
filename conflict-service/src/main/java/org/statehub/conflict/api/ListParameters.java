package org.statehub.conflict.api;

import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * The query parameters every worklist list takes (duplicates, conflicts, merges): {@code state} and the page
 * ({@code limit}, {@code offset}), read as {@link Parameters} reads them; a resource's own filters stay in its
 * method.
 */
public class ListParameters {

    @QueryParam("state")
    String state;

    @QueryParam("limit")
    String limit;

    @QueryParam("offset")
    String offset;

    /**
     * The school year listed, with years kept apart (every year the caller reaches when absent). Read by {@link
     * YearScope} before the resource runs; declared here so the OpenAPI document names it and it matches in any case.
     */
    @QueryParam("schoolYear")
    String schoolYear;

    /** The states {@code state} selects among {@code allowed} ({@code absent} when not given). */
    List<String> states(String absent, List<String> allowed, List<String> errors) {
        return Parameters.states(state, absent, allowed, errors);
    }

    /** The page asked for. */
    Parameters.Page page(List<String> errors) {
        return Parameters.page(limit, offset, errors);
    }
}
