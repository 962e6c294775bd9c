package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;

/**
 * The Admin API's self-registration, opened by a state on purpose ({@code ADMINAPI_REGISTRATION=true}): the
 * examples' {@code POST /connect/register} makes a StateAdmin client of the id and secret sent, whose token then
 * serves the Admin API. ({@code AdminApiApplicationsTest} shows it refused by default.)
 */
@QuarkusTest
@TestProfile(AdminApiRegistrationTest.RegistrationOpen.class)
class AdminApiRegistrationTest {

    /** A gateway whose Admin API registration is on. */
    public static class RegistrationOpen extends SettingsProfile {
        public RegistrationOpen() {
            super(Map.of("gateway.adminapi.registration", "true"), PostgresTestResource.class);
        }
    }

    private static Response register(String clientId, String secret, String displayName) {
        return given().contentType(ContentType.URLENC)
                .formParam("ClientId", clientId)
                .formParam("ClientSecret", secret)
                .formParam("DisplayName", displayName)
                .post("/adminapi/connect/register");
    }

    @Test
    void aRegisteredClientGetsAnAdminApiToken() {
        String client = "adminapi_client_" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "adminapi_SECRET_2025_rftyguhijkotgyhuijok";
        register(client, secret, "Admin API " + client).then().statusCode(200).body("clientId", equalTo(client));
        register(client, secret, "Admin API " + client)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.ClientId'[0]", containsString("already exists"));
        register("other_" + client, "short", "")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.ClientSecret'[0]", containsString("32 to 128"))
                .body("validationErrors.'$.DisplayName'[0]", containsString("required"));

        String token = AdminApiApplicationsTest.adminApiToken(client, secret, "edfi_admin_api/full_access")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        given().auth().oauth2(token).get("/adminapi/v2/vendors").then().statusCode(200);
    }
}
