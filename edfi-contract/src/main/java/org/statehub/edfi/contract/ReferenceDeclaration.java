package org.statehub.edfi.contract;

import java.util.List;

/**
 * A reference member of a resource ({@code $.studentReference}, {@code $.cohortYears[*].schoolYearTypeReference}).
 * A polymorphic reference (an education organization) has several targets; it resolves to whichever has the key.
 * {@code cascadesKeyChanges}: when the target's natural key changes, the reference follows (ON UPDATE CASCADE).
 */
public record ReferenceDeclaration(
        JsonPath path,
        boolean required,
        String targetResourceName,
        List<ReferenceTarget> targets,
        boolean cascadesKeyChanges) {

    public boolean polymorphic() {
        return targets.size() > 1;
    }
}
