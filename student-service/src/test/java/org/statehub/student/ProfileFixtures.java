package org.statehub.student;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.testing.EdFiBodies.enrollment;
import static org.statehub.testing.EdFiBodies.school;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.testing.TestDirectory;
import org.statehub.testing.TestTokens;

/** What {@link ProfileReadTest} and {@link ProfileWriteTest} share: clients with profiles and the problems' check. */
final class ProfileFixtures {

    static final String INVALID = "urn:ed-fi:api:profile:invalid-profile-usage";
    static final String POLICY = "urn:ed-fi:api:security:data-policy:incorrect-usage";

    private ProfileFixtures() {}

    /** A token of a new client of this claim set and organizations, which the test directory lists with profiles. */
    static String client(String claimSet, List<Long> organizations, String... profiles) {
        return TestTokens.withProfiles("profiles-" + uniqueId(), claimSet, organizations, List.of(profiles));
    }

    /**
     * Makes the test directory serve profile {@code name} of {@code resource} with these content types (its
     * {@code ReadContentType} and {@code WriteContentType} elements).
     */
    static void declare(String name, String resource, String contentTypes) {
        TestDirectory.profile(name, """
                <Profile name="%s"><Resource name="%s">
                %s
                </Resource></Profile>""".formatted(name, resource, contentTypes));
    }

    /** A SISVendor client of a new LEA whose school enrolls the student, with these profiles. */
    static String vendorOf(String studentUniqueId, String... profiles) throws Exception {
        DataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        ResourceCatalog catalog =
                Arc.container().instance(ResourceCatalog.class).get();
        long lea = ThreadLocalRandom.current().nextLong(300_000, 899_000) * 2 + 1;
        long school = lea * 1000 + 7;
        ApiTestSupport.replicate(dataSource, catalog, "schools", school(school, lea));
        ApiTestSupport.replicate(dataSource, catalog, "studentSchoolAssociations", enrollment(studentUniqueId, school));
        return client("SISVendor", List.of(lea), profiles);
    }

    /** The response is problem details of this status and type with this one error. */
    static ValidatableResponse problem(Response response, int status, String type, String error) {
        return response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(type))
                .body("status", equalTo(status))
                .body("errors", contains(error));
    }
}
