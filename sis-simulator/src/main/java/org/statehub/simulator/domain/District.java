package org.statehub.simulator.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.statehub.simulator.domain.Overlay.EnrollmentPatch;
import org.statehub.simulator.domain.Overlay.StudentPatch;
import org.statehub.simulator.domain.VendorRecord.AttendanceEvent;
import org.statehub.simulator.domain.VendorRecord.Enrollment;
import org.statehub.simulator.domain.VendorRecord.Student;

/**
 * A generated district with the changes made to it: an immutable value, so a response streams one consistent
 * state while changes publish a new one. Records are addressed by their raw index (the generator's); deleted
 * records are skipped, so the visible position of a record is its raw index minus the deletions before it.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class District {

    private final DistrictGenerator generator;
    private final Overlay overlay;

    public static District generate(DistrictSpec spec) {
        return new District(new DistrictGenerator(spec), new Overlay());
    }

    public DistrictSpec spec() {
        return generator.spec();
    }

    public int changeCount() {
        return overlay.changeCount;
    }

    public int addedStudents() {
        return overlay.addedStudents;
    }

    /** Generated plus added students, deleted ones included. */
    public int totalStudents() {
        return generator.spec().students() + overlay.addedStudents;
    }

    /** How many records of the resource exist, deleted ones included. */
    public int rawCount(ResourceType type) {
        return switch (type) {
            case LOCAL_EDUCATION_AGENCIES -> 1;
            case SCHOOLS -> generator.spec().schoolCount();
            case SESSIONS -> 2 * generator.spec().schoolCount();
            default -> type.perStudent() * totalStudents();
        };
    }

    /** How many records of the resource are served (the Total-Count). */
    public int visibleCount(ResourceType type) {
        return rawCount(type) - overlay.deleted(type).length;
    }

    public boolean isVisible(ResourceType type, int index) {
        return index >= 0 && index < rawCount(type) && !overlay.isDeleted(type, index);
    }

    /**
     * The raw indices of the visible records at positions {@code offset .. offset + limit - 1}, ascending. Costs
     * O(deletions) to find the start, then O(1) a record: independent of the district's size.
     */
    public PrimitiveIterator.OfInt visibleIndices(ResourceType type, long offset, long limit) {
        int[] deleted = overlay.deleted(type);
        int raw = rawCount(type);
        long start = offset;
        int skip = 0;
        while (skip < deleted.length && deleted[skip] <= start) {
            start++;
            skip++;
        }
        long first = start;
        int firstSkip = skip;
        return new PrimitiveIterator.OfInt() {
            private long next = first;
            private int nextDeleted = firstSkip;
            private long served;

            @Override
            public boolean hasNext() {
                return served < limit && next < raw;
            }

            @Override
            public int nextInt() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int result = (int) next;
                served++;
                next++;
                while (nextDeleted < deleted.length && deleted[nextDeleted] < next) {
                    nextDeleted++;
                }
                while (nextDeleted < deleted.length && deleted[nextDeleted] == next) {
                    next++;
                    nextDeleted++;
                }
                return result;
            }
        };
    }

    // ---- records as served ------------------------------------------------------------------------------------

    public VendorRecord record(ResourceType type, int index) {
        return switch (type) {
            case LOCAL_EDUCATION_AGENCIES -> generator.localEducationAgency();
            case SCHOOLS -> generator.school(index);
            case SESSIONS -> generator.session(index);
            case STUDENTS -> student(index);
            case CONTACTS -> generator.contact(index);
            case STUDENT_CONTACT_ASSOCIATIONS -> generator.studentContactAssociation(index);
            case STUDENT_EDUCATION_ORGANIZATION_ASSOCIATIONS ->
                generator.studentEducationOrganizationAssociation(index);
            case STUDENT_SCHOOL_ASSOCIATIONS -> enrollment(index);
            case STUDENT_SCHOOL_ATTENDANCE_EVENTS -> attendanceEvent(index);
        };
    }

    public Student student(int index) {
        Student s = generator.student(index);
        StudentPatch p = overlay.students.get(index);
        if (p == null) {
            return s;
        }
        String middle = p.middleName() == null ? s.middleName() : p.middleName().isBlank() ? null : p.middleName();
        return new Student(
                s.sourceId(),
                s.studentUniqueId(),
                or(p.firstName(), s.firstName()),
                middle,
                or(p.lastSurname(), s.lastSurname()),
                s.generationCodeSuffix(),
                s.preferredFirstName(),
                or(p.birthDate(), s.birthDate()));
    }

    public Enrollment enrollment(int index) {
        Enrollment e = generator.enrollment(index);
        EnrollmentPatch p = overlay.enrollments.get(index);
        if (p == null) {
            return e;
        }
        return new Enrollment(
                e.sourceId(),
                e.studentUniqueId(),
                or(p.schoolId(), e.schoolId()),
                or(p.entryDate(), e.entryDate()),
                e.entryGradeLevelCode(),
                e.entryTypeCode(),
                or(p.exitWithdrawDate(), e.exitWithdrawDate()),
                or(p.exitWithdrawTypeCode(), e.exitWithdrawTypeCode()));
    }

    /** As generated, but at the school of the student's enrollment (a move takes the attendance along). */
    public AttendanceEvent attendanceEvent(int index) {
        AttendanceEvent a = generator.attendanceEvent(index);
        EnrollmentPatch p = overlay.enrollments.get(index / 3);
        if (p == null || p.schoolId() == null) {
            return a;
        }
        return new AttendanceEvent(
                a.sourceId(),
                a.studentUniqueId(),
                p.schoolId(),
                a.schoolYear(),
                a.sessionName(),
                a.eventDate(),
                a.categoryCode(),
                a.attendanceEventReason());
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    // ---- changes ----------------------------------------------------------------------------------------------

    /** This district with the changes applied in order, all or none. */
    public District apply(List<Change> changes) throws ChangeRejected {
        District next = new District(generator, overlay.copy());
        for (int i = 0; i < changes.size(); i++) {
            String problem = next.applyOne(changes.get(i));
            if (problem != null) {
                throw new ChangeRejected(i, problem);
            }
            next.overlay.changeCount++;
        }
        return next;
    }

    /** Applies a change to this (private) district; answers why it cannot, or null. */
    private String applyOne(Change change) {
        switch (change) {
            case Change.Rename c -> {
                int s = studentIndexOrMinus(c.studentUniqueId());
                if (s < 0 || !isVisible(ResourceType.STUDENTS, s)) {
                    return unknownStudent(c.studentUniqueId(), s);
                }
                if (c.firstName() == null && c.lastSurname() == null && c.middleName() == null) {
                    return "rename needs at least one of firstName, lastSurname, middleName";
                }
                if (c.firstName() != null && c.firstName().isBlank()) {
                    return "firstName must not be blank";
                }
                if (c.lastSurname() != null && c.lastSurname().isBlank()) {
                    return "lastSurname must not be blank";
                }
                StudentPatch p = overlay.student(s);
                overlay.students.put(
                        s,
                        new StudentPatch(
                                or(trim(c.firstName()), p.firstName()),
                                or(trim(c.lastSurname()), p.lastSurname()),
                                c.middleName() == null
                                        ? p.middleName()
                                        : c.middleName().trim(),
                                p.birthDate()));
            }
            case Change.BirthDate c -> {
                int s = studentIndexOrMinus(c.studentUniqueId());
                if (s < 0 || !isVisible(ResourceType.STUDENTS, s)) {
                    return unknownStudent(c.studentUniqueId(), s);
                }
                if (!c.birthDate().isBefore(generator.calendar().fallBegin())) {
                    return "birthDate " + c.birthDate() + " is not before the school year begins ("
                            + generator.calendar().fallBegin() + ")";
                }
                StudentPatch p = overlay.student(s);
                overlay.students.put(
                        s, new StudentPatch(p.firstName(), p.lastSurname(), p.middleName(), c.birthDate()));
            }
            case Change.Move c -> {
                int s = enrolledStudent(c.studentUniqueId());
                if (s < 0) {
                    return noEnrollment(c.studentUniqueId());
                }
                OptionalInt school = generator.schoolNumber(c.schoolId());
                if (school.isEmpty() || !isVisible(ResourceType.SCHOOLS, school.getAsInt() - 1)) {
                    return "unknown school " + c.schoolId();
                }
                EnrollmentPatch p = overlay.enrollment(s);
                overlay.enrollments.put(
                        s,
                        new EnrollmentPatch(
                                (int) c.schoolId(), p.entryDate(), p.exitWithdrawDate(), p.exitWithdrawTypeCode()));
            }
            case Change.EntryDate c -> {
                int s = enrolledStudent(c.studentUniqueId());
                if (s < 0) {
                    return noEnrollment(c.studentUniqueId());
                }
                String outside = outsideSchoolYear("entryDate", c.entryDate());
                if (outside != null) {
                    return outside;
                }
                Enrollment current = enrollment(s);
                if (current.exitWithdrawDate() != null
                        && current.exitWithdrawDate().isBefore(c.entryDate())) {
                    return "entryDate " + c.entryDate() + " is after the enrollment's exitWithdrawDate "
                            + current.exitWithdrawDate();
                }
                EnrollmentPatch p = overlay.enrollment(s);
                overlay.enrollments.put(
                        s,
                        new EnrollmentPatch(
                                p.schoolId(), c.entryDate(), p.exitWithdrawDate(), p.exitWithdrawTypeCode()));
            }
            case Change.Withdraw c -> {
                int s = enrolledStudent(c.studentUniqueId());
                if (s < 0) {
                    return noEnrollment(c.studentUniqueId());
                }
                if (!VendorCodes.EXIT_TYPES.contains(c.exitWithdrawTypeCode())) {
                    return "unknown exitWithdrawTypeDescriptor '" + c.exitWithdrawTypeCode() + "' (one of "
                            + String.join(
                                    ", ",
                                    VendorCodes.EXIT_TYPES.stream().sorted().toList()) + ")";
                }
                String outside = outsideSchoolYear("exitWithdrawDate", c.exitWithdrawDate());
                if (outside != null) {
                    return outside;
                }
                Enrollment current = enrollment(s);
                if (c.exitWithdrawDate().isBefore(current.entryDate())) {
                    return "exitWithdrawDate " + c.exitWithdrawDate() + " is before the enrollment's entryDate "
                            + current.entryDate();
                }
                withdraw(s, c.exitWithdrawDate(), c.exitWithdrawTypeCode());
            }
            case Change.NoShow c -> {
                int s = enrolledStudent(c.studentUniqueId());
                if (s < 0) {
                    return noEnrollment(c.studentUniqueId());
                }
                withdraw(s, enrollment(s).entryDate(), VendorCodes.EXIT_NO_SHOW);
            }
            case Change.Delete c -> {
                OptionalInt index = indexOfSourceId(c.resource(), c.sourceId());
                if (index.isEmpty() || !isVisible(c.resource(), index.getAsInt())) {
                    return "no " + c.resource().path() + " record with sourceId '" + c.sourceId() + "'";
                }
                overlay.delete(c.resource(), index.getAsInt());
            }
            case Change.AddStudents c -> {
                int room = DistrictIds.MAX_TOTAL_STUDENTS - totalStudents();
                if (c.count() < 1 || c.count() > Math.min(DistrictSpec.MAX_STUDENTS, room)) {
                    return "count must be between 1 and " + Math.min(DistrictSpec.MAX_STUDENTS, room)
                            + " (at most " + DistrictIds.MAX_TOTAL_STUDENTS + " students in all), was "
                            + c.count();
                }
                overlay.addedStudents += c.count();
            }
        }
        return null;
    }

    private void withdraw(int student, LocalDate date, String type) {
        EnrollmentPatch p = overlay.enrollment(student);
        overlay.enrollments.put(student, new EnrollmentPatch(p.schoolId(), p.entryDate(), date, type));
    }

    private String outsideSchoolYear(String member, LocalDate date) {
        LocalDate first = LocalDate.of(spec().schoolYear() - 1, 7, 1);
        LocalDate last = LocalDate.of(spec().schoolYear(), 6, 30);
        if (date.isBefore(first) || date.isAfter(last)) {
            return member + " " + date + " is outside the school year " + first + " .. " + last;
        }
        return null;
    }

    /** The index of a student of this district (deleted or not), or -1. */
    public int studentIndexOrMinus(String studentUniqueId) {
        OptionalInt index = DistrictIds.studentIndex(studentUniqueId);
        return index.isPresent() && index.getAsInt() < totalStudents() ? index.getAsInt() : -1;
    }

    private int enrolledStudent(String studentUniqueId) {
        int s = studentIndexOrMinus(studentUniqueId);
        return s >= 0 && isVisible(ResourceType.STUDENT_SCHOOL_ASSOCIATIONS, s) ? s : -1;
    }

    private String unknownStudent(String studentUniqueId, int index) {
        return index < 0
                ? "unknown student '" + studentUniqueId + "'"
                : "student '" + studentUniqueId + "' was deleted";
    }

    private String noEnrollment(String studentUniqueId) {
        int s = studentIndexOrMinus(studentUniqueId);
        return s < 0
                ? "unknown student '" + studentUniqueId + "'"
                : "the enrollment of student '" + studentUniqueId + "' was deleted";
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    /** The raw index of a record by its source id, if this district generates one with that id. */
    public OptionalInt indexOfSourceId(ResourceType type, String sourceId) {
        if (sourceId == null) {
            return OptionalInt.empty();
        }
        if (type.perStudent() == 0) {
            for (int i = 0; i < rawCount(type); i++) {
                if (generator.sourceIdOf(type, i).equals(sourceId)) {
                    return OptionalInt.of(i);
                }
            }
            return OptionalInt.empty();
        }
        OptionalLong index = type.sourceIndex(sourceId);
        return index.isPresent() && index.getAsLong() < rawCount(type)
                ? OptionalInt.of((int) index.getAsLong())
                : OptionalInt.empty();
    }
}
