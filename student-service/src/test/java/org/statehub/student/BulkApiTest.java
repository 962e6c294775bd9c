package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/** {@code POST /bulk/v1/ed-fi/{resource}}: many upserts in one request, each with its own outcome. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class BulkApiTest {

    private static final String BULK = "/bulk/v1/ed-fi/";

    private static JsonNode bulk(String resource, JsonNode items) throws Exception {
        String answer = given().contentType("application/json")
                .body(items.toString())
                .post(BULK + resource)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return MAPPER.readTree(answer);
    }

    /** A bulk POST of {@code body} ({@code contentType}) to the resource; the answer, to check. */
    private static ValidatableResponse bulk(String contentType, String body, String resource) {
        return given().contentType(contentType).body(body).post(BULK + resource).then();
    }

    @Test
    void eachItemIsWrittenOrRefusedOnItsOwnAndReportedInOrder() throws Exception {
        String first = uniqueId();
        String second = uniqueId();
        ObjectNode invalid = student(uniqueId());
        invalid.remove("firstName");
        ObjectNode withId = student(uniqueId());
        withId.put("id", "0123456789abcdef0123456789abcdef");
        ArrayNode items = MAPPER.createArrayNode()
                .add(student(first))
                .add(invalid)
                .add(student(second))
                .add(withId);

        JsonNode outcomes = bulk("students", items);

        assertThat(outcomes).hasSize(4);
        assertThat(outcomes.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(outcomes.get(1).get("status").asInt()).isEqualTo(400);
        JsonNode problem = outcomes.get(1).get("problem");
        assertThat(problem.get("type").asText()).isEqualTo("urn:ed-fi:api:bad-request:data-validation-failed");
        assertThat(problem.get("validationErrors").toString()).contains("firstName");
        assertThat(outcomes.get(2).get("status").asInt()).isEqualTo(201);
        assertThat(outcomes.get(3).get("status").asInt()).isEqualTo(400);
        assertThat(outcomes.get(3).get("problem").get("errors").toString()).contains("'id' property");

        // what was written is exactly what a POST writes, under the id and ETag the outcome names
        JsonNode stored = MAPPER.readTree(
                given().get(BASE + "students/" + outcomes.get(0).get("id").asText())
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertThat(stored.get("studentUniqueId").asText()).isEqualTo(first);
        assertThat('"' + stored.get("_etag").asText() + '"')
                .isEqualTo(outcomes.get(0).get("etag").asText());
        given().queryParam("studentUniqueId", invalid.get("studentUniqueId").asText())
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));

        // sent again: the same items are updates of the same ids
        ObjectNode renamed = student(second);
        renamed.put("firstName", "Renamed");
        JsonNode again =
                bulk("students", MAPPER.createArrayNode().add(student(first)).add(renamed));
        assertThat(again.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(again.get(0).get("id")).isEqualTo(outcomes.get(0).get("id"));
        assertThat(again.get(1).get("id")).isEqualTo(outcomes.get(2).get("id"));
        given().get(BASE + "students/" + outcomes.get(2).get("id").asText())
                .then()
                .body("firstName", equalTo("Renamed"));
    }

    @Test
    void referencesAndClaimSetsAreCheckedPerItem() throws Exception {
        String known = uniqueId();
        bulk("students", MAPPER.createArrayNode().add(student(known)));
        ArrayNode associations = MAPPER.createArrayNode()
                .add(AssociationApiTest.sca(known, contact()))
                .add(AssociationApiTest.sca(uniqueId(), contact()));
        JsonNode outcomes = bulk("studentContactAssociations", associations);
        assertThat(outcomes.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(outcomes.get(1).get("status").asInt()).isEqualTo(409);
        assertThat(outcomes.get(1).get("problem").get("type").asText())
                .isEqualTo("urn:ed-fi:api:data-conflict:unresolved-reference");

        String reader = org.statehub.testing.TestTokens.token("reader", "StateSystemReader", List.of(), List.of(), 600);
        String answer = given().auth()
                .oauth2(reader)
                .contentType("application/json")
                .body(MAPPER.createArrayNode().add(student(uniqueId())).toString())
                .post(BULK + "students")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode refused = MAPPER.readTree(answer).get(0);
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        assertThat(refused.get("problem").toString()).contains("read-only");
        given().auth()
                .none()
                .contentType("application/json")
                .body("[{}]")
                .post(BULK + "students")
                .then()
                .statusCode(401);
    }

    private static String contact() {
        String id = uniqueId();
        ApiTestSupport.create("contacts", AssociationApiTest.contact(id));
        return id;
    }

    @Test
    void malformedRequestsAreRefusedWholeWithProblemDetails() {
        bulk("application/json", "{\"studentUniqueId\":\"1\"}", "students")
                .statusCode(400)
                .body("errors[0]", org.hamcrest.Matchers.containsString("JSON array"));
        bulk("application/json", "[]", "students").statusCode(400);
        bulk("application/json", "[{}, 3]", "students")
                .statusCode(400)
                .body("errors[0]", org.hamcrest.Matchers.containsString("Item 1"));
        bulk("application/json", "[{\"a\":", "students").statusCode(400);
        bulk("text/csv", "a,b", "students").statusCode(415);
        bulk("application/json", "[{}]", "dragons").statusCode(404);
        // a resource of another service is not written here
        bulk("application/json", "[{}]", "schools").statusCode(404);
        String many = "[" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]";
        bulk("application/json", many, "students")
                .statusCode(413)
                .body("type", equalTo("urn:ed-fi:api:payload-too-large"));
    }
}
