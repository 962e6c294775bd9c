package org.statehub.simulator.domain;

import java.util.SplittableRandom;

/**
 * Which of a district's schools (numbered 1..schoolCount) are elementary, middle and high schools, and the
 * grades each serves: about 6 in 13 elementary, 3 in 13 middle, the rest high schools, in that order. With only
 * two schools the elementary school is a K-8 and the other a high school.
 */
final class SchoolLayout {

    private final int schoolCount;
    private final int[] categoryFirst = new int[SchoolCategory.values().length];
    private final int[] categoryCount = new int[SchoolCategory.values().length];

    SchoolLayout(int schoolCount) {
        this.schoolCount = schoolCount;
        int elementary;
        int middle;
        if (schoolCount == 2) {
            elementary = 1;
            middle = 0;
        } else {
            elementary = Math.max(1, (int) Math.round(schoolCount * 6 / 13.0));
            middle = Math.max(1, (int) Math.round(schoolCount * 3 / 13.0));
        }
        categoryFirst[SchoolCategory.ES.ordinal()] = 1;
        categoryCount[SchoolCategory.ES.ordinal()] = elementary;
        categoryFirst[SchoolCategory.MS.ordinal()] = 1 + elementary;
        categoryCount[SchoolCategory.MS.ordinal()] = middle;
        categoryFirst[SchoolCategory.HS.ordinal()] = 1 + elementary + middle;
        categoryCount[SchoolCategory.HS.ordinal()] = schoolCount - elementary - middle;
    }

    SchoolCategory categoryOf(int schoolNumber) {
        for (SchoolCategory c : SchoolCategory.values()) {
            int first = categoryFirst[c.ordinal()];
            if (schoolNumber >= first && schoolNumber < first + categoryCount[c.ordinal()]) {
                return c;
            }
        }
        throw new IllegalArgumentException("no school " + schoolNumber);
    }

    int lowestGrade(SchoolCategory category) {
        return category.lowestGrade();
    }

    int highestGrade(SchoolCategory category) {
        return schoolCount == 2 && category == SchoolCategory.ES ? 8 : category.highestGrade();
    }

    /** One of the schools serving the grade, drawn from {@code r}. */
    int schoolFor(int grade, SplittableRandom r) {
        SchoolCategory category = servingCategory(grade);
        return categoryFirst[category.ordinal()] + r.nextInt(categoryCount[category.ordinal()]);
    }

    private SchoolCategory servingCategory(int grade) {
        for (SchoolCategory c : SchoolCategory.values()) {
            if (categoryCount[c.ordinal()] > 0 && grade >= lowestGrade(c) && grade <= highestGrade(c)) {
                return c;
            }
        }
        throw new IllegalStateException("no school serves grade " + grade);
    }
}
