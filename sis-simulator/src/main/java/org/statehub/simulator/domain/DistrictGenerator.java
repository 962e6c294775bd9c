package org.statehub.simulator.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
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
 * Generates any record of a district from its index alone, each with its own random stream seeded from
 * (seed, kind, index): nothing is generated ahead, so memory does not grow with the district and a page deep in
 * the district costs the same as the first. Contact {@code j} belongs to student {@code j / 2}, attendance event
 * {@code j} to student {@code j / 3}; each student has one SEOA and one enrollment at the same index.
 */
public final class DistrictGenerator {

    private final DistrictSpec spec;
    private final SchoolLayout layout;
    private final SchoolCalendar calendar;
    private final int twinResidue;

    public DistrictGenerator(DistrictSpec spec) {
        this.spec = spec;
        this.layout = new SchoolLayout(spec.schoolCount());
        this.calendar = SchoolCalendar.of(spec.schoolYear());
        this.twinResidue = 1 + (int) Math.floorMod(spec.seed(), 36L);
    }

    public DistrictSpec spec() {
        return spec;
    }

    public SchoolCalendar calendar() {
        return calendar;
    }

    // ---- identifiers -------------------------------------------------------------------------------------------

    public int schoolId(int schoolNumber) {
        return spec.leaId() * 1000 + schoolNumber;
    }

    /** The school number (1..schoolCount) of a school id of this district, if it is one. */
    public OptionalInt schoolNumber(long schoolId) {
        long n = schoolId - spec.leaId() * 1000L;
        return n >= 1 && n <= spec.schoolCount() ? OptionalInt.of((int) n) : OptionalInt.empty();
    }

    public String sourceIdOf(ResourceType type, int index) {
        return switch (type) {
            case LOCAL_EDUCATION_AGENCIES -> "LEA-" + spec.leaId();
            case SCHOOLS -> "SCH-" + schoolId(index + 1);
            case SESSIONS ->
                "SES-" + schoolId(index / 2 + 1) + "-"
                        + (index % 2 == 0 ? VendorCodes.TERM_FALL : VendorCodes.TERM_SPRING);
            default -> type.sourceId(index);
        };
    }

    // ---- education organizations and sessions -----------------------------------------------------------------

    public LocalEducationAgency localEducationAgency() {
        return new LocalEducationAgency(
                sourceIdOf(ResourceType.LOCAL_EDUCATION_AGENCIES, 0),
                spec.leaId(),
                "Acme County Schools",
                VendorCodes.LEA_CATEGORY_INDEPENDENT);
    }

    /** School {@code index} (0-based; its school number is index + 1). */
    public School school(int index) {
        int number = index + 1;
        SchoolCategory category = layout.categoryOf(number);
        int round = index / Names.SCHOOL_STEMS.length;
        String stem = Names.SCHOOL_STEMS[(int) Math.floorMod(index + spec.seed(), (long) Names.SCHOOL_STEMS.length)];
        String name = stem + " " + category.nameSuffix() + (round == 0 ? "" : " " + (round + 1));
        List<String> grades = new ArrayList<>();
        for (int g = layout.lowestGrade(category); g <= layout.highestGrade(category); g++) {
            grades.add(VendorCodes.grade(g));
        }
        return new School(
                sourceIdOf(ResourceType.SCHOOLS, index),
                schoolId(number),
                name,
                spec.leaId(),
                category,
                List.copyOf(grades));
    }

    /** Session {@code index}: school {@code index / 2 + 1}, fall for even indices, spring for odd ones. */
    public Session session(int index) {
        boolean fall = index % 2 == 0;
        LocalDate begin = calendar.begin(fall);
        LocalDate end = calendar.end(fall);
        int holidays = fall ? 4 : 7;
        return new Session(
                sourceIdOf(ResourceType.SESSIONS, index),
                schoolId(index / 2 + 1),
                spec.schoolYear(),
                calendar.sessionName(fall),
                begin,
                end,
                fall ? VendorCodes.TERM_FALL : VendorCodes.TERM_SPRING,
                SchoolCalendar.weekdays(begin, end) - holidays);
    }

