package org.statehub.simulator.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.statehub.simulator.domain.ResourceType;
import org.statehub.simulator.domain.SamplePets;
import org.statehub.simulator.domain.VendorCodes;
import org.statehub.simulator.domain.VendorRecord;
import org.statehub.simulator.domain.VendorRecord.AttendanceEvent;
import org.statehub.simulator.domain.VendorRecord.Contact;
import org.statehub.simulator.domain.VendorRecord.Enrollment;
import org.statehub.simulator.domain.VendorRecord.LocalEducationAgency;
import org.statehub.simulator.domain.VendorRecord.School;
import org.statehub.simulator.domain.VendorRecord.Session;
import org.statehub.simulator.domain.VendorRecord.Student;
import org.statehub.simulator.domain.VendorRecord.StudentContactAssociation;
import org.statehub.simulator.domain.VendorRecord.StudentEducationOrganizationAssociation;

/**
 * The JSON shape of each vendor record: Ed-Fi member names with Acme's code values, absent optional members
 * omitted, dates as yyyy-MM-dd. Also declares, per resource, which member the "malformed" fault spoils.
 */
final class VendorJson {

    /** Per resource: the date member a malformed record gets an impossible value in (null: none), and the
     * required member it loses. Paths are dot-separated. */
    record Spoilable(String dateMember, String requiredMember) {}

    static final Map<ResourceType, Spoilable> SPOILABLE = Map.of(
            ResourceType.LOCAL_EDUCATION_AGENCIES,
            new Spoilable(null, "nameOfInstitution"),
            ResourceType.SCHOOLS,
            new Spoilable(null, "nameOfInstitution"),
            ResourceType.SESSIONS,
            new Spoilable("beginDate", "sessionName"),
            ResourceType.STUDENTS,
            new Spoilable("birthDate", "studentUniqueId"),
            ResourceType.CONTACTS,
            new Spoilable(null, "contactUniqueId"),
            ResourceType.STUDENT_CONTACT_ASSOCIATIONS,
            new Spoilable(null, "studentReference.studentUniqueId"),
            ResourceType.STUDENT_EDUCATION_ORGANIZATION_ASSOCIATIONS,
            new Spoilable(null, "studentReference.studentUniqueId"),
            ResourceType.STUDENT_SCHOOL_ASSOCIATIONS,
            new Spoilable("entryDate", "studentReference.studentUniqueId"),
            ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS,
            new Spoilable("eventDate", "studentReference.studentUniqueId"));

    private VendorJson() {}

