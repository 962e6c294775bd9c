package org.statehub.simulator.api;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.statehub.simulator.domain.District;
import org.statehub.simulator.domain.ResourceType;
import org.statehub.simulator.domain.SamplePets;
import org.statehub.simulator.domain.VendorRecord.AttendanceEvent;
import org.statehub.simulator.domain.VendorRecord.Contact;
import org.statehub.simulator.domain.VendorRecord.Enrollment;
import org.statehub.simulator.domain.VendorRecord.Student;
import org.statehub.simulator.domain.VendorRecord.StudentContactAssociation;
import org.statehub.simulator.domain.VendorRecord.StudentEducationOrganizationAssociation;

/**
 * The state's daily collection templates: one row per visible record of the driving resource, flat text cells
 * (absent values empty), Acme's code values.
 */
enum Template {
    DEMOGRAPHIC(
            "demographic",
            ResourceType.STUDENTS,
            "BirthDate",
            List.of(
                    "SourceId",
                    "StudentUniqueId",
                    "LastName",
                    "FirstName",
                    "MiddleName",
                    "Suffix",
                    "PreferredFirstName",
                    "BirthDate",
                    "Sex",
                    "HispanicLatino",
                    "Race",
                    "LeaId")),
    CONTACTS(
            "contacts",
            ResourceType.STUDENT_CONTACT_ASSOCIATIONS,
            null,
            List.of(
                    "SourceId",
                    "StudentUniqueId",
                    "ContactUniqueId",
                    "ContactLastName",
                    "ContactFirstName",
                    "ContactSex",
                    "Relation",
                    "Emergency",
                    "Primary")),
    ENROLLMENT(
            "enrollment",
            ResourceType.STUDENT_SCHOOL_ASSOCIATIONS,
            "EntryDate",
            List.of(
                    "SourceId",
                    "StudentUniqueId",
                    "SchoolId",
                    "EntryDate",
                    "EntryGrade",
                    "EntryType",
                    "ExitDate",
                    "ExitType")),
    ATTENDANCE(
            "attendance",
            ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS,
            "EventDate",
            List.of(
                    "SourceId",
                    "StudentUniqueId",
                    "SchoolId",
                    "SessionName",
                    "SchoolYear",
                    "EventDate",
                    "Category",
                    "Reason"));

    private final String path;
    private final ResourceType rows;
    private final List<String> columns;
    private final int dateColumn;
    private final int keyColumn;

    Template(String path, ResourceType rows, String dateColumn, List<String> columns) {
        this.path = path;
        this.rows = rows;
        this.columns = columns;
        this.dateColumn = dateColumn == null ? -1 : columns.indexOf(dateColumn);
        this.keyColumn = columns.indexOf("StudentUniqueId");
    }

    static Optional<Template> byPath(String path) {
        return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
    }

    String path() {
        return path;
    }

    /** The resource with one row per visible record. */
    ResourceType rows() {
        return rows;
    }

    List<String> columns() {
        return columns;
    }

    /** The columns of {@code district}'s file: with the Sample extension, the demographic one ends in its pets. */
    List<String> columns(District district) {
        if (this != DEMOGRAPHIC || !district.spec().serves("sample")) {
            return columns;
        }
        List<String> all = new java.util.ArrayList<>(columns);
        all.addAll(SAMPLE_COLUMNS);
        return List.copyOf(all);
    }

    /** The Sample extension's columns of the demographic template: each pet's name and Y/N fixed, ;-separated. */
    static final List<String> SAMPLE_COLUMNS = List.of("PetName", "PetFixed");

    /**
     * The row of the driving record at this raw index. A demographic row leaves its SEOA cells empty when the
     * SEOA was deleted, a contacts row its contact's cells when the contact was deleted.
     */
    String[] row(District district, int index) {
        return switch (this) {
            case DEMOGRAPHIC -> {
                Student s = district.student(index);
                boolean hasSeoa = district.isVisible(ResourceType.STUDENT_EDUCATION_ORGANIZATION_ASSOCIATIONS, index);
                StudentEducationOrganizationAssociation a = hasSeoa
                        ? (StudentEducationOrganizationAssociation)
                                district.record(ResourceType.STUDENT_EDUCATION_ORGANIZATION_ASSOCIATIONS, index)
                        : null;
                String[] core = cells(
                        s.sourceId(),
                        s.studentUniqueId(),
                        s.lastSurname(),
                        s.firstName(),
                        s.middleName(),
                        s.generationCodeSuffix(),
                        s.preferredFirstName(),
                        s.birthDate(),
                        a == null ? null : a.sexCode(),
                        a == null ? null : yesNo(a.hispanicLatinoEthnicity()),
                        a == null ? null : String.join(";", a.raceCodes()),
                        a == null ? null : a.educationOrganizationId());
                if (!district.spec().serves("sample")) {
                    yield core;
                }
                List<SamplePets.Pet> pets = SamplePets.of(district.spec(), index);
                String[] row = Arrays.copyOf(core, core.length + SAMPLE_COLUMNS.size());
                row[core.length] = String.join(
                        ";", pets.stream().map(SamplePets.Pet::petName).toList());
                row[core.length + 1] = String.join(
                        ";", pets.stream().map(p -> yesNo(p.isFixed())).toList());
                yield row;
            }
            case CONTACTS -> {
                StudentContactAssociation a =
                        (StudentContactAssociation) district.record(ResourceType.STUDENT_CONTACT_ASSOCIATIONS, index);
                Contact c = district.isVisible(ResourceType.CONTACTS, index)
                        ? (Contact) district.record(ResourceType.CONTACTS, index)
                        : null;
                yield cells(
                        a.sourceId(),
                        a.studentUniqueId(),
                        a.contactUniqueId(),
                        c == null ? null : c.lastSurname(),
                        c == null ? null : c.firstName(),
                        c == null ? null : c.sexCode(),
                        a.relationCode(),
                        yesNo(a.emergencyContactStatus()),
                        yesNo(a.primaryContactStatus()));
            }
            case ENROLLMENT -> {
                Enrollment e = district.enrollment(index);
                yield cells(
                        e.sourceId(),
                        e.studentUniqueId(),
                        e.schoolId(),
                        e.entryDate(),
                        e.entryGradeLevelCode(),
                        e.entryTypeCode(),
                        e.exitWithdrawDate(),
                        e.exitWithdrawTypeCode());
            }
            case ATTENDANCE -> {
                AttendanceEvent a = district.attendanceEvent(index);
                yield cells(
                        a.sourceId(),
                        a.studentUniqueId(),
                        a.schoolId(),
                        a.sessionName(),
                        a.schoolYear(),
                        a.eventDate(),
                        a.categoryCode(),
                        a.attendanceEventReason());
            }
        };
    }

    /** "Malformed": rows 0, 10, 20, ... alternately get an impossible date (or, without a date column, an empty
     * StudentUniqueId) and an empty StudentUniqueId. */
    void spoil(String[] row, int position) {
        if (position % 10 != 0) {
            return;
        }
        if ((position / 10) % 2 == 0 && dateColumn >= 0) {
            row[dateColumn] = Bodies.IMPOSSIBLE_DATE;
        } else {
            row[keyColumn] = "";
        }
    }

    private static String yesNo(boolean value) {
        return value ? "Y" : "N";
    }

    private static String[] cells(Object... values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            cells[i] = v == null ? "" : v instanceof LocalDate d ? d.toString() : v.toString();
        }
        return cells;
    }
}