    // ---- students --------------------------------------------------------------------------------------------

    /** Students {@code i - 1} and {@code i} are twins when {@code i % 37} is the seed's residue. */
    private boolean isTwin(int index) {
        return index >= 1 && index % 37 == twinResidue;
    }

    StudentProfile profile(int index) {
        StudentProfile own = ownProfile(index);
        if (!isTwin(index)) {
            return own;
        }
        StudentProfile sibling = ownProfile(index - 1);
        return new StudentProfile(
                index,
                own.sexCode(),
                sibling.grade(),
                own.firstName(),
                own.middleName(),
                sibling.lastSurname(),
                null,
                own.preferredFirstName(),
                sibling.birthDate(),
                sibling.schoolNumber(),
                index - 1);
    }

    private StudentProfile ownProfile(int index) {
        SplittableRandom r = Seeds.random(spec.seed(), Seeds.STUDENT, index);
        int sexRoll = r.nextInt(100);
        String sex = sexRoll < 49
                ? VendorCodes.SEX_MALE
                : sexRoll < 98 ? VendorCodes.SEX_FEMALE : VendorCodes.SEX_NOT_SELECTED;
        int grade = r.nextInt(13);
        String first = Names.firstName(r, sex);
        String middle = null;
        if (r.nextInt(100) < 45) {
            middle = Names.firstName(r, sex);
            if (middle.equals(first)) {
                middle = null;
            }
        }
        int shape = r.nextInt(100);
        String last;
        if (shape < 9) {
            last = twoDifferent(r, Names.HISPANIC_SURNAMES, " ");
        } else if (shape < 14) {
            last = twoDifferent(r, Names.SURNAMES, "-");
        } else {
            last = Names.pick(r, Names.SURNAMES);
        }
        String suffix = null;
        if (sex.equals(VendorCodes.SEX_MALE) && r.nextInt(100) < 5) {
            int s = r.nextInt(100);
            suffix = s < 60 ? "Jr" : s < 75 ? "II" : "III";
        }
        String nickname = Names.NICKNAMES.get(first);
        String preferred = nickname != null && r.nextInt(100) < 30 ? nickname : null;
        // Age on September 1 of the school year's first year is 5 + grade.
        LocalDate earliest = LocalDate.of(spec.schoolYear() - 1 - 6 - grade, 9, 2);
        LocalDate birthDate = earliest.plusDays(r.nextInt(365));
        int school = layout.schoolFor(grade, r);
        return new StudentProfile(index, sex, grade, first, middle, last, suffix, preferred, birthDate, school, index);
    }

    private static String twoDifferent(SplittableRandom r, String[] pool, String separator) {
        String a = Names.pick(r, pool);
        String b = Names.pick(r, pool);
        while (b.equals(a)) {
            b = Names.pick(r, pool);
        }
        return a + separator + b;
    }

    public Student student(int index) {
        StudentProfile p = profile(index);
        return new Student(
                ResourceType.STUDENTS.sourceId(index),
                DistrictIds.studentUniqueId(index),
                p.firstName(),
                p.middleName(),
                p.lastSurname(),
                p.generationCodeSuffix(),
                p.preferredFirstName(),
                p.birthDate());
    }

    // ---- contacts --------------------------------------------------------------------------------------------

    private record ContactRole(
            String relation,
            String sexCode,
            String firstName,
            String lastSurname,
            boolean emergency,
            boolean primary) {}

