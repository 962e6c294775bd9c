package org.statehub.conflict.api;

import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * The filters the two worklists of students (duplicates, conflicts) take beside {@link ListParameters}: an LEA
 * ({@code leaId}) and an age in days ({@code minAgeDays}), read as {@link Parameters} reads them.
 */
public class WorklistFilters {

    @QueryParam("leaId")
    String leaId;

    @QueryParam("minAgeDays")
    String minAgeDays;

    /** The LEA asked for, or null. */
    Long lea(List<String> errors) {
        return Parameters.number(leaId, "leaId", 1, Long.MAX_VALUE, null, errors);
    }

    /** The least age in days asked for (0: any). */
    int minAgeDays(List<String> errors) {
        return Parameters.minAgeDays(minAgeDays, errors);
    }
}
