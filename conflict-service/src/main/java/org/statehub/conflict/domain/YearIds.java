package org.statehub.conflict.domain;

import java.util.Optional;

/**
 * The ids of a deployment that keeps school years apart (docs/CONFLICTS.md, "School years"): each year is a data space
 * of its own (a schema, {@code conflict_2027}), whose pairs, conflicts and merges are numbered from {@code year} x
 * {@link #SPAN}, so an id names its year ({@code 2027000000012} is the twelfth of 2027) and a request about one needs
 * nothing else. Without years the ids are the service's one sequence, far below any year's.
 */
public final class YearIds {

    /** How many ids a year has. */
    public static final long SPAN = 1_000_000_000L;

    private static final long FIRST_YEAR = 2000;
    private static final long LAST_YEAR = 2099;

    private YearIds() {}

    /** The id before a year's first: its sequences start after it. */
    public static long before(String year) {
        return Long.parseLong(year) * SPAN;
    }

    /** The school year an id names, or empty for an id of no year (a deployment without years). */
    public static Optional<String> yearOf(long id) {
        long year = id / SPAN;
        return year >= FIRST_YEAR && year <= LAST_YEAR ? Optional.of(Long.toString(year)) : Optional.empty();
    }

    /** The school year an id names as the API shows it, or null (no year). */
    public static Integer schoolYear(long id) {
        return yearOf(id).map(Integer::valueOf).orElse(null);
    }
}
