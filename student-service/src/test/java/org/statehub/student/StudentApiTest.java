package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.create;
import static org.statehub.student.ApiTestSupport.json;
import static org.statehub.student.ApiTestSupport.post;
import static org.statehub.student.ApiTestSupport.postStudentWith;
import static org.statehub.student.ApiTestSupport.putNewStudentAt;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.student.ApiTestSupport.withoutNulls;
import static org.statehub.testing.EdFiRequests.isNotAnId;
import static org.statehub.testing.EdFiRequests.query;
import static org.statehub.testing.ProblemDetails.isProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class StudentApiTest {

    @Test
    void postNewStudentAnswers201WithLocationAndEtagAndReadsBackIdentical() throws Exception {
        ObjectNode body = student(uniqueId());
        Response created = post("students", body);
        created.then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/data/v3/ed-fi/students/[0-9a-f]{32}"))
                .header("ETag", matchesPattern("\"\\d+\""));
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        Response read = given().get(BASE + "students/" + id);
        read.then().statusCode(200).header("ETag", equalTo(created.header("ETag")));
        ObjectNode served = (ObjectNode) MAPPER.readTree(read.asString());
        assertThat(served.get("id").asText()).isEqualTo(id);
        assertThat("\"" + served.get("_etag").asText() + "\"").isEqualTo(created.header("ETag"));
        assertThat(served.get("_lastModifiedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
        served.remove("id");
        served.remove("_etag");
        served.remove("_lastModifiedDate");
        assertThat(served).isEqualTo(withoutNulls(body));
    }

    @Test
    void postingTheSameBodyTwiceAnswers200AndChangesNothing() {
        ObjectNode body = student(uniqueId());
        Response first = post("students", body);
        first.then().statusCode(201);
        Response second = post("students", body);
        second.then()
                .statusCode(200)
                .header("Location", equalTo(first.header("Location")))
                .header("ETag", equalTo(first.header("ETag")));
    }

    @Test
    void postWithChangedValuesUpdatesAndReplacesOmittedMembers() throws Exception {
        String uid = uniqueId();
        ObjectNode body = student(uid);
        Response first = post("students", body);
        body.put("firstName", "Elisabeth");
        body.remove("otherNames");
        body.remove("birthCity");
        Response second = post("students", body);
        second.then().statusCode(200).header("Location", equalTo(first.header("Location")));
        assertThat(second.header("ETag")).isNotEqualTo(first.header("ETag"));
        JsonNode served = MAPPER.readTree(given().get(first.header("Location")).asString());
        assertThat(served.get("firstName").asText()).isEqualTo("Elisabeth");
        assertThat(served.has("birthCity")).isFalse();
        assertThat(served.has("otherNames")).isFalse();
    }

    @Test
    void getWithMatchingIfNoneMatchAnswers304() {
        Response created = post("students", student(uniqueId()));
        given().header("If-None-Match", created.header("ETag"))
                .get(created.header("Location"))
                .then()
                .statusCode(304);
        given().header("If-None-Match", "\"1\"")
                .get(created.header("Location"))
                .then()
                .statusCode(200);
    }

    @Test
    void getUnknownIdAnswers404WithEdFiText() {
        isProblem(
                        given().get(BASE + "students/0123456789abcdef0123456789abcdef")
                                .then(),
                        404,
                        "urn:ed-fi:api:not-found",
                        "The specified item could not be found.")
                .body("title", equalTo("Not Found"))
                .body("correlationId", notNullValue());
    }

    @Test
    void putReplacesByIdAndAnswers204WithNewEtag() throws Exception {
        String uid = uniqueId();
        Response created = post("students", student(uid));
        ObjectNode body = student(uid);
        body.put("lastSurname", "Woods-Smith");
        body.put("id", "ignored-in-put");
        Response put = json().body(body.toString()).put(created.header("Location"));
        put.then().statusCode(204).header("ETag", notNullValue());
        assertThat(put.header("ETag")).isNotEqualTo(created.header("ETag"));
        JsonNode served =
                MAPPER.readTree(given().get(created.header("Location")).asString());
        assertThat(served.get("lastSurname").asText()).isEqualTo("Woods-Smith");
    }

    @Test
    void putChangingStudentUniqueIdAnswers400KeyChangeNotSupported() {
        Response created = post("students", student(uniqueId()));
        isProblem(
                        putNewStudentAt(created.header("Location")),
                        400,
                        "urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported",
                        "Identifying values for the Student data cannot be changed. "
                                + "Delete and recreate the item instead.")
                .body("title", equalTo("Key Change Not Supported"));
    }

    @Test
    void putToUnknownIdAnswers404() {
        putNewStudentAt(BASE + "students/0123456789abcdef0123456789abcdef")
                .statusCode(404)
                .body("detail", equalTo("Resource to update was not found."));
    }

    @Test
    void ifMatchMismatchAnswers412OnPutDeleteAndPost() {
        String uid = uniqueId();
        Response created = post("students", student(uid));
        String location = created.header("Location");
        json().header("If-Match", "\"42\"")
                .body(student(uid).toString())
                .put(location)
                .then()
                .statusCode(412)
                .body("type", equalTo("urn:ed-fi:api:optimistic-lock-failed"))
                .body("title", equalTo("Optimistic Lock Failed"))
                .body("detail", equalTo("The item has been modified by another user."));
        given().header("If-Match", "42").delete(location).then().statusCode(412);
        ObjectNode changed = student(uid);
        changed.put("firstName", "Other");
        json().header("If-Match", "\"42\"")
                .body(changed.toString())
                .post(BASE + "students")
                .then()
                .statusCode(412);
        json().header("If-Match", created.header("ETag"))
                .body(changed.toString())
                .post(BASE + "students")
                .then()
                .statusCode(200);
    }

    @Test
    void deleteAnswers204ThenTheItemIsGoneAndAppearsInDeletes() throws Exception {
        long before = MAPPER.readTree(
                        given().get("/changeQueries/v1/availableChangeVersions").asString())
                .get("newestChangeVersion")
                .asLong();
        String uid = uniqueId();
        String id = create("students", student(uid));
        given().delete(BASE + "students/" + id).then().statusCode(204);
        given().get(BASE + "students/" + id).then().statusCode(404);
        given().delete(BASE + "students/" + id)
                .then()
                .statusCode(404)
                .body("detail", equalTo("Resource to delete was not found."));
        JsonNode deletes = MAPPER.readTree(given().queryParam("minChangeVersion", before + 1)
                .get(BASE + "students/deletes")
                .asString());
        JsonNode tombstone = null;
        for (JsonNode d : deletes) {
            if (d.get("id").asText().equals(id)) {
                tombstone = d;
            }
        }
        assertThat(tombstone).isNotNull();
        assertThat(tombstone.get("keyValues").get("studentUniqueId").asText()).isEqualTo(uid);
        assertThat(tombstone.get("changeVersion").asLong()).isGreaterThan(before);
    }

    @Test
    void deleteWithMalformedIdAnswers400() {
        isNotAnId(given().delete(BASE + "students/not-an-id").then(), "not-an-id");
    }

    @Test
    void postWithIdInBodyAnswers400() {
        postStudentWith("id", "0123456789abcdef0123456789abcdef")
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body("detail", equalTo("The request data was constructed incorrectly."));
    }

    @Test
    void validationErrorsAreKeyedByJsonPathWithEdFiTexts() {
        ObjectNode body = student(uniqueId() + " ");
        body.remove("firstName");
        body.put("lastSurname", "   ");
        body.put("middleName", "x".repeat(76));
        body.put("birthDate", "2008-05-17T00:00:00");
        body.put("birthCountryDescriptor", "00");
        body.put("multipleBirthStatus", "truthy");
        body.put("favoriteColor", "blue");
        post("students", body)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body("title", equalTo("Data Validation Failed"))
                .body("detail", equalTo("Data validation failed. See 'validationErrors' for details."))
                .body("validationErrors.'$.firstName'", hasItem("FirstName is required."))
                .body(
                        "validationErrors.'$.lastSurname'",
                        hasItem("LastSurname is required and should not be left empty."))
                .body("validationErrors.'$.middleName'", hasItem("MiddleName must be at most 75 characters in length."))
                .body(
                        "validationErrors.'$.studentUniqueId'",
                        hasItem("StudentUniqueId cannot contain leading or trailing spaces."))
                .body("validationErrors.'$.birthDate'", hasItem(containsString("not a valid date")))
                .body(
                        "validationErrors.'$.birthCountryDescriptor'",
                        hasItem("CountryDescriptor value '00' is not a "
                                + "valid value for use as a descriptor (a '#' is expected to delineate the namespace and code "
                                + "value portions)."))
                .body("validationErrors.'$.multipleBirthStatus'", hasItem(containsString("MultipleBirthStatus")))
                .body("validationErrors.'$.favoriteColor'", notNullValue());
    }

    @Test
    void unknownDescriptorValueAnswers400() {
        ObjectNode body = student(uniqueId());
        body.put("birthSexDescriptor", "uri://ed-fi.org/SexDescriptor#Unicorn");
        body.withArray("otherNames")
                .addObject()
                .put("otherNameTypeDescriptor", "uri://ed-fi.org/OtherNameTypeDescriptor#Bogus")
                .put("firstName", "A")
                .put("lastSurname", "B");
        post("students", body)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.birthSexDescriptor'",
                        hasItem("SexDescriptor value 'uri://ed-fi.org/SexDescriptor#Unicorn' does not exist."))
                .body(
                        "validationErrors.'$.otherNames[1].otherNameTypeDescriptor'",
                        hasItem(
                                "OtherNameTypeDescriptor value 'uri://ed-fi.org/OtherNameTypeDescriptor#Bogus' does not exist."));
    }

    @Test
    void numericStringsAreAcceptedAndBooleansAreStrict() {
        ObjectNode body = student(uniqueId());
        body.put("multipleBirthStatus", "false");
        post("students", body).then().statusCode(400).body("validationErrors.'$.multipleBirthStatus'", notNullValue());
    }

    @Test
    void malformedEmptyWrongTypeAndOversizedBodiesGetProblemDetails() {
        post("students", "{\"studentUniqueId\": ")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request"))
                .body("errors[0]", containsString("not valid JSON"));
        post("students", "")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body("validationErrors.'$'[0]", equalTo("A non-empty request body is required."));
        post("students", "[1,2]")
                .then()
                .statusCode(400)
                .body("errors[0]", equalTo("The request body must be a JSON object."));
        given().contentType("text/plain")
                .body("hello")
                .post(BASE + "students")
                .then()
                .statusCode(415)
                .body("status", equalTo(415))
                .body("correlationId", notNullValue());
        String huge = "{\"studentUniqueId\":\"" + "x".repeat(2_000_000) + "\"}";
        post("students", huge)
                .then()
                .statusCode(413)
                .body("status", equalTo(413))
                .body("type", containsString("urn:ed-fi:api"));
    }

    @Test
    void unsupportedMethodsAnswer405() {
        String id = create("students", student(uniqueId()));
        json().body("{}")
                .post(BASE + "students/" + id)
                .then()
                .statusCode(405)
                .body("type", equalTo("urn:ed-fi:api:method-not-allowed"));
        json().body("{}").put(BASE + "students").then().statusCode(405);
        given().delete(BASE + "students").then().statusCode(405);
        json().body("{}")
                .patch(BASE + "students/" + id)
                .then()
                .statusCode(405)
                .body("errors[0]", equalTo("The endpoint does not support the 'PATCH' method."));
    }

    @Test
    void unknownResourceAnswers404() {
        isProblem(
                given().get(BASE + "dragons").then(),
                404,
                "urn:ed-fi:api:not-found",
                "The specified data could not be found.");
        given().get(BASE + "schools").then().statusCode(404);
    }

    @Test
    void correlationIdIsEchoedIntoErrorBodies() {
        given().header("correlation-id", "abc-123")
                .get(BASE + "students/0123456789abcdef0123456789abcdef")
                .then()
                .statusCode(404)
                .body("correlationId", equalTo("abc-123"))
                .header("correlation-id", equalTo("abc-123"));
        query("students/0123456789abcdef0123456789abcdef", "correlationId", "q-456")
                .body("correlationId", equalTo("q-456"));
    }

    @Test
    void requestsWithoutAValidTokenAnswer401WithProblemDetails() {
        given().auth()
                .none()
                .get(BASE + "students")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:ed-fi:api:security:authentication"))
                .body("title", equalTo("Authentication Failed"))
                .body("detail", equalTo("The caller could not be authenticated."))
                .body("errors[0]", equalTo("Authorization header is missing."));
        String token = org.statehub.testing.TestTokens.stateAdmin();
        String forged =
                token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth()
                .none()
                .header("Authorization", "Bearer " + forged)
                .get(BASE + "students")
                .then()
                .statusCode(401)
                .body("errors[0]", equalTo("Invalid token"));
        String expired = org.statehub.testing.TestTokens.token(
                "old-client", "StateAdmin", java.util.List.of(), java.util.List.of(), -600);
        given().auth()
                .none()
                .header("Authorization", "Bearer " + expired)
                .get(BASE + "students")
                .then()
                .statusCode(401);
        given().auth()
                .none()
                .header("Authorization", "Basic abc")
                .post(BASE + "students")
                .then()
                .statusCode(401)
                .body("errors[0]", equalTo("Unknown Authorization header scheme."));
        given().auth()
                .none()
                .get("/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(401);
        given().auth().none().get("/q/health").then().statusCode(200);
    }

    @Test
    void aTokenVerifiedOnceIsNotAcceptedAfterItExpires() throws Exception {
        String shortLived = org.statehub.testing.TestTokens.token(
                "short", "StateAdmin", java.util.List.of(), java.util.List.of(), 8);
        for (int i = 0; i < 3; i++) { // the first call verifies it, the next ones find it verified
            given().auth()
                    .oauth2(shortLived)
                    .get(BASE + "students?limit=1")
                    .then()
                    .statusCode(200);
        }
        Thread.sleep(9_000);
        given().auth()
                .oauth2(shortLived)
                .get(BASE + "students?limit=1")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"));
    }

    @Test
    void everyReadAndWriteOfStudentRecordsIsInTheAccessLog() throws Exception {
        String uid = uniqueId();
        String id = given().header("correlation-id", "audit-" + uid)
                .contentType("application/json")
                .body(student(uid).toString())
                .post(BASE + "students")
                .then()
                .statusCode(201)
                .extract()
                .header("Location")
                .replaceAll(".*/", "");
        given().get(BASE + "students/" + id).then().statusCode(200);
        given().queryParam("studentUniqueId", uid).get(BASE + "students").then().statusCode(200);
        JsonNode entries = null;
        for (int i = 0; i < 50; i++) { // written in the background, in batches
            entries = MAPPER.readTree(
                    given().queryParam("id", id).get("/audit/v1/accesses").asString());
            if (entries.size() >= 3) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(entries).hasSize(3);
        assertThat(entries.findValuesAsText("method")).containsExactly("GET", "GET", "POST");
        JsonNode post = entries.get(2);
        assertThat(post.get("clientId").asText()).isEqualTo("test-state-admin");
        assertThat(post.get("correlationId").asText()).isEqualTo("audit-" + uid);
        assertThat(post.get("resource").asText()).isEqualTo("students");
        assertThat(post.get("ids").get(0).asText()).isEqualTo(id);
        assertThat(post.get("status").asInt()).isEqualTo(201);
        String reader = org.statehub.testing.TestTokens.token(
                "reader", "StateSystemReader", java.util.List.of(), java.util.List.of(), 1800);
        given().auth()
                .oauth2(reader)
                .get("/audit/v1/accesses")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
                .body(
                        "errors[0]",
                        equalTo(
                                "The access log needs the hubAdministration grant (a claim set granting it, as StateAdmin does)."));
        given().auth().none().get("/audit/v1/accesses").then().statusCode(401);
        given().queryParam("since", "yesterday")
                .get("/audit/v1/accesses")
                .then()
                .statusCode(400);
    }

    @Test
    void routesAndParametersAreCaseInsensitive() {
        String uid = uniqueId();
        create("students", student(uid));
        given().queryParam("StudentUniqueId", uid)
                .get("/data/v3/ed-fi/Students")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].studentUniqueId", equalTo(uid));
    }
}
