package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.statehub.gateway.GatewayTokenTest.adminToken;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;

/**
 * School years through the gateway (docs/decisions/0020, part 5, step 18), with 2026 and 2027 served and
 * {@link YearStandIn} for the data services: {@code /{year}/data/v3/...} and {@code /data/v3/{year}/...} reach the
 * service's unqualified path with the year in {@code Hub-Data-Space}; a year not served is 404; the whole API's newest
 * change version is the year's, refused 403 to a client whose application is not granted the year (its
 * {@code odsInstanceIds}, which the services' directory gives); each year's metadata has the year's URLs.
 */
@QuarkusTest
@TestProfile(YearRoutingTest.TwoYears.class)
class YearRoutingTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The years 2026 and 2027 served; the stand-in behind. */
    public static class TwoYears extends SettingsProfile {
        public TwoYears() {
            super(
                    Map.of("hub.instances.route", "school-year", "hub.instances.years", "2026,2027"),
                    PostgresTestResource.class,
                    YearStandIn.class);
        }
    }

    @Test
    void bothUrlFormsReachTheServiceInTheYear() {
        String token = adminToken();
        reaches(token, "/2026/data/v3/ed-fi/students", "/data/v3/ed-fi/students", "2026");
        reaches(token, "/data/v3/2027/Ed-Fi/Schools/deletes?limit=5", "/data/v3/ed-fi/schools/deletes", "2027");
        reaches(token, "/2027/Data/V3/ed-fi/students", "/data/v3/ed-fi/students", "2027");
        // a created item's Location is the year's URL
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/2026/data/v3/ed-fi/students")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/2026/data/v3/ed-fi/students/0123"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("[]")
                .post("/2026/bulk/v1/ed-fi/students")
                .then()
                .statusCode(200)
                .body("path", equalTo("/bulk/v1/ed-fi/students"))
                .body("dataSpace", equalTo("2026"));
        // only the URL names a year: a header a caller sends itself is not passed on
        given().auth()
                .oauth2(token)
                .header("Hub-Data-Space", "2026")
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .body("dataSpace", nullValue());
    }

    @Test
    void aYearNotServedIsNotFound() {
        String token = adminToken();
        for (String path : new String[] {
            "/2031/data/v3/ed-fi/students",
            "/data/v3/2031/ed-fi/students",
            "/2031/changeQueries/v1/availableChangeVersions",
            "/2031/metadata/openapi.json"
        }) {
            isProblemOfType(given().auth().oauth2(token).get(path).then(), 404, "urn:ed-fi:api:not-found");
        }
    }

    @Test
    void eachYearHasItsNewestChangeVersionForTheClientsGrantedIt() {
        String admin = adminToken();
        newest(admin, "2026").statusCode(200).body("newestChangeVersion", equalTo(26));
        newest(admin, "2027").statusCode(200).body("newestChangeVersion", equalTo(27));
        // without a year the services refuse it, as a deployment keeping years apart does
        isProblemOfType(
                given().auth()
                        .oauth2(admin)
                        .get("/changeQueries/v1/availableChangeVersions")
                        .then(),
                404,
                "urn:ed-fi:api:not-found");

        // an application granted 2026 alone: the directory gives its years; 2027 is refused
        String[] granted = application(2026);
        given().auth()
                .oauth2(admin)
                .get("/internal/v1/clients/" + granted[0])
                .then()
                .statusCode(200)
                .body("odsInstanceIds", contains(2026))
                .body("schoolYears", contains("2026"));
        String token = GatewayTokenTest.token(granted[0], granted[1], null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        newest(token, "2026").statusCode(200).body("newestChangeVersion", equalTo(26));
        isProblemOfType(newest(token, "2027"), 403, "urn:ed-fi:api:security:authorization");
    }

    @Test
    void eachYearsMetadataHasTheYearsUrls() throws Exception {
        given().get("/2026/metadata/")
                .then()
                .statusCode(200)
                .body("endpointUri", everyItem(org.hamcrest.Matchers.containsString("/2026/metadata/")))
                .body("find { it.name == 'Resources' }.endpointUri", endsWith("/2026/metadata/openapi.json"));
        JsonNode document = MAPPER.readTree(given().get("/2027/metadata/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(document.at("/servers/0/url").asText()).endsWith("/2027");
        assertThat(document.at("/paths/~1data~1v3~1ed-fi~1students/servers").isMissingNode())
                .isTrue();
        JsonNode plain = MAPPER.readTree(given().get("/metadata/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(plain.at("/servers/0/url").asText()).doesNotEndWith("/2027");
        given().get("/2027/")
                .then()
                .statusCode(200)
                .body("urls.dataManagementApi", endsWith("/2027/data/v3/"))
                .body("urls.changeQueries", endsWith("/2027/changeQueries/v1/"))
                .body("urls.oauth", endsWith("/oauth/token"));
        given().get("/2027/metadata/data/v3/dependencies").then().statusCode(200);
    }

    /** A GET of {@code url} as the token's client, answered by the stand-in at {@code path} in {@code year}. */
    private static void reaches(String token, String url, String path, String year) {
        given().auth()
                .oauth2(token)
                .get(url)
                .then()
                .statusCode(200)
                .body("path", equalTo(path))
                .body("dataSpace", equalTo(year));
    }

    /** The year's newest change version of the whole API, as the token's client asks it. */
    private static ValidatableResponse newest(String token, String year) {
        return given().auth()
                .oauth2(token)
                .get("/" + year + "/changeQueries/v1/availableChangeVersions")
                .then();
    }

    /** An Admin API application of a new vendor, granted this year: its key and secret. */
    private static String[] application(int year) {
        String admin = AdminApiApplicationsTest.adminApiToken();
        String run = UUID.randomUUID().toString().substring(0, 8);
        int vendorId = AdminApiApplicationsTest.idOf(AdminApiApplicationsTest.vendor(admin, "Years " + run, null));
        Response created = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"applicationName\":\"Years " + run + "\",\"vendorId\":" + vendorId
                        + ",\"claimSetName\":\"SISVendor\",\"educationOrganizationIds\":[255901],\"odsInstanceIds\":["
                        + year + "]}")
                .post("/adminapi/v2/applications");
        created.then().statusCode(201);
        return new String[] {created.path("key"), created.path("secret")};
    }
}
