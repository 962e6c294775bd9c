package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.ProblemDetails.isProblem;

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

    /** The years 2026 and 2027 served. */
    public static class TwoYears extends SettingsProfile {
        public TwoYears() {
            super(Map.of("hub.instances.route", "school-year", "hub.instances.years", "2026,2027"));
        }
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
            in(year).queryParam("codeValue", "Female")
                    .queryParam("namespace", "uri://ed-fi.org/SexDescriptor")
                    .get(BASE + "sexDescriptors")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1));
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
            in("2029")
                    .queryParam("codeValue", "Female")
                    .queryParam("namespace", "uri://ed-fi.org/SexDescriptor")
                    .get(BASE + "sexDescriptors")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1));
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
}
