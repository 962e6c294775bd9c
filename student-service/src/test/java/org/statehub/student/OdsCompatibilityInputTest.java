package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.create;
import static org.statehub.student.ApiTestSupport.json;
import static org.statehub.student.ApiTestSupport.post;
import static org.statehub.student.ApiTestSupport.postStudentWith;
import static org.statehub.student.ApiTestSupport.putNewStudentAt;
import static org.statehub.student.ApiTestSupport.sample;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.testing.EdFiRequests.isNotAnId;
import static org.statehub.testing.EdFiRequests.query;
import static org.statehub.testing.EdFiRequests.refusedQuery;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * Request bodies, identifiers and error shapes as an Ed-Fi ODS/API 7.3 client meets them (issue 15, items 2 to 4).
 * Each test names the Ed-Fi documentation its expectation comes from; docs/API.md's table "Request bodies,
 * identifiers and error shapes" lists them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class OdsCompatibilityInputTest {

    private static final String DATA_VALIDATION_FAILED = "urn:ed-fi:api:bad-request:data-validation-failed";

    private static JsonNode read(String location) throws Exception {
        return MAPPER.readTree(
                given().get(location).then().statusCode(200).extract().asString());
    }

    // ODS/API 7.3 reads bodies with .NET's default JSON binding, which matches member names without regard to case
    // ("an accidental legacy of using the default JSON serialization in the .NET Framework"); answers use the proper
    // casing: https://docs.ed-fi.org/reference/data-exchange/api-guidelines/tips-for-success
    @Test
    void putWithMemberNamesInAnotherCaseIsAcceptedAndReadBackInCamelCase() throws Exception {
        String uid = uniqueId();
        String location =
                post("students", student(uid)).then().statusCode(201).extract().header("Location");
        String body = student(uid)
                .toString()
                .replace("\"firstName\":\"Lisa\"", "\"FirstName\":\"Lisa\",\"MaidenName\":\"Harper\"")
                .replace("\"otherNameTypeDescriptor\"", "\"OtherNameTypeDescriptor\"")
                .replace("\"lastSurname\":\"Woods\"}", "\"LASTSURNAME\":\"Wood\"}");
        json().body(body).put(location).then().statusCode(204);
        JsonNode stored = read(location);
        assertThat(stored.path("maidenName").asText()).isEqualTo("Harper");
        assertThat(stored.path("firstName").asText()).isEqualTo("Lisa");
        assertThat(stored.has("MaidenName") || stored.has("FirstName")).isFalse();
        JsonNode otherName = stored.path("otherNames").get(0);
        assertThat(otherName.path("otherNameTypeDescriptor").asText()).endsWith("#Nickname");
        assertThat(otherName.path("lastSurname").asText()).isEqualTo("Wood");
        assertThat(otherName.has("LASTSURNAME")).isFalse();
    }

    // same source: https://docs.ed-fi.org/reference/data-exchange/api-guidelines/tips-for-success
    @Test
    void postAndBulkWithPascalCaseMembersStoreTheCanonicalNames() throws Exception {
        String uid = uniqueId();
        String body = "{\"StudentUniqueId\":\"" + uid + "\",\"FirstName\":\"Ana\",\"LastSurname\":\"Ruiz\","
                + "\"BirthDate\":\"2009-01-02\",\"OtherNames\":[{\"OtherNameTypeDescriptor\":"
                + "\"uri://ed-fi.org/OtherNameTypeDescriptor#Nickname\",\"FirstName\":\"Anita\",\"LastSurname\":\"R\"}]}";
        String id = create("students", MAPPER.readTree(body));
        JsonNode stored = read(BASE + "students/" + id);
        assertThat(stored.path("studentUniqueId").asText()).isEqualTo(uid);
        assertThat(stored.path("otherNames").get(0).path("firstName").asText()).isEqualTo("Anita");

        String bulkUid = uniqueId();
        json().body("[" + body.replace(uid, bulkUid) + "]")
                .post("/bulk/v1/ed-fi/students")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo(201));
        query("students", "studentUniqueId", bulkUid)
                .statusCode(200)
                .body("[0].birthDate", equalTo("2009-01-02"))
                .body("[0].otherNames[0].lastSurname", equalTo("R"));
    }

    // A client generated from the Ed-Fi OpenAPI document reads an item and PUTs it back: the read-only members it
    // echoes (id, _etag, _lastModifiedDate, link) are ignored on PUT, as the ODS/API ignores them
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base lists no
    // error for them); an id in a POST body is refused, in any letter case, as the ODS/API refuses it
    // ("Resource identifiers cannot be assigned by the client.").
    @Test
    void anItemReadAndPutBackUnchangedIsAcceptedAndAnIdInAnyCaseIsRefusedOnPost() throws Exception {
        String uid = uniqueId();
        String location =
                post("students", student(uid)).then().statusCode(201).extract().header("Location");
        ObjectNode asRead = (ObjectNode) read(location);
        asRead.put("_lastModifiedDate", "2026-01-01T00:00:00Z");
        json().body(asRead.toString()).put(location).then().statusCode(204);
        ObjectNode pascal = MAPPER.createObjectNode();
        asRead.properties()
                .forEach(m -> pascal.set(
                        Character.toUpperCase(m.getKey().charAt(0)) + m.getKey().substring(1), m.getValue()));
        json().body(pascal.toString()).put(location).then().statusCode(204);

        postStudentWith("Id", "0123456789abcdef0123456789abcdef")
                .statusCode(400)
                .body("errors[0]", containsString("Resource identifiers cannot be assigned by the client."));
    }

    // Two members that name the same contract member would leave one value silently dropped (the ODS/API keeps the
    // last); the hub refuses the body instead (a deliberate difference, docs/decisions/0003). Error shape:
    // https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base
    @Test
    void aMemberSentTwiceInDifferentCaseAnswers400NamingIt() {
        String body = student(uniqueId())
                .toString()
                .replace("\"firstName\":\"Lisa\"", "\"firstName\":\"Lisa\",\"FIRSTNAME\":\"Liza\"");
        post("students", body)
                .then()
                .statusCode(400)
                .body("type", equalTo(DATA_VALIDATION_FAILED))
                .body(
                        "validationErrors.'$.firstName'[0]",
                        containsString("'FIRSTNAME' repeats the member 'firstName'"));
    }

    // The Ed-Fi API guidelines say an API should ignore members not in the specification
    // (https://docs.ed-fi.org/reference/data-exchange/api-guidelines/design-and-implementation-guidelines/api-design-guidelines/rest-api-conventions/data-strictness);
    // the hub refuses them (a deliberate difference: a misspelt optional member would otherwise be lost silently).
    @Test
    void aMemberNotInTheContractIsStillRefusedWithItsPath() {
        ObjectNode body = student(uniqueId());
        ((ObjectNode) body.get("otherNames").get(0)).put("favoriteColor", "green");
        post("students", body)
                .then()
                .statusCode(400)
                .body("type", equalTo(DATA_VALIDATION_FAILED))
                .body("validationErrors", hasKey("$.otherNames[0].favoriteColor"));
    }

    // ODS/API 7.3 binds the id of the route as a GUID: anything else is a data validation failure of the id
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base)
    @Test
    void anIdThatIsNoGuidAnswers400DataValidationFailedForEveryMethod() {
        isNotAnId(putNewStudentAt(BASE + "students/0"), "0");
        isNotAnId(given().get(BASE + "students/not-a-guid").then(), "not-a-guid");
        isNotAnId(given().delete(BASE + "students/xyz").then(), "xyz");
        isNotAnId(
                given().get(BASE + "studentEducationOrganizationAssociations/123")
                        .then(),
                "123");
    }

    // same source: a query's id is bound as a GUID too
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base)
    @Test
    void aQueryByAnIdThatIsNoGuidAnswers400() {
        refusedQuery("students", "id", "invalid").body("errors", hasItem("The value 'invalid' is not valid for Id."));
        query("students", "id", "0123456789abcdef0123456789abcdef").statusCode(200);
    }

    // POST with an empty body is a data validation failure of the whole body, "$"
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base); PUT the
    // same
    @Test
    void anEmptyBodyOnPostOrPutAnswersDataValidationFailedAtTheRoot() {
        String location = post("students", student(uniqueId()))
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        json().body("")
                .put(location)
                .then()
                .statusCode(400)
                .body("type", equalTo(DATA_VALIDATION_FAILED))
                .body("detail", equalTo("Data validation failed. See 'validationErrors' for details."))
                .body("validationErrors.'$'", contains("A non-empty request body is required."));
        isProblemOfType(post("students", "").then(), 400, DATA_VALIDATION_FAILED)
                .body("validationErrors.'$'", contains("A non-empty request body is required."));
    }

    // "All data validation errors are reported in a single response rather than progressively"
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base)
    @Test
    void everyInvalidDescriptorOfABodyIsReported() {
        ObjectNode body = student(uniqueId());
        body.put("birthSexDescriptor", "uri://ed-fi.org/SexDescriptor#NoSuchSex");
        body.put("birthCountryDescriptor", "not a descriptor");
        body.put("citizenshipStatusDescriptor", "uri://ed-fi.org/CitizenshipStatusDescriptor#NoSuchStatus");
        body.remove("lastSurname");
        post("students", body)
                .then()
                .statusCode(400)
                .body("type", equalTo(DATA_VALIDATION_FAILED))
                .body("validationErrors", hasKey("$.lastSurname"))
                .body("validationErrors", hasKey("$.birthCountryDescriptor"))
                .body("validationErrors.'$.birthSexDescriptor'[0]", containsString("NoSuchSex' does not exist"))
                .body(
                        "validationErrors.'$.citizenshipStatusDescriptor'[0]",
                        containsString("NoSuchStatus' does not exist"));
    }

    // A repeated collection item names the collection by its member name, and 0 for a required identifier is
    // "X is required." (the ODS/API treats the default value as missing)
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base)
    @Test
    void aRepeatedItemNamesItsCollectionAndZeroForARequiredIdentifierIsRequired() {
        ObjectNode body = student(uniqueId());
        ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("otherNames"))
                .add(body.get("otherNames").get(0));
        post("students", body)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.otherNames'",
                        contains("The 2nd item of the otherNames has the same "
                                + "identifying values as another item earlier in the list."));
        ObjectNode seoa = sample("studentEducationOrganizationAssociations");
        ((ObjectNode) seoa.get("educationOrganizationReference")).put("educationOrganizationId", 0);
        post("studentEducationOrganizationAssociations", seoa)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.educationOrganizationReference.educationOrganizationId'",
                        contains("EducationOrganizationId is required."));
    }

    // A decimal (or text) where an integer is required reads as the ODS/API's JSON reader (Json.NET) words it, at
    // the member's path
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base:
    // validationErrors keyed by JSON path); the hub leaves out Json.NET's line and position
    @Test
    void aDecimalOrTextWhereAnIntegerIsRequiredReadsAsTheOds() {
        ObjectNode seoa = sample("studentEducationOrganizationAssociations");
        ((ObjectNode) seoa.get("educationOrganizationReference"))
                .put("educationOrganizationId", new java.math.BigDecimal("255901.5"));
        post("studentEducationOrganizationAssociations", seoa)
                .then()
                .statusCode(400)
                .body("type", equalTo(DATA_VALIDATION_FAILED))
                .body(
                        "validationErrors.'$.educationOrganizationReference.educationOrganizationId'",
                        contains("Input string '255901.5' is not a valid integer. "
                                + "Path 'educationOrganizationReference.educationOrganizationId'."));
        ((ObjectNode) seoa.get("educationOrganizationReference")).put("educationOrganizationId", "abc");
        post("studentEducationOrganizationAssociations", seoa)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.educationOrganizationReference.educationOrganizationId'",
                        contains("Could not convert string to integer: abc. "
                                + "Path 'educationOrganizationReference.educationOrganizationId'."));
    }

    // Paging parameters are checked as the ODS/API's QueryParametersValidator checks them
    // (https://docs.ed-fi.org/reference/ods-api/7.3/client-developers-guide/error-response-knowledge-base)
    @Test
    void invalidPagingParametersReadAsTheOds() {
        for (int limit : new int[] {501, -1}) {
            query("students", "limit", limit)
                    .statusCode(400)
                    .body("errors", contains("Limit must be omitted or set to a value between 0 and 500."));
        }
        query("students", "offset", -1).statusCode(400).body("errors", contains("Offset cannot be a negative value."));
        given().queryParam("offset", 0)
                .queryParam("pageSize", 10)
                .get(BASE + "students")
                .then()
                .statusCode(400)
                .body(
                        "errors",
                        contains("Both offset/limit and key set paging parameters are provided, but only "
                                + "one type of paging can be used."));
        Response ok = given().queryParam("limit", 0).get(BASE + "students");
        assertThat(ok.statusCode()).isEqualTo(200);
    }
}
