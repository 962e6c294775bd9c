package org.statehub.simulator.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import lombok.RequiredArgsConstructor;

/**
 * The vendor's resources: their path name, the prefix of their source ids, and how many records each student
 * brings (0 for the education organizations and sessions, which depend on the district's shape).
 */
@RequiredArgsConstructor
public enum ResourceType {
    LOCAL_EDUCATION_AGENCIES("localEducationAgencies", "LEA", 0),
    SCHOOLS("schools", "SCH", 0),
    SESSIONS("sessions", "SES", 0),
    STUDENTS("students", "STU", 1),
    CONTACTS("contacts", "CON", 2),
    STUDENT_CONTACT_ASSOCIATIONS("studentContactAssociations", "SCA", 2),
    STUDENT_EDUCATION_ORGANIZATION_ASSOCIATIONS("studentEducationOrganizationAssociations", "SEOA", 1),
    STUDENT_SCHOOL_ASSOCIATIONS("studentSchoolAssociations", "ENR", 1),
    STUDENT_SCHOOL_ATTENDANCE_EVENTS("studentSchoolAttendanceEvents", "ATT", 3);

    private final String path;
    private final String sourceIdPrefix;
    private final int perStudent;

    public String path() {
        return path;
    }

    /** The vendor's source id of the record at {@code index}: the prefix and nine digits ({@code STU-000000042}). */
    public String sourceId(int index) {
        return sourceIdPrefix + "-" + DistrictIds.pad(index, 9);
    }

    /** The index a source id of this form ({@link #sourceId}) names, if it has the form. */
    public OptionalLong sourceIndex(String sourceId) {
        String prefix = sourceIdPrefix + "-";
        return sourceId.startsWith(prefix)
                        && sourceId.substring(prefix.length()).matches("\\d{9}")
                ? OptionalLong.of(Long.parseLong(sourceId.substring(prefix.length())))
                : OptionalLong.empty();
    }

    /** Records per student for the student-owned resources; 0 for the others. */
    public int perStudent() {
        return perStudent;
    }

    public static Optional<ResourceType> byPath(String path) {
        return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
    }
}
