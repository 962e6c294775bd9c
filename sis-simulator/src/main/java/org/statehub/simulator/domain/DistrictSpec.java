package org.statehub.simulator.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What a district is generated from: everything else follows from these values.
 *
 * @param seed       the random seed; the same spec always gives the same district
 * @param students   how many students are generated (1..200,000)
 * @param leaId      the LEA's education organization id; schools are {@code leaId * 1000 + n}
 * @param schoolYear the school year by its ending year: 2025 is 2024-2025
 * @param extensions the Ed-Fi extension projects whose members the district also serves ({@link #EXTENSIONS})
 */
public record DistrictSpec(long seed, int students, int leaId, int schoolYear, List<String> extensions) {

    /** The extension projects the simulator can serve: the Ed-Fi Sample extension's pets of students. */
    public static final List<String> EXTENSIONS = List.of("sample");

    public static final int MAX_STUDENTS = 200_000;
    /** Largest LEA id whose school ids ({@code leaId * 1000 + n}) still fit Ed-Fi's 32-bit organization ids. */
    public static final int MAX_LEA_ID = 2_147_482;

    public static final int MIN_SCHOOL_YEAR = 2000;
    public static final int MAX_SCHOOL_YEAR = 2099;

    /** A district without extension members. */
    public DistrictSpec(long seed, int students, int leaId, int schoolYear) {
        this(seed, students, leaId, schoolYear, List.of());
    }

    public DistrictSpec {
        extensions = List.copyOf(extensions);
        List<String> problems = problems(students, leaId, schoolYear);
        problems.addAll(unknownExtensions(extensions));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Why these values cannot make a district; empty when they can. */
    public static List<String> problems(long students, long leaId, long schoolYear) {
        List<String> problems = new ArrayList<>();
        if (students < 1 || students > MAX_STUDENTS) {
            problems.add("students must be between 1 and " + MAX_STUDENTS + ", was " + students);
        }
        if (leaId < 1 || leaId > MAX_LEA_ID) {
            problems.add("leaId must be between 1 and " + MAX_LEA_ID + ", was " + leaId);
        }
        if (schoolYear < MIN_SCHOOL_YEAR || schoolYear > MAX_SCHOOL_YEAR) {
            problems.add("schoolYear must be between " + MIN_SCHOOL_YEAR + " and " + MAX_SCHOOL_YEAR + ", was "
                    + schoolYear);
        }
        return problems;
    }

    /** Why these extension projects cannot be served; empty when they can. */
    public static List<String> unknownExtensions(List<String> extensions) {
        return extensions.stream()
                .filter(e -> !EXTENSIONS.contains(e))
                .map(e -> "extensions: unknown extension project '" + e + "' (the simulator serves " + EXTENSIONS + ")")
                .toList();
    }

    /** Whether the district serves the members of this extension project. */
    public boolean serves(String extension) {
        return extensions.contains(extension);
    }

    /** max(2, ceil(students / 500)). */
    public int schoolCount() {
        return Math.max(2, (students + 499) / 500);
    }
}
