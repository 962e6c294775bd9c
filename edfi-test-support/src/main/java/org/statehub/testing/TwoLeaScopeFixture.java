package org.statehub.testing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fixture of a service's scope matrix over two LEAs ({@code ScopeMatrixTest} in student-service and
 * enrollment-service extend it): a state admin, a SIS vendor for each LEA and the client of LEA 1's school, with
 * fresh organization and client ids per run (a module's tests share one database).
 */
public abstract class TwoLeaScopeFixture {

    protected static final String ADMIN = "state-admin";
    protected static final String LEA1 = "lea1-vendor";
    protected static final String LEA2 = "lea2-vendor";
    protected static final String SCHOOL1 = "school1-client";

    protected final long lea1 = ThreadLocalRandom.current().nextLong(300_000, 899_000) * 2;
    protected final long lea2 = lea1 + 1;
    /** LEA 1's school, the one with a client of its own. */
    protected final long school1 = lea1 * 1000 + 1;
    /** LEA 2's school. */
    protected final long schoolB = lea2 * 1000 + 1;
    /** This run's part of unique ids and client ids. */
    protected final String run = UUID.randomUUID().toString().substring(0, 8);

    /**
     * Creates, with the test's default token, the 2025 school year, both LEAs and a school of each (in a service
     * that stores them, at {@code base}, e.g. {@code /data/v3/ed-fi/}).
     */
    protected void leasWithASchoolEach(String base) {
        ScopeMatrix.create(base, "schoolYearTypes", """
                {"schoolYear":2025,"currentSchoolYear":true,"schoolYearDescription":"2024-2025"}""");
        ScopeMatrix.create(base, "localEducationAgencies", EdFiBodies.lea(lea1));
        ScopeMatrix.create(base, "localEducationAgencies", EdFiBodies.lea(lea2));
        ScopeMatrix.create(base, "schools", EdFiBodies.school(school1, lea1));
        ScopeMatrix.create(base, "schools", EdFiBodies.school(schoolB, lea2));
    }

    /** A SISVendor token of this run's client {@code name} for one education organization. */
    protected String vendor(String name, long organization) {
        return TestTokens.vendor(name + "-" + run, organization);
    }

    /**
     * The matrix of the four clients over what was written after change version {@code since}: {@code first} up to
     * {@code afterFirst} (LEA 1's side), then {@code second} up to {@code afterSecond} (LEA 2's).
     */
    protected ScopeMatrix matrix(
            String base,
            long since,
            List<ScopeMatrix.Item> first,
            long afterFirst,
            List<ScopeMatrix.Item> second,
            long afterSecond) {
        return new ScopeMatrix(base, since)
                .client(ADMIN, TestTokens.stateAdmin())
                .client(LEA1, vendor(LEA1, lea1))
                .client(LEA2, vendor(LEA2, lea2))
                .client(SCHOOL1, vendor(SCHOOL1, school1))
                .written(since, afterFirst, first)
                .written(afterFirst, afterSecond, second);
    }
}
