package org.statehub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.testing.EdFiBodies;

/**
 * The round trip of issue 17's "done when" for extensions (docs/decisions/0020, step 4): with every process given
 * {@code EDFI_EXTENSIONS=sample}, a student with {@code _ext.sample} members and a Sample bus route go through the
 * gateway (POST, GET, PUT, change queries, DELETE and its tombstone), and {@code /metadata} lists the project.
 */
class ExtensionRoundIT {

    private static final String ADMIN = "extension-admin";
    private static final String ADMIN_SECRET = "extension-admin-secret-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final Hub hub =
            Hub.of("statehub_extensions", ADMIN, ADMIN_SECRET).withSettings(Map.of("EDFI_EXTENSIONS", "sample"));

    private static RequestSpecification api() {
        return hub.as(hub.adminToken());
    }

    private static long newest() {
        return hub.newestChangeVersion(hub.adminToken());
    }

    @Test
    void aStudentWithSampleMembersRoundTripsThroughTheGateway() throws Exception {
        long before = newest();
        ObjectNode student = (ObjectNode) MAPPER.readTree(
                EdFiBodies.student("EXT" + UUID.randomUUID().toString().substring(0, 8)));
        student.set("_ext", MAPPER.readTree("""
                {"sample": {"pets": [{"petName": "Bingo", "isFixed": true}],
                            "petPreference": {"minimumWeight": 1, "maximumWeight": 35}}}"""));
        String location = hub.created(api().body(student.toString()).post("/data/v3/ed-fi/students"));
        api().get(location).then().statusCode(200).body("_ext.sample.pets[0].petName", equalTo("Bingo"));

        ((ObjectNode) student.at("/_ext/sample/petPreference")).put("maximumWeight", 40);
        api().body(student.toString()).put(location).then().statusCode(204);
        api().get(location).then().body("_ext.sample.petPreference.maximumWeight", equalTo(40));
        api().queryParam("minChangeVersion", before + 1)
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .body("studentUniqueId", hasItem(student.get("studentUniqueId").asText()));
    }

    @Test
    void aBusRouteRoundTripsThroughTheGatewayWithItsChangeQueries() throws Exception {
        long before = newest();
        String busId = "BUS-" + UUID.randomUUID();
        hub.created(api().body("{\"busId\": \"" + busId + "\"}").post("/data/v3/sample/buses"));
        ObjectNode route = (ObjectNode) MAPPER.readTree("""
                {"busReference": {"busId": "%s"}, "busRouteNumber": 12, "busRouteDirection": "Eastbound",
                 "startTimes": [{"startTime": "07:05:00"}], "operatingCost": 980.5, "expectedTransitTime": "35",
                 "hoursPerWeek": 10, "serviceAreaPostalCodes": [{"serviceAreaPostalCode": "55102"}],
                 "telephones": [{"telephoneNumber": "651-555-0123",
                   "telephoneNumberTypeDescriptor": "uri://ed-fi.org/TelephoneNumberTypeDescriptor#Work"}]}""".formatted(busId));
        String location = hub.created(api().body(route.toString()).post("/data/v3/sample/busRoutes"));
        assertThat(location).startsWith("/data/v3/sample/busRoutes/");
        JsonNode served = MAPPER.readTree(
                api().get(location).then().statusCode(200).extract().asString());
        assertThat(served.get("expectedTransitTime").asInt()).isEqualTo(35);
        assertThat(served.at("/busReference/link/href").asText()).startsWith("/sample/buses/");

        route.put("busRouteDirection", "Westbound");
        api().body(route.toString()).put(location).then().statusCode(204);
        api().queryParam("minChangeVersion", before + 1)
                .get("/data/v3/sample/busRoutes")
                .then()
                .statusCode(200)
                .body("busRouteDirection", hasItem("Westbound"));

        long beforeDelete = newest();
        api().delete(location).then().statusCode(204);
        api().queryParam("minChangeVersion", beforeDelete + 1)
                .get("/data/v3/sample/busRoutes/deletes")
                .then()
                .statusCode(200)
                .body("keyValues.busId", hasItem(busId));
        api().get("/data/v3/sample/busRoutes/keyChanges").then().statusCode(200);
    }

    @Test
    void theMetadataListsTheSampleProject() {
        hub.assertProjectPublished("Sample", "sample", "/data/v3/sample/busRoutes");
    }
}
