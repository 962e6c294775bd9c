package org.statehub.testing;

/**
 * Valid Ed-Fi bodies for test fixtures, each from the few values a test varies (ids, names, references); the
 * rest is fixed: school year 2025, a fall session from 2024-08-19 to 2024-12-20, ninth grade, standard
 * descriptors. A test that checks a member itself writes its body out where it is checked.
 */
public final class EdFiBodies {

    private EdFiBodies() {}

    /**
     * A {@code <Resource>} of an Ed-Fi API profile (the ODS/API's XML) that lets a client read of schools only
     * their names and their addresses' cities.
     */
    public static final String SCHOOL_NAMES_AND_CITIES = """
              <Resource name="School">
                <ReadContentType memberSelection="IncludeOnly">
                  <Property name="NameOfInstitution"/>
                  <Collection name="EducationOrganizationAddresses" memberSelection="IncludeOnly">
                    <Property name="City"/>
                  </Collection>
                </ReadContentType>
              </Resource>
            """;

    /** Local education agency {@code id}, named "LEA {id}", in no hierarchy. */
    public static String lea(long id) {
        return lea(id, null, null);
    }

    /** Local education agency {@code id} under the state education agency and/or service center (either may be null). */
    public static String lea(long id, Long sea, Long esc) {
        return """
                {"localEducationAgencyId":%d,"nameOfInstitution":"LEA %d",%s%s
                 "localEducationAgencyCategoryDescriptor":"uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent",
                 "categories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#Local Education Agency"}]}
                """.formatted(
                id,
                id,
                sea == null ? "" : "\"stateEducationAgencyReference\":{\"stateEducationAgencyId\":" + sea + "},",
                esc == null ? "" : "\"educationServiceCenterReference\":{\"educationServiceCenterId\":" + esc + "},");
    }

    /** School {@code id}, named "School {id}", of the local education agency, serving ninth grade. */
    public static String school(long id, long lea) {
        return """
                {"schoolId":%d,"nameOfInstitution":"School %d","localEducationAgencyReference":{"localEducationAgencyId":%d},
                 "educationOrganizationCategories":[{"educationOrganizationCategoryDescriptor":"uri://ed-fi.org/EducationOrganizationCategoryDescriptor#School"}],
                 "gradeLevels":[{"gradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}]}
                """.formatted(id, id, lea);
    }

    /** The school's fall session of school year 2025 under this name. */
    public static String session(long school, String name) {
        return """
                {"sessionName":"%s","schoolReference":{"schoolId":%d},
                 "schoolYearTypeReference":{"schoolYear":2025},"beginDate":"2024-08-19","endDate":"2024-12-20",
                 "termDescriptor":"uri://ed-fi.org/TermDescriptor#Fall Semester","totalInstructionalDays":82}
                """.formatted(name, school);
    }

    /** An IEP calendar of the school for school year 2025. */
    public static String calendar(long school, String code) {
        return """
                {"calendarCode":"%s","schoolReference":{"schoolId":%d},"schoolYearTypeReference":{"schoolYear":2025},
                 "calendarTypeDescriptor":"uri://ed-fi.org/CalendarTypeDescriptor#IEP"}
                """.formatted(code, school);
    }

    /** Student {@code id}: Lisa Woods, born 2008-05-17. */
    public static String student(String id) {
        return """
                {"studentUniqueId":"%s","firstName":"Lisa","lastSurname":"Woods","birthDate":"2008-05-17"}
                """.formatted(id);
    }

    /** Contact {@code id}: Ann Woods. */
    public static String contact(String id) {
        return """
                {"contactUniqueId":"%s","firstName":"Ann","lastSurname":"Woods"}
                """.formatted(id);
    }

    /** The student's association with the contact. */
    public static String studentContactAssociation(String student, String contact) {
        return """
                {"studentReference":{"studentUniqueId":"%s"},"contactReference":{"contactUniqueId":"%s"}}
                """.formatted(student, contact);
    }

    /** The student's association with the education organization (female). */
    public static String studentEducationOrganizationAssociation(String student, long organization) {
        return """
                {"educationOrganizationReference":{"educationOrganizationId":%d},
                 "studentReference":{"studentUniqueId":"%s"},"sexDescriptor":"uri://ed-fi.org/SexDescriptor#Female"}
                """.formatted(organization, student);
    }

    /** The student's enrollment at the school in ninth grade from 2024-08-19. */
    public static String enrollment(String student, long school) {
        return enrollment(student, school, "2024-08-19");
    }

    /** The student's enrollment at the school in ninth grade from {@code entryDate}. */
    public static String enrollment(String student, long school, String entryDate) {
        return """
                {"studentReference":{"studentUniqueId":"%s"},"schoolReference":{"schoolId":%d},
                 "entryDate":"%s","entryGradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"}
                """.formatted(student, school, entryDate);
    }

    /** The student's tardy on 2024-09-03 at the school, in its session of this name. */
    public static String attendance(String student, long school, String session) {
        return """
                {"attendanceEventCategoryDescriptor":"uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy",
                 "eventDate":"2024-09-03","schoolReference":{"schoolId":%d},
                 "sessionReference":{"schoolId":%d,"schoolYear":2025,"sessionName":"%s"},
                 "studentReference":{"studentUniqueId":"%s"}}
                """.formatted(school, school, session, student);
    }
}
