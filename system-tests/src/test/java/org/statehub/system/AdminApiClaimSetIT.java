package org.statehub.system;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.statehub.testing.EdFiBodies;

/**
 * Issue 17's "done when" for claim sets (docs/decisions/0020, steps 14 and 16): a claim set created through the
 * Admin-API-compatible endpoints changes what a client may do, over real HTTP between the packaged processes. The
 * services read the claim set from the gateway's directory; here they revalidate it on every request
 * ({@code HUB_CLIENT_DIRECTORY_FRESH=0s}; 5 s in production), so the test need not wait.
 */
class AdminApiClaimSetIT {

    private static final String ADMIN = "claimsets-admin";
    private static final String ADMIN_SECRET = "claimsets-admin-secret-0123456789";

    @RegisterExtension
    static final Hub hub =
            Hub.of("statehub_claimsets", ADMIN, ADMIN_SECRET).withSettings(Map.of("HUB_CLIENT_DIRECTORY_FRESH", "0s"));

    /** A request of the Admin API's own token (its token endpoint, its scope), its body JSON. */
    private static RequestSpecification adminApi() {
        String token = hub.as("")
                .auth()
                .preemptive()
                .basic(ADMIN, ADMIN_SECRET)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "edfi_admin_api/full_access")
                .post("/adminapi/connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        return hub.as(token).contentType(ContentType.JSON);
    }

    private static String created(Response response) {
        response.then().statusCode(201);
        return response.header("Location");
    }

    @Test
    void aClaimSetCreatedThroughTheAdminApiChangesWhatAClientMayDo() {
        String run = Hub.uniqueId("");
        String name = "Student readers " + run;
        String student = hub.created(
                hub.as(hub.adminToken()).body(EdFiBodies.student("CS" + run)).post("/data/v3/ed-fi/students"));

        // the state's claim set: Read on students, state-wide
        String claimSet =
                created(adminApi().body("{\"name\": \"" + name + "\"}").post("/adminapi/v2/claimSets"));
        int studentClaim = adminApi()
                .queryParam("name", "student")
                .get("/adminapi/v2/resourceClaims")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        adminApi()
                .body("{\"resourceClaimId\": " + studentClaim
                        + ", \"resourceClaimActions\": [{\"name\": \"Read\", \"enabled\": true}]}")
                .post(claimSet + "/resourceClaimActions")
                .then()
                .statusCode(201);
        adminApi()
                .body("{\"actionName\": \"Read\", \"authorizationStrategies\": [\"NoFurtherAuthorizationRequired\"]}")
                .post(claimSet + "/resourceClaimActions/" + studentClaim + "/overrideAuthorizationStrategy")
                .then()
                .statusCode(200);

        // a vendor's application of that claim set gets its token at /oauth/token as any client
        String vendor = created(adminApi()
                .body("{\"company\": \"Readers " + run + "\", \"contactName\": \"Ana\","
                        + " \"contactEmailAddress\": \"ana@example.com\"}")
                .post("/adminapi/v2/vendors"));
        Response application = adminApi()
                .body("{\"applicationName\": \"Reader " + run + "\", \"vendorId\": "
                        + vendor.substring(vendor.lastIndexOf('/') + 1) + ", \"claimSetName\": \"" + name
                        + "\", \"educationOrganizationIds\": [], \"odsInstanceIds\": []}")
                .post("/adminapi/v2/applications");
        application.then().statusCode(201).body("key", org.hamcrest.Matchers.notNullValue());
        String token = hub.token(application.path("key"), application.path("secret"));

        hub.as(token).get(student).then().statusCode(200).body("studentUniqueId", equalTo("CS" + run));
        hub.as(token).get("/data/v3/ed-fi/contacts").then().statusCode(403);

        // Read taken away through the Admin API: the same token is refused from the next request
        adminApi()
                .body("{\"resourceClaimActions\": [{\"name\": \"Create\", \"enabled\": true}]}")
                .put(claimSet + "/resourceClaimActions/" + studentClaim)
                .then()
                .statusCode(200);
        hub.as(token).get(student).then().statusCode(403);
    }
}
