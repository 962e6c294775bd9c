package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.statehub.gateway.GatewayTokenTest.adminToken;
import static org.statehub.gateway.GatewayTokenTest.token;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * The client directory the services read a client's education organizations from (decision 0009), and the admin
 * change of those organizations. In the ODS/API a client's access follows the education organizations its
 * application is associated with, kept by the API rather than sent by the client
 * (https://docs.ed-fi.org/reference/ods-api/client-developers-guide/authorization).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ClientDirectoryTest {

    /** PUT {@code body} as the education organizations of client {@code clientId}, by the caller with {@code token}. */
    static ValidatableResponse putOrganizations(String token, String clientId, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/admin/v1/clients/" + clientId + "/educationOrganizationIds")
                .then();
    }

    static String[] vendor(String admin, String organizations) {
        Response created = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"displayName\":\"Directory vendor\",\"claimSet\":\"SISVendor\","
                        + "\"educationOrganizationIds\":[" + organizations + "],\"namespacePrefixes\":[]}")
                .post("/admin/v1/clients");
        created.then().statusCode(201);
        return new String[] {created.path("clientId"), created.path("clientSecret")};
    }

    @Test
    void theDirectoryGivesAClientsOrganizationsWithAnETagAndFollowsAdminChanges() {
        String admin = adminToken();
        String[] vendor = vendor(admin, "255901001,255901");
        Response entry = given().auth().oauth2(admin).get("/internal/v1/clients/" + vendor[0]);
        entry.then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("clientId", equalTo(vendor[0]))
                .body("claimSet", equalTo("SISVendor"))
                .body("active", equalTo(true))
                .body("educationOrganizationIds", contains(255901, 255901001));
        String etag = entry.header("ETag");
        given().auth()
                .oauth2(admin)
                .header("If-None-Match", etag)
                .get("/internal/v1/clients/" + vendor[0])
                .then()
                .statusCode(304)
                .header("ETag", etag);

        putOrganizations(admin, vendor[0], "{\"educationOrganizationIds\":[255901044]}")
                .statusCode(200)
                .body("educationOrganizationIds", contains(255901044));
        Response changed =
                given().auth().oauth2(admin).header("If-None-Match", etag).get("/internal/v1/clients/" + vendor[0]);
        changed.then().statusCode(200).body("educationOrganizationIds", contains(255901044));
        assertThat(changed.header("ETag")).isNotEqualTo(etag);

        given().auth()
                .oauth2(admin)
                .delete("/admin/v1/clients/" + vendor[0])
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .get("/internal/v1/clients/" + vendor[0])
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("educationOrganizationIds", empty());
    }

    @Test
    void aClientOfTenThousandOrganizationsIsCreatedThroughTheAdminApiAndGetsASmallToken() throws Exception {
        String admin = adminToken();
        StringBuilder ids = new StringBuilder("255901");
        for (long id = 10_000_000L; id < 10_000_000L + 9_999; id++) {
            ids.append(',').append(id);
        }
        String[] many = vendor(admin, ids.toString());
        String[] one = vendor(admin, "255901");
        String manyToken =
                token(many[0], many[1], null).then().statusCode(200).extract().path("access_token");
        String oneToken =
                token(one[0], one[1], null).then().statusCode(200).extract().path("access_token");
        // the token names the client, not its organizations: the same size as a one-organization client's
        assertThat(manyToken.length()).isLessThan(1_000).isEqualTo(oneToken.length());
        given().auth()
                .oauth2(admin)
                .get("/internal/v1/clients/" + many[0])
                .then()
                .statusCode(200)
                .body("educationOrganizationIds.size()", equalTo(10_000))
                .body("educationOrganizationIds[0]", equalTo(255901));
        // a scoped token of the same client is as small
        String scoped = token(many[0], many[1], "10000500")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        assertThat(scoped.length()).isLessThan(1_000);
    }

    @Test
    void onlyStateAdminClientsReadTheDirectoryAndChangesAreValidated() {
        String admin = adminToken();
        String[] vendor = vendor(admin, "255901");
        String vendorToken = token(vendor[0], vendor[1], null).path("access_token");
        given().get("/internal/v1/clients/" + vendor[0])
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"));
        given().auth()
                .oauth2(vendorToken)
                .get("/internal/v1/clients/" + vendor[0])
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        given().auth()
                .oauth2(admin)
                .get("/internal/v1/clients/no-such-client")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:ed-fi:api:not-found"));
        putOrganizations(vendorToken, vendor[0], "{\"educationOrganizationIds\":[1]}")
                .statusCode(403);
        putOrganizations(admin, vendor[0], "{\"educationOrganizationIds\":[]}")
                .statusCode(400)
                .body("validationErrors.'$.educationOrganizationIds'", notNullValue());
        putOrganizations(admin, vendor[0], "{\"educationOrganizationIds\":[0]}")
                .statusCode(400)
                .body("validationErrors.'$.educationOrganizationIds[0]'", notNullValue());
        putOrganizations(admin, vendor[0], "{}").statusCode(400);
        putOrganizations(admin, "no-such-client", "{\"educationOrganizationIds\":[1]}")
                .statusCode(404);
    }
}
