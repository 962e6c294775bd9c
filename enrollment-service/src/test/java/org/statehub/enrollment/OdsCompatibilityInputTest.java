package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.enrollment.EnrollmentApiTest.BASE;
import static org.statehub.enrollment.EnrollmentApiTest.MAPPER;
import static org.statehub.enrollment.EnrollmentApiTest.sample;
import static org.statehub.testing.EdFiRequests.isNotAnId;
import static org.statehub.testing.EdFiRequests.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * enrollment-service's resources as an Ed-Fi ODS/API 7.3 client meets them where they differ from
 * student-service's (descriptors with their namespace, education organizations with references that carry a
 * {@code link}): issue 15, items 2 to 4. student-service's {@code OdsCompatibilityInputTest} covers the rest.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class OdsCompatibilityInputTest {

    private static final String DATA_VALIDATION_FAILED = "urn:ed-fi:api:bad-request:data-validation-failed";

    // Member names match in any letter case, as .NET's default binding in the ODS/API matches them
    // (https://docs.ed-fi.org/reference/data-exchange/api-guidelines/tips-for-success); a descriptor's namespace
    // sent as "Namespace" is still the namespace a vendor may write only under its prefixes
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base:
    // ...:namespace:access-denied:namespace-mismatch)
    @Test
    void descriptorMembersInAnotherCaseAreAcceptedAndTheirNamespaceIsStillChecked() throws Exception {
        String vendor =
                TestTokens.token("acme-case", "SISVendor", List.of(255901L), List.of("uri://acme.example"), 1800);
        String location =
                EnrollmentApiTest.writtenOnlyInOwnNamespace(vendor, "C1", "CodeValue", "NAMESPACE", "shortdescription");
        JsonNode stored = MAPPER.readTree(
                given().get(location).then().statusCode(200).extract().asString());
        assertThat(stored.path("namespace").asText()).isEqualTo("uri://acme.example/SexDescriptor");
        assertThat(stored.path("shortDescription").asText()).isEqualTo("C1");
        assertThat(stored.has("Namespace") || stored.has("CodeValue")).isFalse();
    }

    // A school read from an ODS/API (id, _etag, _lastModifiedDate, and a link in each reference) and sent back
    // with its members in PascalCase is accepted (same source:
    // https://docs.ed-fi.org/reference/data-exchange/api-guidelines/tips-for-success)
    @Test
    void aSchoolWithPascalCaseMembersAndEchoedLinksIsAcceptedOnPut() throws Exception {
        new EnrollmentApiTest().organizations(); // the school years and the LEA the school references
        ObjectNode school = sample("schools");
        school.remove("id");
        school.put("schoolId", 255901077);
        String location = given().contentType(ContentType.JSON)
                .body(school.toString())
                .post(BASE + "schools")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                .extract()
                .header("Location");
        String pascal = sample("schools")
                .put("schoolId", 255901077)
                .put("nameOfInstitution", "Renamed High")
                .toString()
                .replace("\"localEducationAgencyReference\"", "\"LocalEducationAgencyReference\"")
                .replace("\"localEducationAgencyId\"", "\"LocalEducationAgencyID\"")
                .replace("\"link\"", "\"Link\"")
                .replace("\"gradeLevelDescriptor\"", "\"GradeLevelDescriptor\"");
        given().contentType(ContentType.JSON).body(pascal).put(location).then().statusCode(204);
        given().get(location)
                .then()
                .statusCode(200)
                .body("nameOfInstitution", equalTo("Renamed High"))
                .body("localEducationAgencyReference.localEducationAgencyId", equalTo(255901))
                .body(
                        "gradeLevels[1].gradeLevelDescriptor",
                        equalTo("uri://ed-fi.org/GradeLevelDescriptor#Tenth grade"));
    }

    // An id in the route that is no GUID is a data validation failure of the id, for every resource and method
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base)
    @Test
    void anIdThatIsNoGuidAnswers400ForDescriptorsAndOrganizations() {
        isNotAnId(given().get(BASE + "schools/255901001").then(), "255901001");
        isNotAnId(
                given().contentType(ContentType.JSON)
                        .body(sample("sessions").toString())
                        .put(BASE + "sessions/0")
                        .then(),
                "0");
        isNotAnId(given().delete(BASE + "sexDescriptors/xyz").then(), "xyz");
        query("sexDescriptors", "id", "invalid")
                .statusCode(400)
                .body("errors", contains("The value 'invalid' is not valid for Id."));
    }

    // A repeated collection item is named by its collection's member name
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base)
    @Test
    void aRepeatedGradeLevelNamesTheGradeLevelsCollection() {
        ObjectNode school = sample("schools");
        school.remove("id");
        school.withArray("gradeLevels").add(school.withArray("gradeLevels").get(0));
        given().contentType(ContentType.JSON)
                .body(school.toString())
                .post(BASE + "schools")
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.gradeLevels'",
                        contains("The 3rd item of the gradeLevels has the same "
                                + "identifying values as another item earlier in the list."));
    }
}
