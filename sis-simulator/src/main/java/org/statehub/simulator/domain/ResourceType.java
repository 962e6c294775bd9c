package org.statehub.simulator.domain;

import java.util.Arrays;
import java.util.Optional;
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

    public String sourceIdPrefix() {
        return sourceIdPrefix;
    }

    /** Records per student for the student-owned resources; 0 for the others. */
    public int perStudent() {
        return perStudent;
    }

    public static Optional<ResourceType> byPath(String path) {
        return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
    }
}