    static Map<String, Object> of(VendorRecord record) {
        return switch (record) {
            case LocalEducationAgency l ->
                new Obj()
                        .put("sourceId", l.sourceId())
                        .put("localEducationAgencyId", l.localEducationAgencyId())
                        .put("nameOfInstitution", l.nameOfInstitution())
                        .put("localEducationAgencyCategoryDescriptor", l.categoryCode())
                        .put(
                                "categories",
                                List.of(new Obj()
                                        .put("educationOrganizationCategoryDescriptor", VendorCodes.EDORG_LEA)
                                        .map))
                        .map;
            case School s ->
                new Obj()
                        .put("sourceId", s.sourceId())
                        .put("schoolId", s.schoolId())
                        .put("nameOfInstitution", s.nameOfInstitution())
                        .put(
                                "localEducationAgencyReference",
                                new Obj().put("localEducationAgencyId", s.localEducationAgencyId()).map)
                        .put(
                                "educationOrganizationCategories",
                                List.of(new Obj()
                                        .put("educationOrganizationCategoryDescriptor", VendorCodes.EDORG_SCHOOL)
                                        .map))
                        .put(
                                "schoolCategories",
                                List.of(new Obj()
                                        .put(
                                                "schoolCategoryDescriptor",
                                                s.category().code())
                                        .map))
                        .put(
                                "gradeLevels",
                                s.gradeLevelCodes().stream()
                                        .map(g -> new Obj().put("gradeLevelDescriptor", g).map)
                                        .toList())
                        .map;
            case Session s ->
                new Obj()
                        .put("sourceId", s.sourceId())
                        .put("sessionName", s.sessionName())
                        .put("schoolReference", new Obj().put("schoolId", s.schoolId()).map)
                        .put("schoolYearTypeReference", new Obj().put("schoolYear", s.schoolYear()).map)
                        .put("beginDate", s.beginDate())
                        .put("endDate", s.endDate())
                        .put("termDescriptor", s.termCode())
                        .put("totalInstructionalDays", s.totalInstructionalDays())
                        .map;
            case Student s ->
                new Obj()
                        .put("sourceId", s.sourceId())
                        .put("studentUniqueId", s.studentUniqueId())
                        .put("firstName", s.firstName())
                        .put("middleName", s.middleName())
                        .put("lastSurname", s.lastSurname())
                        .put("generationCodeSuffix", s.generationCodeSuffix())
                        .put("preferredFirstName", s.preferredFirstName())
                        .put("birthDate", s.birthDate())
                        .map;
            case Contact c ->
                new Obj()
                        .put("sourceId", c.sourceId())
                        .put("contactUniqueId", c.contactUniqueId())
                        .put("firstName", c.firstName())
                        .put("lastSurname", c.lastSurname())
                        .put("sexDescriptor", c.sexCode())
                        .map;
            case StudentContactAssociation a ->
                new Obj()
                        .put("sourceId", a.sourceId())
                        .put("studentReference", studentReference(a.studentUniqueId()))
                        .put("contactReference", new Obj().put("contactUniqueId", a.contactUniqueId()).map)
                        .put("relationDescriptor", a.relationCode())
                        .put("emergencyContactStatus", a.emergencyContactStatus())
                        .put("primaryContactStatus", a.primaryContactStatus())
                        .map;
            case StudentEducationOrganizationAssociation a ->
                new Obj()
                        .put("sourceId", a.sourceId())
                        .put("studentReference", studentReference(a.studentUniqueId()))
                        .put(
                                "educationOrganizationReference",
                                new Obj().put("educationOrganizationId", a.educationOrganizationId()).map)
                        .put("sexDescriptor", a.sexCode())
                        .put("hispanicLatinoEthnicity", a.hispanicLatinoEthnicity())
                        .put(
                                "races",
                                a.raceCodes().stream()
                                        .map(r -> new Obj().put("raceDescriptor", r).map)
                                        .toList())
                        .map;
            case Enrollment e ->
                new Obj()
                        .put("sourceId", e.sourceId())
                        .put("studentReference", studentReference(e.studentUniqueId()))
                        .put("schoolReference", new Obj().put("schoolId", e.schoolId()).map)
                        .put("entryDate", e.entryDate())
                        .put("entryGradeLevelDescriptor", e.entryGradeLevelCode())
                        .put("entryTypeDescriptor", e.entryTypeCode())
                        .put("exitWithdrawDate", e.exitWithdrawDate())
                        .put("exitWithdrawTypeDescriptor", e.exitWithdrawTypeCode())
                        .map;
            case AttendanceEvent a ->
                new Obj()
                        .put("sourceId", a.sourceId())
                        .put("studentReference", studentReference(a.studentUniqueId()))
                        .put("schoolReference", new Obj().put("schoolId", a.schoolId()).map)
                        .put(
                                "sessionReference",
                                new Obj()
                                        .put("schoolId", a.schoolId())
                                        .put("schoolYear", a.schoolYear())
                                        .put("sessionName", a.sessionName())
                                        .map)
                        .put("eventDate", a.eventDate())
                        .put("attendanceEventCategoryDescriptor", a.categoryCode())
                        .put("attendanceEventReason", a.attendanceEventReason())
                        .map;
        };
    }

    /** A student's Sample extension members ({@code _ext.sample.pets}), when it has pets. */
    static void extend(Map<String, Object> student, List<SamplePets.Pet> pets) {
        if (!pets.isEmpty()) {
            List<Map<String, Object>> items = pets.stream()
                    .map(p -> new Obj().put("petName", p.petName()).put("isFixed", p.isFixed()).map)
                    .toList();
            student.put("_ext", Map.of("sample", Map.of("pets", items)));
        }
    }

    private static Map<String, Object> studentReference(String studentUniqueId) {
        return new Obj().put("studentUniqueId", studentUniqueId).map;
    }

    /** "Malformed": every tenth record (positions 0, 10, 20, ...) alternately gets an impossible date or loses
     * a required member. */
    @SuppressWarnings("unchecked")
    static void spoil(ResourceType type, Map<String, Object> record, int position) {
        if (position % 10 != 0) {
            return;
        }
        Spoilable spoilable = SPOILABLE.get(type);
        boolean badDate = (position / 10) % 2 == 0 && spoilable.dateMember() != null;
        String path = badDate ? spoilable.dateMember() : spoilable.requiredMember();
        Map<String, Object> target = record;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            target = (Map<String, Object>) target.get(parts[i]);
        }
        if (badDate) {
            target.put(parts[parts.length - 1], Bodies.IMPOSSIBLE_DATE);
        } else {
            target.remove(parts[parts.length - 1]);
        }
    }

    /** An ordered JSON object that leaves out absent members. */
    private static final class Obj {
        final Map<String, Object> map = new LinkedHashMap<>();

        Obj put(String name, Object value) {
            if (value instanceof LocalDate date) {
                map.put(name, date.toString());
            } else if (value != null) {
                map.put(name, value);
            }
            return this;
        }
    }
}