    /**
     * Contact {@code index}: the first of a student's two contacts is usually the mother, the second usually the
     * father, either may be a guardian. Twins' contacts have the same people (names) under their own contact ids,
     * as duplicate contacts in a real SIS do.
     */
    private ContactRole role(int index) {
        int studentIndex = index / 2;
        int which = index % 2;
        StudentProfile student = profile(studentIndex);
        int family = student.familyIndex();
        SplittableRandom household = Seeds.random(spec.seed(), Seeds.CONTACT_FAMILY, family);
        int primary = household.nextInt(100) < 80 ? 0 : 1;
        SplittableRandom r = Seeds.random(spec.seed(), Seeds.CONTACT, family * 2L + which);
        String relation = which == 0
                ? (r.nextInt(100) < 90 ? VendorCodes.RELATION_MOTHER : VendorCodes.RELATION_GUARDIAN)
                : (r.nextInt(100) < 85 ? VendorCodes.RELATION_FATHER : VendorCodes.RELATION_GUARDIAN);
        String sex = switch (relation) {
            case VendorCodes.RELATION_MOTHER -> VendorCodes.SEX_FEMALE;
            case VendorCodes.RELATION_FATHER -> VendorCodes.SEX_MALE;
            default -> {
                int roll = r.nextInt(100);
                yield roll < 60
                        ? VendorCodes.SEX_FEMALE
                        : roll < 98 ? VendorCodes.SEX_MALE : VendorCodes.SEX_NOT_SELECTED;
            }
        };
        String first = Names.firstName(r, sex);
        String last = switch (relation) {
            case VendorCodes.RELATION_FATHER -> student.lastSurname();
            case VendorCodes.RELATION_MOTHER ->
                r.nextInt(100) < 60 ? student.lastSurname() : Names.pick(r, Names.SURNAMES);
            default -> r.nextInt(100) < 50 ? student.lastSurname() : Names.pick(r, Names.SURNAMES);
        };
        boolean isPrimary = which == primary;
        boolean emergency = isPrimary || r.nextInt(100) < 75;
        return new ContactRole(relation, sex, first, last, emergency, isPrimary);
    }

    public Contact contact(int index) {
        ContactRole role = role(index);
        return new Contact(
                ResourceType.CONTACTS.sourceId(index),
                DistrictIds.contactUniqueId(index),
                role.firstName(),
                role.lastSurname(),
                role.sexCode());
    }

    /** The association of contact {@code index} with its student (same index as the contact). */
    public StudentContactAssociation studentContactAssociation(int index) {
        ContactRole role = role(index);
        return new StudentContactAssociation(
                ResourceType.STUDENT_CONTACT_ASSOCIATIONS.sourceId(index),
                DistrictIds.studentUniqueId(index / 2),
                DistrictIds.contactUniqueId(index),
                role.relation(),
                role.emergency(),
                role.primary());
    }

    // ---- associations ----------------------------------------------------------------------------------------

    public StudentEducationOrganizationAssociation studentEducationOrganizationAssociation(int index) {
        StudentProfile p = profile(index);
        SplittableRandom r = Seeds.random(spec.seed(), Seeds.SEOA, p.familyIndex());
        boolean hispanic = r.nextInt(100) < 26;
        List<String> races = new ArrayList<>(2);
        races.add(race(r));
        if (r.nextInt(100) < 7) {
            String second = race(r);
            if (!races.contains(second)) {
                races.add(second);
            }
        }
        return new StudentEducationOrganizationAssociation(
                ResourceType.STUDENT_EDUCATION_ORGANIZATION_ASSOCIATIONS.sourceId(index),
                DistrictIds.studentUniqueId(index),
                spec.leaId(),
                p.sexCode(),
                hispanic,
                List.copyOf(races));
    }

    private static String race(SplittableRandom r) {
        int roll = r.nextInt(100);
        return roll < 55 ? "WH" : roll < 78 ? "BL" : roll < 92 ? "AS" : roll < 97 ? "AI" : "PI";
    }

