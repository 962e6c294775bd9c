package org.statehub.simulator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.statehub.simulator.domain.VendorRecord.AttendanceEvent;
import org.statehub.simulator.domain.VendorRecord.Enrollment;
import org.statehub.simulator.domain.VendorRecord.School;
import org.statehub.simulator.domain.VendorRecord.Student;

/** The generator and the change overlay, without a Quarkus boot. */
class DistrictTest {

    private static final DistrictSpec SPEC = new DistrictSpec(7, 2_000, 255901, 2025);

    @Test
    void studentIdsAreUniqueAndMapBackToTheirIndex() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < DistrictSpec.MAX_STUDENTS; i++) {
            String id = DistrictIds.studentUniqueId(i);
            assertThat(id).matches("6\\d{8}");
            assertThat(ids.add(id)).isTrue();
            assertThat(DistrictIds.studentIndex(id)).hasValue(i);
        }
        assertThat(DistrictIds.studentIndex("512345678")).isEmpty();
        assertThat(DistrictIds.contactUniqueId(246)).matches("C\\d{9}");
    }

    @Test
    void schoolsFitTheirCategoryAndEveryStudentIsEnrolledAtASchoolServingItsGrade() {
        DistrictGenerator generator = new DistrictGenerator(SPEC);
        assertThat(generator.spec().schoolCount()).isEqualTo(4);
        Map<Integer, School> schools = new HashMap<>();
        Set<SchoolCategory> categories = new HashSet<>();
        for (int s = 0; s < generator.spec().schoolCount(); s++) {
            School school = generator.school(s);
            schools.put(school.schoolId(), school);
            categories.add(school.category());
            assertThat(school.schoolId()).isEqualTo(255901 * 1000 + s + 1);
            assertThat(school.gradeLevelCodes())
                    .first()
                    .isEqualTo(VendorCodes.grade(school.category().lowestGrade()));
            assertThat(school.gradeLevelCodes())
                    .last()
                    .isEqualTo(VendorCodes.grade(school.category().highestGrade()));
        }
        assertThat(categories).containsExactlyInAnyOrder(SchoolCategory.values());
        for (int i = 0; i < SPEC.students(); i++) {
            Enrollment e = generator.enrollment(i);
            Student s = generator.student(i);
            assertThat(schools.get(e.schoolId()).gradeLevelCodes()).contains(e.entryGradeLevelCode());
            int grade = e.entryGradeLevelCode().equals("KG") ? 0 : Integer.parseInt(e.entryGradeLevelCode());
            // age on September 1 of the school year's first year is 5 + grade
            LocalDate sept1 = LocalDate.of(2024, 9, 1);
            int age = java.time.Period.between(s.birthDate(), sept1).getYears();
            assertThat(age)
                    .as("age of %s in grade %s", s.studentUniqueId(), grade)
                    .isEqualTo(5 + grade);
            assertThat(e.studentUniqueId()).isEqualTo(s.studentUniqueId());
            if (e.exitWithdrawDate() != null) {
                assertThat(e.exitWithdrawDate()).isAfter(e.entryDate());
            }
        }
    }

    @Test
    void attendanceIsOnDistinctSchoolDaysWhileEnrolledInTheSessionNamed() {
        DistrictGenerator generator = new DistrictGenerator(SPEC);
        for (int i = 0; i < SPEC.students(); i++) {
            Enrollment e = generator.enrollment(i);
            Set<LocalDate> dates = new HashSet<>();
            for (int j = 3 * i; j < 3 * i + 3; j++) {
                AttendanceEvent a = generator.attendanceEvent(j);
                assertThat(a.studentUniqueId()).isEqualTo(e.studentUniqueId());
                assertThat(a.schoolId()).isEqualTo(e.schoolId());
                assertThat(generator.calendar().isSchoolDay(a.eventDate())).isTrue();
                assertThat(a.eventDate()).isAfterOrEqualTo(e.entryDate());
                if (e.exitWithdrawDate() != null) {
                    assertThat(a.eventDate()).isBeforeOrEqualTo(e.exitWithdrawDate());
                }
                boolean fall = a.eventDate().isBefore(LocalDate.of(2025, 1, 1));
                assertThat(a.sessionName()).isEqualTo(fall ? "2024-2025 Fall Semester" : "2024-2025 Spring Semester");
                dates.add(a.eventDate());
            }
            assertThat(dates).hasSize(3);
        }
    }

    @Test
    void namesAreVariedAndSomeStudentsShareABirthDate() {
        DistrictGenerator generator = new DistrictGenerator(SPEC);
        int twoSurnames = 0, hyphenated = 0, suffixed = 0, middle = 0, preferred = 0;
        Map<LocalDate, Integer> birthDates = new HashMap<>();
        for (int i = 0; i < SPEC.students(); i++) {
            Student s = generator.student(i);
            twoSurnames += s.lastSurname().matches("\\p{L}+ \\p{L}+") ? 1 : 0;
            hyphenated += s.lastSurname().contains("-") ? 1 : 0;
            suffixed += s.generationCodeSuffix() != null ? 1 : 0;
            middle += s.middleName() != null ? 1 : 0;
            if (s.preferredFirstName() != null) {
                assertThat(s.preferredFirstName()).isNotEqualTo(s.firstName());
                preferred++;
            }
            birthDates.merge(s.birthDate(), 1, Integer::sum);
        }
        assertThat(List.of(twoSurnames, hyphenated, suffixed, middle, preferred))
                .allMatch(n -> n > 10);
        assertThat(birthDates.values().stream().filter(n -> n >= 3).count()).isPositive();
        // twins: student i (i % 37 == 1 + seed % 36) shares surname and birth date with student i - 1
        int twin = 37 + 1 + 7;
        assertThat(generator.student(twin).birthDate())
                .isEqualTo(generator.student(twin - 1).birthDate());
        assertThat(generator.student(twin).lastSurname())
                .isEqualTo(generator.student(twin - 1).lastSurname());
    }

    @Test
    void visiblePositionsSkipDeletedRecordsConsistently() throws ChangeRejected {
        District district = District.generate(new DistrictSpec(1, 50, 255901, 2025));
        List<Change> deletes = new ArrayList<>();
        for (int i : new int[] {0, 3, 4, 5, 17, 49}) {
            deletes.add(new Change.Delete(ResourceType.STUDENTS, ResourceType.STUDENTS.sourceId(i)));
        }
        District changed = district.apply(deletes);
        assertThat(changed.visibleCount(ResourceType.STUDENTS)).isEqualTo(44);
        List<Integer> all = collect(changed.visibleIndices(ResourceType.STUDENTS, 0, Long.MAX_VALUE));
        assertThat(all).hasSize(44).doesNotContain(0, 3, 4, 5, 17, 49).isSorted();
        for (int offset = 0; offset <= 44; offset++) {
            for (int limit = 1; limit <= 7; limit++) {
                assertThat(collect(changed.visibleIndices(ResourceType.STUDENTS, offset, limit)))
                        .isEqualTo(all.subList(offset, Math.min(44, offset + limit)));
            }
        }
        assertThat(district.visibleCount(ResourceType.STUDENTS))
                .as("the original is unchanged")
                .isEqualTo(50);
    }

    @Test
    void aBatchWithABadChangeAppliesNothingAndNamesTheIndex() {
        District district = District.generate(SPEC);
        String id = DistrictIds.studentUniqueId(5);
        assertThatThrownBy(() -> district.apply(List.of(
                        new Change.Rename(id, "Ana", null, null),
                        new Change.Withdraw(id, LocalDate.of(2024, 8, 1), "W01"))))
                .isInstanceOfSatisfying(ChangeRejected.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.reason()).contains("before the enrollment's entryDate");
                });
        assertThat(district.student(5).firstName()).isNotEqualTo("Ana");
        assertThat(district.changeCount()).isZero();
    }

    @Test
    void aRecordDeepInTheLargestDistrictIsGeneratedWithoutMaterialisingTheDistrict() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        District district = District.generate(new DistrictSpec(42, DistrictSpec.MAX_STUDENTS, 255901, 2025));
        PrimitiveIterator.OfInt page =
                district.visibleIndices(ResourceType.STUDENT_SCHOOL_ATTENDANCE_EVENTS, 599_990, 10);
        List<AttendanceEvent> events = new ArrayList<>();
        page.forEachRemaining((int j) -> events.add(district.attendanceEvent(j)));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(events).hasSize(10);
        assertThat(events.getLast().sourceId()).isEqualTo("ATT-000599999");
        // 200,000 students' records would take tens of megabytes; one page takes a few kilobytes
        assertThat(allocated).isLessThan(2_000_000);
    }

    @Test
    void sameSpecSameRecordsOtherSeedOtherRecords() {
        DistrictGenerator a = new DistrictGenerator(SPEC);
        DistrictGenerator b = new DistrictGenerator(SPEC);
        DistrictGenerator c = new DistrictGenerator(new DistrictSpec(8, 2_000, 255901, 2025));
        int differ = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(a.student(i)).isEqualTo(b.student(i));
            assertThat(a.attendanceEvent(i)).isEqualTo(b.attendanceEvent(i));
            differ += a.student(i).equals(c.student(i)) ? 0 : 1;
        }
        assertThat(differ).isGreaterThan(90);
    }

    private static List<Integer> collect(PrimitiveIterator.OfInt it) {
        List<Integer> out = new ArrayList<>();
        it.forEachRemaining((int i) -> out.add(i));
        return out;
    }
}
