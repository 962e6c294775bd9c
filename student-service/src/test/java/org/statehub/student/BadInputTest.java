package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * What a careless or hostile client sends is answered 4xx with problem details, never 5xx, and never stored
 * changed: nesting deeper than the JSON reader goes, NUL characters and lone surrogates, integers outside their
 * format, dates outside the accepted range, huge invalid arrays, bodies that are not declared JSON.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class BadInputTest {

    private static final String BULK = "/bulk/v1/ed-fi/";

    @TestHTTPResource("/")
    URL root;

    private static String deeplyNested(int depth) {
        return "{\"studentUniqueId\":\"1\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** Nothing was stored under this studentUniqueId. */
    private static void nothingStored(String uniqueId) {
        query("students", "studentUniqueId", uniqueId).statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void jsonNestedDeeperThanTheReaderGoesAnswers400OnPostPutAndBulk() {
        String deep = deeplyNested(1_500);
        post("students", deep)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request"))
                .body("errors[0]", containsString("nested at most 1000 levels"))
                .body("correlationId", notNullValue());
        String location = post("students", student(uniqueId()))
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        json().body(deep).put(location).then().statusCode(400).body("type", equalTo("urn:ed-fi:api:bad-request"));
        json().body("[" + deep + "]")
                .post(BULK + "students")
                .then()
                .statusCode(400)
                .body("errors[0]", containsString("nested at most 1000 levels"));
    }

    @Test
    void aNulCharacterInABodyStringAnswers400AtItsPathAndStoresNothing() {
        String uid = uniqueId();
        ObjectNode body = student(uid);
        body.put("firstName", "Li\u0000sa");
        ((ObjectNode) body.withArray("otherNames").get(0)).put("lastSurname", "Wo\u0000ods");
        post("students", body)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body("validationErrors.'$.firstName'[0]", containsString("NUL character"))
                .body("validationErrors.'$.otherNames[0].lastSurname'[0]", containsString("NUL character"));
        nothingStored(uid);
    }

    @Test
    void aNulCharacterInADescriptorOrAMemberNameAnswers400() {
        postStudentWith("birthSexDescriptor", "uri://ed-fi.org/SexDescriptor#Fe\u0000male")
                .statusCode(400)
                .body("validationErrors.'$.birthSexDescriptor'[0]", containsString("NUL character"));
        ObjectNode name = student(uniqueId());
        name.put("bad\u0000name", 1);
        isProblemOfType(post("students", name).then(), 400, "urn:ed-fi:api:bad-request:data-validation-failed");
    }

    @Test
    void aNulCharacterInOneBulkItemRefusesThatItemOnly() throws Exception {
        String good = uniqueId();
        ObjectNode bad = student(uniqueId());
        bad.put("lastSurname", "\u0000");
        ArrayNode items = MAPPER.createArrayNode().add(bad).add(student(good));
        JsonNode outcomes = MAPPER.readTree(json().body(items.toString())
                .post(BULK + "students")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(outcomes.get(0).get("status").asInt()).isEqualTo(400);
        assertThat(outcomes.get(0).get("problem").get("validationErrors").has("$.lastSurname"))
                .isTrue();
        assertThat(outcomes.get(1).get("status").asInt()).isEqualTo(201);
    }

    @Test
    void aNulCharacterInAQueryValueAnswers400() {
        refusedQuery("students", "firstName", "Li\u0000sa").body("errors[0]", containsString("NUL character"));
        refusedQuery("students", "birthSexDescriptor", "\u0000");
    }

    @Test
    void garbageAndNulInPathIdsNeverReachTheDatabase() {
        // a NUL in the URI is refused at the HTTP edge (hub-http), before any resource
        given().urlEncodingEnabled(false)
                .get(BASE + "students/0123%00")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
        json().urlEncodingEnabled(false)
                .body(student(uniqueId()).toString())
                .put(BASE + "students/%00%00")
                .then()
                .statusCode(400);
        given().urlEncodingEnabled(false)
                .delete(BASE + "students/ab%00cd")
                .then()
                .statusCode(400);
        // any other text that is no id is a validation failure of the id, for every method, shown cut to 100
        isNotAnId(given().get(BASE + "students/" + "f".repeat(1_000)).then(), "f".repeat(100) + "...");
        isNotAnId(putNewStudentAt(BASE + "students/not-an-id"), "not-an-id");
        isNotAnId(given().delete(BASE + "students/not-an-id").then(), "not-an-id");
    }

    @Test
    void aLoneSurrogateAnswers400AndIsNeverStoredAsAQuestionMark() {
        String uid = uniqueId();
        String text = student(uid).toString().replace("\"firstName\":\"Lisa\"", "\"firstName\":\"Li\\ud800sa\"");
        assertThat(text).contains("\\ud800");
        post("students", text)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.firstName'[0]", containsString("lone UTF-16 surrogate"));
        nothingStored(uid);
        String pair = student(uid).toString().replace("\"firstName\":\"Lisa\"", "\"firstName\":\"Li\\ud83d\\ude00\"");
        json().body(pair).post(BASE + "students").then().statusCode(201);
        query("students", "studentUniqueId", uid).statusCode(200).body("[0].firstName", equalTo("Li\uD83D\uDE00"));
    }

    @Test
    void integersOutsideTheirFormatAnswer400InBodyAndQuery() {
        for (String id :
                new String[] {"1" + "0".repeat(30), new BigInteger("2").pow(63).toString(), "1e300"}) {
            ObjectNode seoa = sample("studentEducationOrganizationAssociations");
            String body = seoa.toString()
                    .replaceFirst("\"educationOrganizationId\":\\d+", "\"educationOrganizationId\":" + id);
            assertThat(body).contains(id);
            post("studentEducationOrganizationAssociations", body)
                    .then()
                    .statusCode(400)
                    .body(
                            "validationErrors.'$.educationOrganizationReference.educationOrganizationId'[0]",
                            equalTo("EducationOrganizationId must be between -9223372036854775808 and "
                                    + "9223372036854775807."));
        }
        refusedQuery("studentEducationOrganizationAssociations", "educationOrganizationId", "99999999999999999999");
    }

    @Test
    void datesOutsideTheAcceptedRangeAnswer400InBodyAndQuery() {
        for (String date : new String[] {"0000-01-01", "2023-02-30", "99999-01-01", "-999999999-01-01"}) {
            String uid = uniqueId();
            ObjectNode body = student(uid);
            body.put("birthDate", date);
            post("students", body)
                    .then()
                    .statusCode(400)
                    .body("validationErrors.'$.birthDate'[0]", containsString("is not a valid date"));
            nothingStored(uid);
            refusedQuery("students", "birthDate", date).body("errors[0]", containsString("is not a valid date"));
        }
    }

    @Test
    void aHugeInvalidArrayAnswersAFewErrorsQuickly() {
        ObjectNode body = student(uniqueId());
        ArrayNode names = body.putArray("otherNames");
        for (int i = 0; i < 200_000; i++) {
            names.addObject();
        }
        String text = body.toString();
        assertThat(text.length()).isGreaterThan(600_000).isLessThan(1_048_576);
        long start = System.nanoTime();
        Response answer = json().body(text).post(BASE + "students");
        long millis = (System.nanoTime() - start) / 1_000_000;
        answer.then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body("errors[0]", startsWith("Only the first 100 validation errors are reported"));
        int messages = 0;
        for (JsonNode list : MAPPER.valueToTree(answer.jsonPath().getMap("validationErrors"))) {
            messages += list.size();
        }
        assertThat(messages).isEqualTo(100);
        assertThat(answer.asString().length()).isLessThan(text.length() / 10);
        assertThat(millis).as("answer time").isLessThan(5_000);
    }

    private HttpResponse<String> raw(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(root.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + TestTokens.stateAdmin())
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void writesThatAreNotDeclaredJsonAnswer415() throws Exception {
        String body = student(uniqueId()).toString();
        for (String type : new String[] {
            null, "", "application/merge-patch+json", "text/plain", "application/json; charset=iso-8859-1"
        }) {
            HttpResponse<String> answer = raw("POST", BASE + "students", type, body);
            assertThat(answer.statusCode()).as(type).isEqualTo(415);
            JsonNode problem = MAPPER.readTree(answer.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:ed-fi:api:unsupported-media-type");
            assertThat(problem.get("correlationId").isNull()).isFalse();
        }
        assertThat(raw("POST", BULK + "students", null, "[" + body + "]").statusCode())
                .isEqualTo(415);
        String location = post("students", student(uniqueId())).header("Location");
        assertThat(raw("PUT", URI.create(location).getPath(), "application/merge-patch+json", body)
                        .statusCode())
                .isEqualTo(415);
        assertThat(raw("POST", BASE + "students", "application/json; charset=UTF-8", body)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void badAuditParametersAnswer400() {
        audit("since", "-999999999-01-01T00:00:00Z")
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"))
                .body("errors", hasItem(startsWith("Since must be an ISO-8601 instant")));
        audit("since", "+99999-01-01T00:00:00Z").statusCode(400);
        audit("limit", "abc").statusCode(400).body("errors", hasItem("Limit must be a value between 1 and 500."));
        audit("clientId", "a\u0000b").statusCode(400).body("errors[0]", containsString("NUL character"));
        audit("resource", "\u0000").statusCode(400);
        audit("since", "2026-01-31T00:00:00Z").statusCode(200);
    }

    /** GET of the access log with one query parameter: the answer. */
    private static ValidatableResponse audit(String parameter, String value) {
        return given().queryParam(parameter, value).get("/audit/v1/accesses").then();
    }

    /** The status of a request written by hand: clients refuse to send a malformed URL. */
    private int rawStatus(String method, String target, String... headers) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.stateAdmin() + "\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            String statusLine = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void malformedPercentEncodingAndForwardedHeadersNeverAnswer5xx() throws Exception {
        assertThat(rawStatus("GET", BASE + "students?firstName=%zz")).isBetween(400, 499);
        assertThat(rawStatus("GET", BASE + "students?firstName=%")).isBetween(400, 499);
        assertThat(rawStatus("GET", BASE + "students/%zz")).isBetween(400, 499);
        assertThat(rawStatus("DELETE", BASE + "students/%")).isBetween(400, 499);
        int forwarded = json().header("X-Forwarded-Host", "exa mple.org:x")
                .header("X-Forwarded-Proto", "ht tp")
                .body(student(uniqueId()).toString())
                .post(BASE + "students")
                .statusCode();
        assertThat(forwarded).isBetween(200, 499);
    }

    @Test
    void anIntegerSentWithAFractionOfZeroIsTheSameKeyNotANewItem() {
        String uid = uniqueId();
        post("students", student(uid)).then().statusCode(201);
        String body = AssociationApiTest.seoa(uid, 255901).toString();
        String created = post("studentEducationOrganizationAssociations", body)
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        String decimal = body.replace("\"educationOrganizationId\":255901", "\"educationOrganizationId\":255901.0");
        assertThat(decimal).contains("255901.0");
        post("studentEducationOrganizationAssociations", decimal)
                .then()
                .statusCode(200)
                .header("Location", equalTo(created));
        String exponent = body.replace("\"educationOrganizationId\":255901", "\"educationOrganizationId\":2.55901E5");
        post("studentEducationOrganizationAssociations", exponent)
                .then()
                .statusCode(200)
                .header("Location", equalTo(created));
        given().get(created)
                .then()
                .statusCode(200)
                .body("educationOrganizationReference.educationOrganizationId", equalTo(255901));
        String fraction = body.replace("\"educationOrganizationId\":255901", "\"educationOrganizationId\":255901.5");
        post("studentEducationOrganizationAssociations", fraction)
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.educationOrganizationReference.educationOrganizationId'[0]",
                        equalTo("Input string '255901.5' is not a valid integer. "
                                + "Path 'educationOrganizationReference.educationOrganizationId'."));
        String huge = body.replace("\"educationOrganizationId\":255901", "\"educationOrganizationId\":1e999999999");
        post("studentEducationOrganizationAssociations", huge).then().statusCode(400);
    }
}
