package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.create;
import static org.statehub.student.ApiTestSupport.post;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.testing.EdFiRequests.query;
import static org.statehub.testing.EdFiRequests.refusedQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/** GET by example, paging (offset and keyset) and the change queries. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class QueryAndChangeQueryTest {

    /** Creates {@code n} students sharing a fresh last name, so a query can select exactly them. */
    private static String family(int n) {
        String lastName = "Fam" + uniqueId();
        for (int i = 0; i < n; i++) {
            ObjectNode body = student(uniqueId());
            body.put("lastSurname", lastName);
            body.put("firstName", "Kid" + i);
            post("students", body).then().statusCode(201);
        }
        return lastName;
    }

    @Test
    void offsetLimitAndTotalCountPageThroughMatches() {
        String lastName = family(7);
        given().queryParam("lastSurname", lastName)
                .queryParam("totalCount", "true")
                .queryParam("limit", 3)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .header("Total-Count", equalTo("7"))
                .body("size()", equalTo(3))
                .body("[0].firstName", equalTo("Kid0"));
        given().queryParam("lastSurname", lastName)
                .queryParam("offset", 6)
                .queryParam("limit", 3)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .header("Total-Count", nullValue())
                .body("size()", equalTo(1))
                .body("[0].firstName", equalTo("Kid6"));
        given().queryParam("lastSurname", lastName)
                .queryParam("limit", 0)
                .queryParam("totalCount", true)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .header("Total-Count", equalTo("7"))
                .body("size()", equalTo(0));
        query("students", "lastSurname", "NoSuchFamily" + uniqueId())
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void outOfRangePagingAnswers400ParameterValidationFailed() {
        refusedQuery("students", "limit", 501)
                .body("title", equalTo("Parameter Validation Failed"))
                .body("errors", hasItem("Limit must be omitted or set to a value between 0 and 500."));
        query("students", "offset", -1).statusCode(400).body("errors", hasItem("Offset cannot be a negative value."));
        given().queryParams(Map.of("pageSize", 10, "offset", 1))
                .get(BASE + "students")
                .then()
                .statusCode(400);
        query("students", "pageToken", "garbage!").statusCode(400);
        query("students", "minChangeVersion", "x").statusCode(400);
    }

    @Test
    void keysetPagingVisitsEveryMatchOnceInOrder() {
        String lastName = family(11);
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = given().queryParam("lastSurname", lastName).queryParam("pageSize", 4);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            Response page = request.get(BASE + "students");
            page.then().statusCode(200);
            List<String> names = page.jsonPath().getList("firstName");
            for (String name : names) {
                assertThat(seen.add(name)).isTrue();
                order.add(name);
            }
            token = page.header("Next-Page-Token");
            pages++;
        } while (token != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        // a page of none: no items, no next page, and the count still there
        given().queryParam("lastSurname", lastName)
                .queryParam("pageSize", 0)
                .queryParam("totalCount", true)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0))
                .header("Total-Count", "11")
                .header("Next-Page-Token", org.hamcrest.Matchers.nullValue());
        assertThat(order)
                .containsExactly(
                        "Kid0", "Kid1", "Kid2", "Kid3", "Kid4", "Kid5", "Kid6", "Kid7", "Kid8", "Kid9", "Kid10");
    }

    @Test
    void changeVersionsGrowWithEveryWriteAndFilterTheCollection() throws Exception {
        long before = newest();
        String uid = uniqueId();
        ObjectNode body = student(uid);
        String id = create("students", body);
        long afterInsert = newest();
        assertThat(afterInsert).isGreaterThan(before);
        body.put("firstName", "Changed");
        post("students", body).then().statusCode(200);
        long afterUpdate = newest();
        assertThat(afterUpdate).isGreaterThan(afterInsert);

        JsonNode changed = MAPPER.readTree(given().queryParam("minChangeVersion", afterInsert + 1)
                .queryParam("maxChangeVersion", afterUpdate)
                .queryParam("studentUniqueId", uid)
                .get(BASE + "students")
                .asString());
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("id").asText()).isEqualTo(id);
        assertThat(changed.get(0).get("_etag").asLong()).isEqualTo(afterUpdate);
        JsonNode notYet = MAPPER.readTree(given().queryParam("maxChangeVersion", before)
                .queryParam("studentUniqueId", uid)
                .get(BASE + "students")
                .asString());
        assertThat(notYet).isEmpty();
    }

    @Test
    void aCheckpointRaisesTheVersionsForStateAdminsOnlyAndChecksItsInput() throws Exception {
        long before = newest();
        given().contentType("application/json")
                .body("{\"atLeast\":" + (before + 500) + "}")
                .post("/changeQueries/v1/checkpoints")
                .then()
                .statusCode(200)
                .body("changeVersion", org.hamcrest.Matchers.equalTo((int) (before + 500)));
        assertThat(newest()).isEqualTo(before + 500);
        String uid = uniqueId();
        create("students", student(uid));
        assertThat(newest()).isGreaterThan(before + 500);
        for (String bad : List.of(
                "{\"atLeast\":-1}", "{\"atLeast\":\"12\"}", "{\"atLeast\":1.5}", "{\"atLeast\":9007199254740993}")) {
            given().contentType("application/json")
                    .body(bad)
                    .post("/changeQueries/v1/checkpoints")
                    .then()
                    .statusCode(400)
                    .body(
                            "type",
                            org.hamcrest.Matchers.equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
        }
        for (String claimSet : List.of("StateSystemReader", "SISVendor")) {
            given().auth()
                    .oauth2(org.statehub.testing.TestTokens.token("c", claimSet, List.of(255901L), List.of(), 600))
                    .contentType("application/json")
                    .body("{\"atLeast\":1}")
                    .post("/changeQueries/v1/checkpoints")
                    .then()
                    .statusCode(403)
                    .body(
                            "errors[0]",
                            org.hamcrest.Matchers.equalTo(
                                    "A change-version checkpoint needs the hubAdministration grant (a claim set granting it, as StateAdmin does)."));
        }
    }

    /**
     * {@code /reports} answers for the resources reported per organization (students, in hub-rules.json) and for
     * no other; it pages by offset and limit only.
     */
    @Test
    void reportsAreServedForResourcesReportedPerOrganizationOnly() {
        given().get(BASE + "students/reports").then().statusCode(200).body("$", org.hamcrest.Matchers.isA(List.class));
        given().get(BASE + "contacts/reports").then().statusCode(404);
        query("students/reports", "pageSize", 10)
                .statusCode(400)
                .body("errors", hasItem("Reports are paged with offset and limit."));
    }

    @Test
    void deletesAndKeyChangesAreServedWithPagingAndCounts() throws Exception {
        long before = newest();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create("contacts", AssociationApiTest.contact(uniqueId())));
        }
        for (String id : ids) {
            given().delete(BASE + "contacts/" + id).then().statusCode(204);
        }
        Response deletes = given().queryParam("minChangeVersion", before + 1)
                .queryParam("totalCount", true)
                .queryParam("limit", 2)
                .get(BASE + "contacts/deletes");
        deletes.then().statusCode(200).header("Total-Count", equalTo("3")).body("size()", equalTo(2));
        JsonNode first = MAPPER.readTree(deletes.asString()).get(0);
        assertThat(first.get("id").asText()).isEqualTo(ids.get(0));
        assertThat(first.get("keyValues").has("contactUniqueId")).isTrue();
        given().get(BASE + "contacts/keyChanges").then().statusCode(200).body("size()", equalTo(0));
        given().get(BASE + "dragons/deletes").then().statusCode(404).body("type", equalTo("urn:ed-fi:api:not-found"));
        given().queryParam("limit", -1).get(BASE + "contacts/deletes").then().statusCode(400);
    }

    /**
     * URLs, including query string parameter names, are not case sensitive in an Ed-Fi API ("Case Sensitivity"):
     * https://docs.ed-fi.org/reference/data-exchange/api-guidelines/tips-for-success. Ids in the path are kept.
     */
    @Test
    void pathsAndQueryParameterNamesMatchInAnyCase() throws Exception {
        long before = newest();
        String lastName = family(3);
        given().queryParam("LastSurname", lastName)
                .queryParam("TotalCount", "true")
                .queryParam("Limit", 2)
                .get("/Data/V3/Ed-Fi/Students")
                .then()
                .statusCode(200)
                .header("Total-Count", equalTo("3"))
                .body("size()", equalTo(2));
        // a body reaches the service through the rewritten path
        ApiTestSupport.json()
                .body(student(uniqueId()).toString())
                .post("/data/v3/ed-fi/STUDENTS")
                .then()
                .statusCode(201);
        String id = create("contacts", AssociationApiTest.contact(uniqueId()));
        given().get(BASE + "Contacts/" + id).then().statusCode(200).body("id", equalTo(id));
        given().delete(BASE + "CONTACTS/" + id).then().statusCode(204);
        given().queryParam("MinChangeVersion", before + 1)
                .queryParam("MAXCHANGEVERSION", Long.MAX_VALUE / 2)
                .get(BASE + "contacts/Deletes")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        query("Contacts/KeyChanges", "minchangeversion", before + 1)
                .statusCode(200)
                .body("size()", equalTo(0));
        JsonNode versions = MAPPER.readTree(given().get("/ChangeQueries/V1/AvailableChangeVersions")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(versions.get("newestChangeVersion").asLong()).isGreaterThan(before);
        given().queryParam("MinChangeVersion", before + 1)
                .get("/changeQueries/v1/ChangedResources")
                .then()
                .statusCode(200)
                .body("$", hasItem("contacts"));
    }

    @Test
    void healthAndOpenApiAreServed() throws Exception {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        JsonNode openApi = MAPPER.readTree(
                given().queryParam("format", "json").get("/q/openapi").asString());
        assertThat(openApi.get("openapi").asText()).startsWith("3.1");
        for (String resource : List.of(
                "students", "contacts", "studentContactAssociations", "studentEducationOrganizationAssociations")) {
            JsonNode path = openApi.at("/paths/~1data~1v3~1ed-fi~1" + resource);
            assertThat(path.has("get") && path.has("post")).as(resource).isTrue();
            assertThat(openApi.at("/paths/~1data~1v3~1ed-fi~1" + resource + "~1{id}")
                            .has("put"))
                    .isTrue();
            assertThat(openApi.at("/paths/~1data~1v3~1ed-fi~1" + resource + "~1deletes")
                            .has("get"))
                    .isTrue();
        }
        JsonNode seoa = openApi.at("/components/schemas/EdFi.StudentEducationOrganizationAssociation");
        assertThat(seoa.at("/properties/studentReference/$ref").asText())
                .isEqualTo("#/components/schemas/EdFi.StudentEducationOrganizationAssociation.StudentReference");
        assertThat(seoa.at("/required").toString()).contains("studentReference");
        assertThat(openApi.at("/components/schemas/EdFi.StudentEducationOrganizationAssociation.StudentReference"
                                + "/properties/studentUniqueId/maxLength")
                        .asInt())
                .isEqualTo(32);
    }

    private static long newest() throws Exception {
        JsonNode versions = MAPPER.readTree(
                given().get("/changeQueries/v1/availableChangeVersions").asString());
        assertThat(versions.get("oldestChangeVersion").asLong()).isZero();
        return versions.get("newestChangeVersion").asLong();
    }
}
