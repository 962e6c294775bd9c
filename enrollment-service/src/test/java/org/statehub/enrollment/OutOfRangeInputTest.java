package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.enrollment.EnrollmentApiTest.BASE;
import static org.statehub.enrollment.EnrollmentApiTest.sample;
import static org.statehub.testing.EdFiRequests.query;
import static org.statehub.testing.EdFiRequests.refusedQuery;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * Numbers outside the range the contract declares (format int32/int64, minimum, maximum) and dates outside the
 * accepted range answer 400, in bodies and in query parameters, and are never stored.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class OutOfRangeInputTest {

    private static io.restassured.response.Response postText(String resource, String body) {
        return given().contentType("application/json").body(body).post(BASE + resource);
    }

    @Test
    void schoolIdsOutsideInt64Answer400AndAreNotStored() {
        for (String id : new String[] {
            "1" + "0".repeat(30), new BigInteger("2").pow(63).toString(), "1e300", "-9223372036854775809"
        }) {
            ObjectNode school = sample("schools");
            school.remove("id");
            school.remove("localEducationAgencyReference");
            String body = school.toString().replaceFirst("\"schoolId\":\\d+", "\"schoolId\":" + id);
            assertThat(body).contains("\"schoolId\":" + id);
            postText("schools", body)
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                    .body(
                            "validationErrors.'$.schoolId'[0]",
                            equalTo("SchoolId must be between -9223372036854775808 and 9223372036854775807."));
        }
        isProblemOfType(
                query("schools", "schoolId", "99999999999999999999"),
                400,
                "urn:ed-fi:api:bad-request:parameter-validation-failed");
    }

    @Test
    void aSchoolYearOutsideInt32Answers400InBodyAndQuery() {
        ObjectNode year = sample("schoolYearTypes");
        year.put("schoolYear", 3_000_000_000L).put("schoolYearDescription", "far away");
        postText("schoolYearTypes", year.toString())
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.schoolYear'[0]",
                        equalTo("SchoolYear must be between -2147483648 and 2147483647."));
        query("schoolYearTypes", "schoolYear", 3_000_000_000L)
                .statusCode(400)
                .body("errors[0]", containsString("It must be between -2147483648 and 2147483647."));
        query("studentSchoolAssociations", "schoolYear", 3_000_000_000L).statusCode(400);
    }

    @Test
    void decimalAndDateParametersOutsideTheirRangeAnswer400() {
        for (String fte : new String[] {"10", "-1", "1e999999999", "1e-999999999"}) {
            refusedQuery("studentSchoolAssociations", "fullTimeEquivalency", fte);
        }
        query("studentSchoolAssociations", "fullTimeEquivalency", "0.5").statusCode(200);
        query("studentSchoolAssociations", "entryDate", "0000-01-01")
                .statusCode(400)
                .body("errors[0]", containsString("is not a valid date for entryDate"));
        ObjectNode enrollment = sample("studentSchoolAssociations");
        enrollment.put("entryDate", "0000-01-01");
        postText("studentSchoolAssociations", enrollment.toString())
                .then()
                .statusCode(400)
                .body("validationErrors.'$.entryDate'[0]", containsString("is not a valid date"));
    }
}