    /** The student's enrollment for the school year, as the SIS first recorded it. */
    public Enrollment enrollment(int index) {
        StudentProfile p = profile(index);
        SplittableRandom r = Seeds.random(spec.seed(), Seeds.ENROLLMENT, p.familyIndex());
        LocalDate entry;
        String entryType;
        if (r.nextInt(100) < 90) {
            entry = calendar.fallBegin();
            entryType = p.grade() == 0 || r.nextInt(100) < 25 ? VendorCodes.ENTRY_NEW : VendorCodes.ENTRY_TRANSFER_IN;
        } else {
            entry = calendar.schoolDayBetween(
                    r, calendar.fallBegin().plusDays(1), LocalDate.of(spec.schoolYear(), 2, 28));
            entryType = r.nextInt(100) < 20 ? VendorCodes.ENTRY_NEW : VendorCodes.ENTRY_TRANSFER_IN;
        }
        int exitRoll = r.nextInt(1000);
        LocalDate exit = null;
        String exitType = null;
        if (exitRoll < 25) {
            exitType = VendorCodes.EXIT_TRANSFER_OUT;
            exit = calendar.schoolDayBetween(
                    r, entry.plusDays(30), calendar.springEnd().minusDays(14));
        } else if (exitRoll < 35 && p.grade() >= 9) {
            exitType = VendorCodes.EXIT_DROPPED_OUT;
            exit = calendar.schoolDayBetween(
                    r, entry.plusDays(30), calendar.springEnd().minusDays(14));
        } else if (exitRoll < 55
                && p.grade() == 12
                && !entry.isAfter(calendar.fallEnd().minusDays(30))) {
            exitType = VendorCodes.EXIT_GRADUATED;
            exit = calendar.fallEnd();
        }
        return new Enrollment(
                ResourceType.STUDENT_SCHOOL_ASSOCIATIONS.sourceId(index),
                DistrictIds.studentUniqueId(index),
                schoolId(p.schoolNumber()),
                entry,
                VendorCodes.grade(p.grade()),
                entryType,
                exit,
                exitType);
    }

    /**
     * Attendance event {@code index}: the {@code index % 3}-th of student {@code index / 3}'s three events, on a
     * school day in the {@code index % 3}-th third of the days the student was enrolled, at the enrollment's
     * school and in the session holding the date.
     */
    public AttendanceEvent attendanceEvent(int index) {
        int studentIndex = index / 3;
        int which = index % 3;
        Enrollment enrollment = enrollment(studentIndex);
        LocalDate from =
                enrollment.entryDate().isBefore(calendar.fallBegin()) ? calendar.fallBegin() : enrollment.entryDate();
        LocalDate to = enrollment.exitWithdrawDate() == null
                        || enrollment.exitWithdrawDate().isAfter(calendar.springEnd())
                ? calendar.springEnd()
                : enrollment.exitWithdrawDate();
        SplittableRandom r = Seeds.random(spec.seed(), Seeds.ATTENDANCE, index);
        int days = calendar.countSchoolDays(from, to);
        LocalDate date;
        if (days == 0) {
            date = calendar.nextSchoolDay(from);
        } else if (days < 3) {
            date = calendar.nthSchoolDay(from, r.nextInt(days));
        } else {
            int lo = which * days / 3;
            int hi = (which + 1) * days / 3;
            date = calendar.nthSchoolDay(from, lo + r.nextInt(Math.max(1, hi - lo)));
        }
        int roll = r.nextInt(100);
        String category =
                roll < 40 ? VendorCodes.ABSENCE_UNEXCUSED : roll < 75 ? VendorCodes.ABSENCE_EXCUSED : VendorCodes.TARDY;
        String reason = null;
        if (r.nextInt(100) < 45) {
            reason = Names.attendanceReason(r, category);
        }
        return new AttendanceEvent(
                ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS.sourceId(index),
                enrollment.studentUniqueId(),
                enrollment.schoolId(),
                spec.schoolYear(),
                calendar.sessionName(calendar.inFall(date)),
                date,
                category,
                reason);
    }
}
