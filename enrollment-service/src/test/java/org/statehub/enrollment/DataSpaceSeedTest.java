package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.ProblemDetails.isProblem;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;
import org.statehub.testing.TestDirectory;

/**
 * enrollment-service keeping the school years 2026 and 2027 apart (docs/decisions/0020, part 5, step 17): each year
 * has the standard descriptors and the state's SEA, stored at start in its own schema, and an organization of one
 * year is neither seen nor referenced in the other; a year the gateway serves since the start (an ODS instance an
 * administrator created, step 20) is made and seeded at its first request, without a restart.
 */
@QuarkusTest
@TestProfile(DataSpaceSeedTest.TwoYears.class)
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class DataSpaceSeedTest {

    private static final String BASE = "/data/v3/ed-fi/";
    private static final String SPACES = "/internal/v1/dataSpaces/";

    /** The years 2026 and 2027 served. */
    public static class TwoYears extends SettingsProfile {
        public TwoYears() {
            super(Map.of("hub.instances.route", "school-year", "hub.instances.years", "2026,2027"));
        }
    }

    /** The year has the standard descriptors (Female of the Ed-Fi SexDescriptor namespace among them). */
    private static void hasTheStandardDescriptors(String year) {
        in(year).queryParam("codeValue", "Female")
                .queryParam("namespace", "uri://ed-fi.org/SexDescriptor")
                .get(BASE + "sexDescriptors")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
    }

    private static RequestSpecification in(String year) {
        return given().header("Hub-Data-Space", year);
    }

    @Test
    void eachYearHasTheStandardDescriptorsAndTheStatesSeaOfItsOwn() {
        String sea2026 = in("2026")
                .queryParam("stateEducationAgencyId", 255950)
                .get(BASE + "stateEducationAgencies")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .extract()
                .path("[0].id");
        in("2027")
                .queryParam("stateEducationAgencyId", 255950)
                .get(BASE + "stateEducationAgencies")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", not(equalTo(sea2026)));
        for (String year : new String[] {"2026", "2027"}) {
            hasTheStandardDescriptors(year);
        }
    }

    @Test
    void anOrganizationOfOneYearIsNeitherSeenNorReferencedInTheOther() {
        long leaId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
        in("2026")
                .contentType(ContentType.JSON)
                .body(lea(leaId))
                .post(BASE + "localEducationAgencies")
                .then()
                .statusCode(201);
        in("2027")
                .queryParam("localEducationAgencyId", leaId)
                .get(BASE + "localEducationAgencies")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        in("2027")
                .contentType(ContentType.JSON)
                .body(school(leaId * 100 + 1, leaId))
                .post(BASE + "schools")
                .then()
                .statusCode(409);
        in("2026")
                .contentType(ContentType.JSON)
                .body(school(leaId * 100 + 1, leaId))
                .post(BASE + "schools")
                .then()
                .statusCode(201);
    }

    @Test
    void aYearTheGatewayServesSinceTheStartIsMadeAtItsFirstRequest() {
        isProblem(in("2029").get(BASE + "sexDescriptors").then(), 404);
        TestDirectory.schoolYears(List.of("2026", "2027", "2029"));
        try {
            hasTheStandardDescriptors("2029");
            in("2029")
                    .queryParam("stateEducationAgencyId", 255950)
                    .get(BASE + "stateEducationAgencies")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1));
            in("2029").get("/changeQueries/v1/availableChangeVersions").then().statusCode(200);
        } finally {
            TestDirectory.schoolYears(List.of());
        }
    }

    @Test
    void aYearStillBeingMadeIsAnswered503AndAnotherYearIsMadeWithoutWaitingForIt() {
        HeldSeed.hold("2035");
        TestDirectory.schoolYears(List.of("2026", "2027", "2035", "2036"));
        try {
            isProblem(in("2035").get(BASE + "sexDescriptors").then(), 503).header("Retry-After", "5");
            hasTheStandardDescriptors("2036");
            HeldSeed.release();
            hasTheStandardDescriptors("2035");
        } finally {
            HeldSeed.release();
            TestDirectory.schoolYears(List.of());
        }
    }

    @Test
    void aYearTheGatewayNoLongerServesIsDroppedWithItsDataAndMadeAgainEmpty() {
        String year = "2031";
        TestDirectory.schoolYears(List.of("2026", "2027", year));
        try {
            long leaId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
            in(year).contentType(ContentType.JSON)
                    .body(lea(leaId))
                    .post(BASE + "localEducationAgencies")
                    .then()
                    .statusCode(201);
            // the year's own items: the standard descriptors, the state's SEA and the LEA
            int items = given().get(SPACES + year)
                    .then()
                    .statusCode(200)
                    .body("schoolYear", equalTo(year))
                    .extract()
                    .path("items");
            org.junit.jupiter.api.Assertions.assertTrue(items > 3_000, "items: " + items);
            given().get(SPACES + "2030").then().statusCode(200).body("items", equalTo(0));

            // kept while the gateway serves it, and always for a year of the settings
            isProblemOfType(given().delete(SPACES + year).then(), 409, "urn:ed-fi:api:data-conflict")
                    .body("detail", containsString("still served by the gateway"));
            isProblemOfType(given().delete(SPACES + "2026").then(), 409, "urn:ed-fi:api:data-conflict")
                    .body("detail", containsString("HUB_YEARS"));
            isProblem(given().delete(SPACES + "1999").then(), 404);

            TestDirectory.schoolYears(List.of("2026", "2027"));
            given().delete(SPACES + year).then().statusCode(200).body("items", equalTo(items));
            given().get(SPACES + year).then().statusCode(200).body("items", equalTo(0));
            isProblem(in(year).get(BASE + "localEducationAgencies").then(), 404);
            given().delete(SPACES + year).then().statusCode(200).body("items", equalTo(0));

            // served again: a new, empty year with its seeds, nothing of what was dropped
            TestDirectory.schoolYears(List.of("2026", "2027", year));
            in(year).queryParam("localEducationAgencyId", leaId)
                    .get(BASE + "localEducationAgencies")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(0));
            in(year).contentType(ContentType.JSON)
                    .body(lea(leaId))
                    .post(BASE + "localEducationAgencies")
                    .then()
                    .statusCode(201);
        } finally {
            TestDirectory.schoolYears(List.of());
        }
    }
}
