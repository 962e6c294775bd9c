package org.statehub.simulator.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The changes made to a generated district, keyed by record: it grows with the number of changes, never with the
 * district. Mutated only while a batch of changes is applied to a private copy; published copies are read-only.
 */
final class Overlay {

    /** New values of a student's members; null leaves the generated value, a blank middle name removes it. */
    record StudentPatch(String firstName, String lastSurname, String middleName, LocalDate birthDate) {}

    /** New values of an enrollment's members; null leaves the generated value. */
    record EnrollmentPatch(
            Integer schoolId, LocalDate entryDate, LocalDate exitWithdrawDate, String exitWithdrawTypeCode) {}

    private static final int[] NONE = new int[0];

    int addedStudents;
    int changeCount;
    final Map<Integer, StudentPatch> students;
    final Map<Integer, EnrollmentPatch> enrollments;
    private final EnumMap<ResourceType, int[]> deleted;

    Overlay() {
        this(0, 0, new HashMap<>(), new HashMap<>(), new EnumMap<>(ResourceType.class));
    }

    private Overlay(
            int addedStudents,
            int changeCount,
            Map<Integer, StudentPatch> students,
            Map<Integer, EnrollmentPatch> enrollments,
            EnumMap<ResourceType, int[]> deleted) {
        this.addedStudents = addedStudents;
        this.changeCount = changeCount;
        this.students = students;
        this.enrollments = enrollments;
        this.deleted = deleted;
    }

    Overlay copy() {
        return new Overlay(
                addedStudents,
                changeCount,
                new HashMap<>(students),
                new HashMap<>(enrollments),
                new EnumMap<>(deleted));
    }

    /** The deleted indices of a resource, ascending. */
    int[] deleted(ResourceType type) {
        return deleted.getOrDefault(type, NONE);
    }

    boolean isDeleted(ResourceType type, int index) {
        return Arrays.binarySearch(deleted(type), index) >= 0;
    }

    void delete(ResourceType type, int index) {
        int[] current = deleted(type);
        int at = Arrays.binarySearch(current, index);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        int[] next = new int[current.length + 1];
        System.arraycopy(current, 0, next, 0, insert);
        next[insert] = index;
        System.arraycopy(current, insert, next, insert + 1, current.length - insert);
        deleted.put(type, next);
    }

    StudentPatch student(int index) {
        return students.getOrDefault(index, new StudentPatch(null, null, null, null));
    }

    EnrollmentPatch enrollment(int index) {
        return enrollments.getOrDefault(index, new EnrollmentPatch(null, null, null, null));
    }
}
