package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.statehub.gateway.GatewayTokenTest.adminToken;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * An extension project's own resources through the gateway (docs/decisions/0020, step 4), with the Sample extension
 * this module's tests load ({@code edfi.extensions=sample} in its pom): {@code /data/v3/{project}/...} is routed to
 * the service that owns the resource by the catalog, and {@code /metadata} lists the project (the discovery
 * document's {@code dataModels}, the documents' list, the project's own OpenAPI document, the dependency order).
 * {@link EnrollmentStandIn} stands in for enrollment-service; student-service is where nothing listens.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = EnrollmentStandIn.class, restrictToAnnotatedClass = true)
class ExtensionRoutingTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aProjectsResourcesAreRoutedToTheirOwnerByTheCatalogInAnyCase() {
        String token = adminToken();
        for (String path : List.of("/data/v3/sample/buses", "/Data/V3/Sample/BusRoutes/deletes")) {
            given().auth()
                    .oauth2(token)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("service", equalTo("enrollment-service"))
                    .body("path", equalTo(path.toLowerCase().replace("busroutes", "busRoutes")));
        }
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("[]")
                .post("/bulk/v1/sample/buses")
                .then()
                .statusCode(200)
                .body("path", equalTo("/bulk/v1/sample/buses"));
        // a resource is found under its own project only; the core's are routed as before
        isProblemOfType(
                given().auth().oauth2(token).get("/data/v3/ed-fi/buses").then(), 404, "urn:ed-fi:api:not-found");
        isProblemOfType(
                given().auth().oauth2(token).get("/data/v3/sample/students").then(), 404, "urn:ed-fi:api:not-found");
        isProblemOfType(given().auth().oauth2(token).get("/data/v3/tpdm/buses").then(), 404, "urn:ed-fi:api:not-found");
        given().auth()
                .oauth2(token)
                .get("/data/v3/ed-fi/schools")
                .then()
                .statusCode(200)
                .body("path", equalTo("/data/v3/ed-fi/schools"));
        given().auth()
                .oauth2(token)
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(502)
                .body("errors[0]", equalTo("student-service is not reachable."));
    }

    @Test
    void theDiscoveryDocumentAndTheDependencyOrderListTheProject() throws Exception {
        given().get("/")
                .then()
                .statusCode(200)
                .body("dataModels.name", equalTo(List.of("Ed-Fi", "Sample")))
                .body("dataModels.find { it.name == 'Sample' }.version", equalTo("1.0.0"));
        JsonNode order =
                MAPPER.readTree(given().get("/metadata/data/v3/dependencies").asString());
        int buses = -1;
        int routes = -1;
        for (JsonNode place : order) {
            if (place.get("resource").asText().equals("/sample/buses")) {
                buses = place.get("order").asInt();
            } else if (place.get("resource").asText().equals("/sample/busRoutes")) {
                routes = place.get("order").asInt();
            }
        }
        assertThat(buses).isPositive();
        assertThat(routes).isGreaterThan(buses);
    }

    @Test
    void eachProjectHasItsOwnOpenApiDocument() throws Exception {
        // beside the whole API's and the profiles' (which other tests of this module may have stored)
        given().get("/metadata/")
                .then()
                .statusCode(200)
                .body("find { it.name == 'Sample' }.prefix", equalTo("sample"))
                .body("endpointUri", hasItem(org.hamcrest.Matchers.endsWith("/metadata/data/v3/sample/swagger.json")));

        JsonNode sample = MAPPER.readTree(given().get("/metadata/data/v3/Sample/swagger.json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(sample.at("/info/version").asText()).isEqualTo("1.0.0");
        assertThat(sample.path("paths").fieldNames()).toIterable().containsExactly("/data/v3/sample/buses");
        assertThat(sample.at("/components/schemas").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("EdFi.Bus", "EdFi.Link");
        isProblemOfType(given().get("/metadata/data/v3/tpdm/swagger.json").then(), 404, "urn:ed-fi:api:not-found");
    }
}
