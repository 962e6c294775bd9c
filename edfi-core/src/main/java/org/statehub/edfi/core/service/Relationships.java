package org.statehub.edfi.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.statehub.edfi.core.contract.ResourceDefinition;
import org.statehub.edfi.core.store.Filter;

/**
 * Ed-Fi's relationship-based authorization as SQL conditions on an item ({@code body} and {@code created_by} of
 * a row; see {@code V1_4__relationship_authorization.sql}). A client scoped to education organizations reaches
 * those organizations and the schools of the LEAs among them (its <em>reach</em>); items that belong to an
 * organization are in scope when that organization is reached; students when an enrollment or an SEOA relates
 * them to a reached organization; contacts through a student in scope. A student or contact the client created
 * stays in scope while nothing relates it to any organization yet. Descriptors and school years are readable
 * by everyone. A resource without a rule here is out of scope for scoped clients (closed by default).
 */
public final class Relationships {

    private enum Kind { ORGANIZATION, STUDENT, CONTACT, OPEN }

    private record Rule(Kind kind, List<String> paths) {
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("localEducationAgencies", organization("{localEducationAgencyId}")),
            Map.entry("schools", organization("{schoolId}", "{localEducationAgencyReference,localEducationAgencyId}")),
            Map.entry("sessions", organization("{schoolReference,schoolId}")),
            Map.entry("calendars", organization("{schoolReference,schoolId}")),
            Map.entry("studentSchoolAssociations", organization("{schoolReference,schoolId}")),
            Map.entry("studentSchoolAttendanceEvents", organization("{schoolReference,schoolId}")),
            Map.entry("studentEducationOrganizationAssociations",
                    organization("{educationOrganizationReference,educationOrganizationId}")),
            Map.entry("students", new Rule(Kind.STUDENT, List.of("{studentUniqueId}"))),
            Map.entry("studentContactAssociations", new Rule(Kind.STUDENT, List.of("{studentReference,studentUniqueId}"))),
            Map.entry("contacts", new Rule(Kind.CONTACT, List.of("{contactUniqueId}"))),
            Map.entry("schoolYearTypes", new Rule(Kind.OPEN, List.of())));

    private Relationships() {
    }

    private static Rule organization(String... paths) {
        return new Rule(Kind.ORGANIZATION, List.of(paths));
    }

    /** Whether every item of the resource is readable by any authenticated client. */
    public static boolean open(ResourceDefinition resource) {
        Rule rule = RULES.get(resource.key());
        return resource.descriptor() || (rule != null && rule.kind() == Kind.OPEN);
    }

    /**
     * The condition an item of {@code resource} (a row aliased {@code alias}, with {@code body} and
     * {@code created_by}) must meet to be in {@code scope}; null when every item is.
     */
    public static Filter filter(ResourceDefinition resource, AccessScope scope, String alias) {
        if (scope.unrestricted() || open(resource)) {
            return null;
        }
        Rule rule = RULES.get(resource.key());
        if (rule == null) {
            return new Filter("FALSE", List.of());
        }
        String[] claimed = scope.organizationIdTexts();
        String reach = "(SELECT auth_education_organizations(?::text[]))::text[]";
        List<Object> values = new ArrayList<>();
        String sql;
        switch (rule.kind()) {
            case ORGANIZATION -> {
                List<String> any = new ArrayList<>();
                for (String path : rule.paths()) {
                    any.add(alias + ".body #>> '" + path + "' = ANY (" + reach + ")");
                    values.add(claimed);
                }
                sql = "(" + String.join(" OR ", any) + ")";
            }
            case STUDENT -> {
                String student = alias + ".body #>> '" + rule.paths().get(0) + "'";
                // correlated: an item costs an index look-up of its own student's relationships, whatever the
                // size of the LEA
                sql = "(EXISTS (SELECT 1 FROM auth_student_education_organization r WHERE r.student_unique_id = "
                        + student + " AND r.education_organization_id = ANY (" + reach + "))"
                        + " OR (" + alias + ".created_by = ? AND NOT EXISTS (SELECT 1 FROM"
                        + " auth_student_education_organization r WHERE r.student_unique_id = " + student + ")))";
                values.add(claimed);
                values.add(scope.clientId() == null ? "" : scope.clientId());
            }
            case CONTACT -> {
                String contact = alias + ".body #>> '" + rule.paths().get(0) + "'";
                sql = "(EXISTS (SELECT 1 FROM auth_student_contact sc JOIN auth_student_education_organization r"
                        + " ON r.student_unique_id = sc.student_unique_id WHERE sc.contact_unique_id = " + contact
                        + " AND r.education_organization_id = ANY (" + reach + "))"
                        + " OR (" + alias + ".created_by = ? AND NOT EXISTS (SELECT 1 FROM auth_student_contact sc"
                        + " WHERE sc.contact_unique_id = " + contact + ")))";
                values.add(claimed);
                values.add(scope.clientId() == null ? "" : scope.clientId());
            }
            default -> throw new IllegalStateException("Open resources need no filter");
        }
        return new Filter(sql, values);
    }

    /** Whether the resource can hold relationships whose replicas may lag (so a denial is worth a re-check). */
    static boolean dependsOnRelationships(ResourceDefinition resource) {
        Rule rule = RULES.get(resource.key());
        return rule != null && rule.kind() != Kind.OPEN;
    }
}
