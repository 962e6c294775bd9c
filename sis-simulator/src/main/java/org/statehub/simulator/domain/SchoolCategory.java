package org.statehub.simulator.domain;

import lombok.RequiredArgsConstructor;

/** Acme's school categories, with the grades (0 = kindergarten) a school of the category usually serves. */
@RequiredArgsConstructor
public enum SchoolCategory {
    ES("Elementary School", 0, 5),
    MS("Middle School", 6, 8),
    HS("High School", 9, 12);

    private final String nameSuffix;
    private final int lowestGrade;
    private final int highestGrade;

    public String code() {
        return name();
    }

    public String nameSuffix() {
        return nameSuffix;
    }

    public int lowestGrade() {
        return lowestGrade;
    }

    public int highestGrade() {
        return highestGrade;
    }
}
