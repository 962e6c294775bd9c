package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.statehub.testing.EdFiBodies.lea;
import static org.statehub.testing.EdFiBodies.school;
import static org.statehub.testing.ProblemDetails.isProblem;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;

/**
 * A new school year from a previous one (docs/decisions/0020, part 5, step 20): {@code PUT
 * /internal/v1/yearCopies/2028} with {@code fromYear} 2026 copies 2026's descriptors and organizations into 2028 as
 * new items of 2028 (new ids, 2028's change versions), and asking again copies nothing twice; what an administrator
 * gets wrong is a problem.
 */
@QuarkusTest
@TestProfile(YearCopyTest.Years.class)
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class YearCopyTest {

    private static final String BASE = "/data/v3/ed-fi/";
    private static final String COPY = "/internal/v1/yearCopies/";

    /** The years 2026 and 2028 served. */
    public static class Years extends SettingsProfile {
        public Years() {
            super(Map.of("hub.instances.route", "school-year", "hub.instances.years", "2026,2028"));
        }
    }

    private static RequestSpecification in(String year) {
        return given().header("Hub-Data-Space", year);
    }

    @Test
    void aNewYearHasThePreviousYearsDescriptorsAndOrganizationsAsItsOwnItems() {
        long leaId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
        String leaIn2026 = created(in("2026")
                .contentType(ContentType.JSON)
                .body(lea(leaId))
                .post(BASE + "localEducationAgencies")
                .then());
        created(in("2026")
                .contentType(ContentType.JSON)
                .body(school(leaId * 100 + 1, leaId))
                .post(BASE + "schools")
                .then());
        created(in("2026")
                .contentType(ContentType.JSON)
                .body("{\"codeValue\": \"L" + leaId + "\", \"namespace\": \"uri://state.example.org/SexDescriptor\","
                        + " \"shortDescription\": \"State's own\"}")
                .post(BASE + "sexDescriptors")
                .then());

        given().contentType(ContentType.JSON)
                .body("{\"fromYear\": \"2026\"}")
                .put(COPY + "2028")
                .then()
                .statusCode(202)
                .body("schoolYear", equalTo("2028"))
                .body("fromYear", equalTo("2026"));
        finished("2028")
                .body("state", equalTo("succeeded"))
                .body("resources.localEducationAgencies.copied", greaterThanOrEqualTo(1))
                .body("resources.stateEducationAgencies.present", equalTo(1))
                .body("errors.size()", equalTo(0));

        in("2028")
                .queryParam("localEducationAgencyId", leaId)
                .get(BASE + "localEducationAgencies")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", not(equalTo(leaIn2026)));
        in("2028")
                .queryParam("schoolId", leaId * 100 + 1)
                .get(BASE + "schools")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].localEducationAgencyReference.localEducationAgencyId", equalTo((int) leaId));
        in("2028")
                .queryParam("codeValue", "L" + leaId)
                .get(BASE + "sexDescriptors")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));

        // asking again copies nothing twice: every item is present
        given().contentType(ContentType.JSON)
                .body("{\"fromYear\": 2026}")
                .put(COPY + "2028")
                .then()
                .statusCode(202);
        finished("2028")
                .body("state", equalTo("succeeded"))
                .body("resources.localEducationAgencies.copied", equalTo(0))
                .body("resources.schools.copied", equalTo(0));
        in("2028")
                .queryParam("localEducationAgencyId", leaId)
                .get(BASE + "localEducationAgencies")
                .then()
                .body("size()", equalTo(1));
    }

    @Test
    void whatAnAdministratorGetsWrongIsAProblem() {
        refused(given().contentType(ContentType.JSON)
                .body("{}")
                .put(COPY + "2028")
                .then());
        refused(given().contentType(ContentType.JSON)
                .body("{\"fromYear\": \"2028\"}")
                .put(COPY + "2028")
                .then());
        refused(given().contentType(ContentType.JSON)
                .body("{\"fromYear\": \"2031\"}")
                .put(COPY + "2028")
                .then());
        isProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"fromYear\": ")
                        .put(COPY + "2028")
                        .then(),
                400);
        isProblemOfType(
                given().contentType(ContentType.JSON)
                        .body("{\"fromYear\": \"2026\"}")
                        .put(COPY + "2031")
                        .then(),
                404,
                "urn:ed-fi:api:not-found");
        isProblemOfType(given().get(COPY + "2031").then(), 404, "urn:ed-fi:api:not-found");
        // a year served with no copy asked for: state none (the gateway tells it from a year not served yet)
        given().get(COPY + "2026").then().statusCode(200).body("state", equalTo("none"));
    }

    private static void refused(ValidatableResponse response) {
        isProblemOfType(response, 400, "urn:ed-fi:api:bad-request:data-validation-failed")
                .body("validationErrors.'$.fromYear'.size()", equalTo(1));
    }

    private static String created(ValidatableResponse response) {
        String location = response.statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The copy's status once it has ended (it runs in the background; read until it is no longer running). */
    private static ValidatableResponse finished(String year) {
        for (int read = 0; read < 600; read++) {
            ValidatableResponse status = given().get(COPY + year).then().statusCode(200);
            if (!"running".equals(status.extract().path("state"))) {
                return status;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("The copy into " + year + " did not end");
    }
}
