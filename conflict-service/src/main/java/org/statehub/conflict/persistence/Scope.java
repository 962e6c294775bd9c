package org.statehub.conflict.persistence;

/** The worklists' scope for clients of some education organizations, as SQL. */
final class Scope {

    private Scope() {}

    /**
     * The student in {@code column} (a studentUniqueId) is related, by an enrollment or an SEOA, to the
     * organizations of one {@code text[]} parameter or to the schools of the LEAs among them: edfi-core's
     * relationship views, looked up for that one student (the organizations are reached once per query), so the
     * cost does not grow with the size of the organization.
     */
    static String studentRelated(String column) {
        return "EXISTS (SELECT 1 FROM auth_student_education_organization a WHERE a.student_unique_id = " + column
                + " AND a.education_organization_id = ANY ((SELECT auth_education_organizations(?::text[]))::text[]))";
    }
}
