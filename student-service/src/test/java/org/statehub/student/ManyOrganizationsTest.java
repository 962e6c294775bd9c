package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.testing.EdFiBodies.enrollment;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.EdFiBodies.student;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;
import org.statehub.testing.TestTokens;

/**
 * A vendor client of 10,000 education organizations (issue 15 item 7; decision 0009). In the ODS/API a client's
 * reach follows the education organizations its application is associated with, however many
 * (https://docs.ed-fi.org/reference/ods-api/client-developers-guide/authorization): the token stays the size of
 * any other, the organizations come from the client directory (edfi-test-support's {@code TestDirectory}, over
 * HTTP), and the client sees its organizations' students only. The directory's entries are kept 5 s here, as in
 * production, and the cost of a call for a client of 1 and of 10,000 organizations is printed
 * (docs/BENCHMARKS.md), not asserted.
 */
@QuarkusTest
@TestProfile(ManyOrganizationsTest.ProductionFreshness.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ManyOrganizationsTest {

    /** The production freshness of the client directory's entries (the tests' default revalidates every call). */
    public static class ProductionFreshness extends SettingsProfile {
        public ProductionFreshness() {
            super(Map.of("hub.client-directory.fresh", "5s"), PostgresTestResource.class);
        }
    }

    static final int CALLS = 200;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ResourceCatalog catalog;

    private final long lea = ThreadLocalRandom.current().nextLong(300_000, 899_000) * 2;
    private final long otherLea = lea + 1;
    private final String run = uniqueId().substring(0, 8);

    @Test
    void aClientOfTenThousandOrganizationsHasASmallTokenAndSeesOnlyItsOrganizationsStudents() throws Exception {
        long school = lea * 1000 + 1;
        long otherSchool = otherLea * 1000 + 1;
        replica("schools", school(school, lea));
        replica("schools", school(otherSchool, otherLea));
        String mine = "M-" + run;
        String theirs = "T-" + run;
        ApiTestSupport.create("students", MAPPER.readTree(student(mine)));
        ApiTestSupport.create("students", MAPPER.readTree(student(theirs)));
        replica("studentSchoolAssociations", enrollment(mine, school));
        replica("studentSchoolAssociations", enrollment(theirs, otherSchool));

        List<Long> organizations = new ArrayList<>();
        organizations.add(lea);
        for (long id = 10_000_000L; organizations.size() < 10_000; id++) {
            organizations.add(id);
        }
        String many = TestTokens.token("many-" + run, "SISVendor", organizations, List.of(), 1800);
        String one = TestTokens.token("one-" + run, "SISVendor", List.of(lea), List.of(), 1800);
        assertThat(many.length())
                .as("a 10,000-organization client's token")
                .isLessThan(1_000)
                .isBetween(one.length() - 20, one.length() + 20);

        for (String token : List.of(many, one)) {
            List<String> seen = new ArrayList<>();
            MAPPER.readTree(given().auth()
                            .oauth2(token)
                            .queryParam("limit", 500)
                            .get(BASE + "students")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .forEach(s -> seen.add(s.get("studentUniqueId").asText()));
            assertThat(seen).contains(mine).doesNotContain(theirs);
            given().auth()
                    .oauth2(token)
                    .queryParam("studentUniqueId", theirs)
                    .get(BASE + "students")
                    .then()
                    .statusCode(200)
                    .body("size()", org.hamcrest.Matchers.equalTo(0));
        }

        // measured, not asserted: the same read, CALLS times, for each client (after the reads above warmed up)
        for (String[] client :
                List.of(new String[] {"1", one}, new String[] {"10,000", many}, new String[] {"1", one}, new String[] {
                    "10,000", many
                })) {
            long started = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                given().auth()
                        .oauth2(client[1])
                        .queryParam("studentUniqueId", mine)
                        .get(BASE + "students")
                        .then()
                        .statusCode(200);
            }
            double millis = (System.nanoTime() - started) / 1e6 / CALLS;
            System.out.printf(
                    "ManyOrganizationsTest: GET students?studentUniqueId for a client of %s "
                            + "organization(s): %.2f ms per call (%d calls)%n",
                    client[0], millis, CALLS);
        }
    }

    /**
     * An administrator's change of a client's organizations (the directory's entry replaced over HTTP, as the
     * gateway's {@code PUT /admin/v1/clients/{id}/educationOrganizationIds} does) reaches a token issued before
     * it, once the service's cached entry is no longer fresh (5 s here, as in production), without a new token.
     */
    @Test
    void anAdminChangeReachesATokenIssuedBeforeIt() throws Exception {
        long school = lea * 1000 + 2;
        replica("schools", school(school, lea));
        String student = "A-" + run;
        ApiTestSupport.create("students", MAPPER.readTree(student(student)));
        replica("studentSchoolAssociations", enrollment(student, school));
        String client = "changed-" + run;
        String token = TestTokens.token(client, "SISVendor", List.of(otherLea), List.of(), 1800);
        given().auth()
                .oauth2(token)
                .queryParam("studentUniqueId", student)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));

        org.statehub.testing.TestDirectory.register(client, "SISVendor", List.of(lea));
        long changed = System.nanoTime();
        int seen = 0;
        while (seen == 0 && System.nanoTime() - changed < 30_000_000_000L) {
            seen = given().auth()
                    .oauth2(token)
                    .queryParam("studentUniqueId", student)
                    .get(BASE + "students")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("size()");
            if (seen == 0) {
                Thread.sleep(250);
            }
        }
        assertThat(seen).as("the student, once the client has the LEA").isEqualTo(1);
        System.out.printf(
                "ManyOrganizationsTest: an admin change reached the issued token after %.1f s%n",
                (System.nanoTime() - changed) / 1e9);
    }

    /** Puts an item of enrollment-service into this service's replica. */
    private void replica(String resource, String body) throws Exception {
        ApiTestSupport.replicate(dataSource, catalog, resource, body);
    }
}
