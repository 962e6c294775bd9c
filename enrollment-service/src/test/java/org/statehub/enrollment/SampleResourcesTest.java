package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.statehub.enrollment.EnrollmentApiTest.MAPPER;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * The Ed-Fi Sample extension's own resources (docs/decisions/0020, step 3), which this module's tests load
 * ({@code edfi.extensions=sample} in its pom): {@code /data/v3/sample/buses}, {@code /sample/busRoutes} and the
 * project's descriptors, declared as data in the project's folder and served by the engine as the core's are.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class SampleResourcesTest {

    static final String SAMPLE = "/data/v3/sample/";

    /** The members a bus route must have (the DMS's Sample scenario 01 lists exactly these). */
    static final List<String> REQUIRED = List.of(
            "busReference",
            "busRouteNumber",
            "busRouteDirection",
            "startTimes",
            "operatingCost",
            "expectedTransitTime",
            "hoursPerWeek",
            "serviceAreaPostalCodes",
            "telephones");

    static Response post(String resource, JsonNode body) {
        return given().contentType(ContentType.JSON).body(body.toString()).post(SAMPLE + resource);
    }

    /** A new bus, stored; its busId. */
    static String newBus() {
        String busId = "BUS-" + UUID.randomUUID();
        post("buses", MAPPER.createObjectNode().put("busId", busId)).then().statusCode(201);
        return busId;
    }

    static ObjectNode busRoute(String busId, int number) throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"busReference": {"busId": "%s"}, "busRouteNumber": %d, "busRouteDirection": "Southbound",
                 "startTimes": [{"startTime": "07:15:00"}, {"startTime": "15:30:00"}],
                 "operatingCost": 1250.75, "expectedTransitTime": 45, "hoursPerWeek": 12.5,
                 "serviceAreaPostalCodes": [{"serviceAreaPostalCode": "55101"}],
                 "telephones": [{"telephoneNumber": "651-555-0100",
                   "telephoneNumberTypeDescriptor": "uri://ed-fi.org/TelephoneNumberTypeDescriptor#Work"}]}""".formatted(busId, number));
    }

    static String idOf(Response created) {
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static long newest() throws Exception {
        return MAPPER.readTree(
                        given().get("/changeQueries/v1/availableChangeVersions").asString())
                .get("newestChangeVersion")
                .asLong();
    }

    @Test
    void aBusRouteMissingEachRequiredMemberIsRefusedNamingIt() throws Exception {
        String busId = newBus();
        for (String member : REQUIRED) {
            ObjectNode route = busRoute(busId, 1);
            route.remove(member);
            String name = Character.toUpperCase(member.charAt(0)) + member.substring(1);
            isProblemOfType(post("busRoutes", route).then(), 400, "urn:ed-fi:api:bad-request:data-validation-failed")
                    .body("validationErrors.'$." + member + "'", hasItem(name + " is required."));
        }
        ObjectNode none = MAPPER.createObjectNode();
        JsonNode errors = MAPPER.readTree(
                        post("busRoutes", none).then().statusCode(400).extract().asString())
                .path("validationErrors");
        REQUIRED.forEach(
                member -> assertThat(errors.has("$." + member)).as(member).isTrue());
    }

    @Test
    void aBusRouteIsCreatedReadReplacedAndDeletedWithItsBusLinked() throws Exception {
        String busId = newBus();
        ObjectNode route = busRoute(busId, 7);
        route.put("expectedTransitTime", "60"); // a numeric string, as the DMS's scenario sends it

        Response created = post("busRoutes", route);
        created.then().statusCode(201).header("Location", endsWith("/data/v3/sample/busRoutes/" + idOf(created)));
        String location = SAMPLE + "busRoutes/" + idOf(created);
        Response read = given().get(location);
        read.then().statusCode(200);
        JsonNode served = MAPPER.readTree(read.asString());
        assertThat(served.get("expectedTransitTime").isInt()).isTrue();
        assertThat(served.get("expectedTransitTime").asInt()).isEqualTo(60);
        assertThat(served.at("/busReference/link/rel").asText()).isEqualTo("Bus");
        String busItem = MAPPER.readTree(
                        given().queryParam("busId", busId).get(SAMPLE + "buses").asString())
                .get(0)
                .get("id")
                .asText();
        assertThat(served.at("/busReference/link/href").asText()).isEqualTo("/sample/buses/" + busItem);
        assertThat(read.header("ETag")).isNotBlank();
        given().header("If-None-Match", read.header("ETag"))
                .get(location)
                .then()
                .statusCode(304);

        route.put("busRouteDirection", "Northbound");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"stale\"")
                .body(route.toString())
                .put(location)
                .then()
                .statusCode(412);
        Response replaced = given().contentType(ContentType.JSON)
                .header("If-Match", read.header("ETag"))
                .body(route.toString())
                .put(location);
        replaced.then().statusCode(204);
        assertThat(replaced.header("ETag")).isNotEqualTo(read.header("ETag"));
        given().get(location).then().body("busRouteDirection", equalTo("Northbound"));

        // a bus route's identity is not changed by a PUT (the Sample model allows no key changes)
        route.put("busRouteNumber", 8);
        isProblemOfType(
                given().contentType(ContentType.JSON)
                        .body(route.toString())
                        .put(location)
                        .then(),
                400,
                "urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported");

        given().delete(location).then().statusCode(204);
        given().get(location).then().statusCode(404);
    }

    @Test
    void aRouteOfAMissingBusIs409AndAReferencedBusCannotBeDeleted() throws Exception {
        isProblemOfType(
                        post("busRoutes", busRoute("BUS-missing-" + UUID.randomUUID(), 1))
                                .then(),
                        409,
                        "urn:ed-fi:api:data-conflict:unresolved-reference")
                .body("detail", equalTo("The referenced 'Bus' item does not exist."));

        String busId = newBus();
        post("busRoutes", busRoute(busId, 1)).then().statusCode(201);
        String bus = MAPPER.readTree(
                        given().queryParam("busId", busId).get(SAMPLE + "buses").asString())
                .get(0)
                .get("id")
                .asText();
        isProblemOfType(
                given().delete(SAMPLE + "buses/" + bus).then(),
                409,
                "urn:ed-fi:api:data-conflict:dependent-item-exists");
        given().get(SAMPLE + "buses/" + bus).then().statusCode(200);
    }

    @Test
    void changeQueriesPagingAndTheDeletesOfBusRoutes() throws Exception {
        long before = newest();
        String busId = newBus();
        String first = idOf(post("busRoutes", busRoute(busId, 1)));
        String second = idOf(post("busRoutes", busRoute(busId, 2)));
        long after = newest();

        JsonNode window = MAPPER.readTree(given().queryParam("minChangeVersion", before + 1)
                .queryParam("maxChangeVersion", after)
                .get(SAMPLE + "busRoutes")
                .asString());
        assertThat(window).extracting(item -> item.get("id").asText()).containsExactlyInAnyOrder(first, second);
        given().queryParam("busId", busId)
                .queryParam("limit", 1)
                .queryParam("totalCount", true)
                .get(SAMPLE + "busRoutes")
                .then()
                .statusCode(200)
                .header("Total-Count", "2")
                .body("size()", equalTo(1));

        given().delete(SAMPLE + "busRoutes/" + first).then().statusCode(204);
        given().queryParam("minChangeVersion", after + 1)
                .get(SAMPLE + "busRoutes/deletes")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(first))
                .body("[0].keyValues.busId", equalTo(busId))
                .body("[0].keyValues.busRouteNumber", equalTo(1));
        given().queryParam("minChangeVersion", before + 1)
                .get(SAMPLE + "busRoutes/keyChanges")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theProjectsDescriptorsAreWrittenAndReadInItsNamespace() throws Exception {
        for (String resource :
                List.of("artMediumDescriptors", "favoriteBookCategoryDescriptors", "membershipTypeDescriptors")) {
            String type = Character.toUpperCase(resource.charAt(0)) + resource.substring(1, resource.length() - 1);
            String codeValue = "Code " + UUID.randomUUID();
            ObjectNode descriptor = MAPPER.createObjectNode()
                    .put("codeValue", codeValue)
                    .put("namespace", "uri://sample.ed-fi.org/" + type)
                    .put("shortDescription", codeValue);
            Response created = post(resource, descriptor);
            created.then()
                    .statusCode(201)
                    .header("Location", endsWith("/data/v3/sample/" + resource + "/" + idOf(created)));
            given().queryParam("codeValue", codeValue)
                    .get(SAMPLE + resource)
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].namespace", equalTo("uri://sample.ed-fi.org/" + type));
        }
    }

    @Test
    void theProjectsResourcesAreFoundUnderItsNameOnlyInAnyCase() throws Exception {
        newBus();
        given().get("/data/v3/Sample/Buses").then().statusCode(200);
        given().get("/data/v3/ed-fi/buses").then().statusCode(404);
        given().get("/data/v3/sample/schools").then().statusCode(404);
        given().get("/data/v3/nosuch/buses").then().statusCode(404);
        given().get("/data/v3/ed-fi/schools").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{}")
                .patch(SAMPLE + "buses")
                .then()
                .statusCode(405);
    }

    @Test
    void manyBusesAreUpsertedInOneBulkRequest() throws Exception {
        String body = MAPPER.createArrayNode()
                .add(MAPPER.createObjectNode().put("busId", "BUS-bulk-" + UUID.randomUUID()))
                .add(MAPPER.createObjectNode().put("busId", "BUS-bulk-" + UUID.randomUUID()))
                .toString();
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/bulk/v1/sample/buses")
                .then()
                .statusCode(200)
                .body("status", equalTo(List.of(201, 201)));
    }

    /**
     * A bus has no education organization or person: as an extension resource under the ODS's
     * {@code relationshipBasedData} claim (relationship strategies, nothing to relate it by), it is closed to a
     * client scoped to organizations and open to the state-wide claim sets.
     */
    @Test
    void busesAreClosedToClientsScopedToOrganizations() throws Exception {
        String vendor = TestTokens.vendor("sample-bus-vendor", 255901L);
        String busId = newBus();
        ValidatableResponse refused = given().auth()
                .oauth2(vendor)
                .contentType(ContentType.JSON)
                .body(MAPPER.createObjectNode()
                        .put("busId", "BUS-" + UUID.randomUUID())
                        .toString())
                .post(SAMPLE + "buses")
                .then();
        isProblemOfType(refused, 403, "urn:ed-fi:api:security:authorization");
        given().auth()
                .oauth2(vendor)
                .queryParam("busId", busId)
                .get(SAMPLE + "buses")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        given().auth()
                .oauth2(TestTokens.token("sample-reader", "StateSystemReader", List.of(), List.of(), 1800))
                .queryParam("busId", busId)
                .get(SAMPLE + "buses")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
    }
}
