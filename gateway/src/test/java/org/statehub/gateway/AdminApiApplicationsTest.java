package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.statehub.gateway.GatewayTokenTest.ADMIN;
import static org.statehub.gateway.GatewayTokenTest.ADMIN_SECRET;
import static org.statehub.gateway.GatewayTokenTest.basic;
import static org.statehub.gateway.GatewayTokenTest.token;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Ed-Fi Admin API 2.x surface under {@code /adminapi} (docs/decisions/0020, step 15), replaying the Admin API's
 * own example requests (ODS-Admin-API {@code docs/http/vendors.http} and {@code applications.http}) with only the
 * base URL changed: the token endpoint, vendors and applications; an application's key and secret get a token at
 * {@code /oauth/token} that the gateway knows by the application's claim set and organizations.
 */
@QuarkusTest
@TestProfile(TokenInfoTest.WithOrganizations.class)
class AdminApiApplicationsTest {

    private static final String SCOPE = "edfi_admin_api/full_access";

    /** The examples' token request: Basic credentials, a form with the grant type and the Admin API's scope. */
    static Response adminApiToken(String clientId, String secret, String scope) {
        var request = given().header("Authorization", basic(clientId, secret))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials");
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post("/adminapi/connect/token");
    }

    /** A token of the bootstrap state admin from the Admin API's token endpoint. */
    static String adminApiToken() {
        return adminApiToken(ADMIN, ADMIN_SECRET, SCOPE)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A new request with the token, its body JSON. */
    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates a vendor as the examples do; its Location. */
    static String vendor(String admin, String company, String prefixes) {
        String body = "{\"company\":\"" + company + "\","
                + (prefixes == null ? "" : "\"namespacePrefixes\":\"" + prefixes + "\",")
                + "\"contactName\":\"David Jiménez\",\"contactEmailAddress\":\"david.jimenez@example.com\"}";
        return as(admin)
                .body(body)
                .post("/adminapi/v2/vendors")
                .then()
                .statusCode(201)
                .header("Location", containsString("/adminapi/v2/vendors/"))
                .extract()
                .header("Location");
    }

    static int idOf(String location) {
        return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
    }

    static String application(String name, int vendorId, String claimSet, String organizations, String more) {
        return "{\"applicationName\":\"" + name + "\",\"vendorId\":" + vendorId + ",\"claimSetName\":\"" + claimSet
                + "\",\"educationOrganizationIds\":[" + organizations + "],\"odsInstanceIds\":[2224]" + more + "}";
    }

    private static Response tokenInfo(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("/oauth/token_info");
    }

    @Test
    void theTokenEndpointIssuesTheHubsTokenToStateAdminClientsForTheAdminApisScope() {
        adminApiToken(ADMIN, ADMIN_SECRET, SCOPE)
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("access_token", notNullValue())
                .body("token_type", equalTo("bearer"))
                .body("scope", equalTo(SCOPE));
        // the credentials as form fields, as the specification's form lists them
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", ADMIN)
                .formParam("client_secret", ADMIN_SECRET)
                .formParam("scope", SCOPE)
                .post("/adminapi/connect/token")
                .then()
                .statusCode(200);

        adminApiToken(ADMIN, ADMIN_SECRET, "api").then().statusCode(400).body("error", equalTo("invalid_scope"));
        adminApiToken(ADMIN, ADMIN_SECRET, null).then().statusCode(400).body("error", equalTo("invalid_scope"));
        adminApiToken(ADMIN, "not-the-secret", SCOPE).then().statusCode(401).body("error", equalTo("invalid_client"));
        String[] vendor = ClientDirectoryTest.vendor(GatewayTokenTest.adminToken(), "255901");
        adminApiToken(vendor[0], vendor[1], SCOPE)
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"))
                .body("type", equalTo("urn:ed-fi:api:bad-request"));

        // the endpoints need a StateAdmin token
        given().get("/adminapi/v2/vendors").then().statusCode(401);
        String vendorToken = token(vendor[0], vendor[1], null).path("access_token");
        given().auth()
                .oauth2(vendorToken)
                .get("/adminapi/v2/applications")
                .then()
                .statusCode(403);

        // registration is off: the refusal the specification gives the endpoint
        given().contentType(ContentType.URLENC)
                .formParam("ClientId", "adminapi_client2")
                .formParam("ClientSecret", "adminapi_SECRET_2025_rftyguhijkotgyhuijok")
                .formParam("DisplayName", "Admin API adminapi_client2")
                .post("/adminapi/connect/register")
                .then()
                .statusCode(400)
                .body("errors[0]", containsString("disabled"));
        adminApiToken("adminapi_client2", "adminapi_SECRET_2025_rftyguhijkotgyhuijok", SCOPE)
                .then()
                .statusCode(401);
    }

    @Test
    void vendorsAreCreatedListedFilteredReplacedAndDeletedAsTheExamplesDo() {
        String admin = adminApiToken();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String plain = vendor(admin, "vendor3 - no namespace " + run, null);
        String several = vendor(
                admin,
                "vendor3 - multiple namespaces " + run,
                "uri://ed-fi.org/2000, uri://ed-fi.org/2015, uri://" + run + ".example");

        as(admin)
                .get(several)
                .then()
                .statusCode(200)
                .body("id", equalTo(idOf(several)))
                .body("company", equalTo("vendor3 - multiple namespaces " + run))
                .body(
                        "namespacePrefixes",
                        equalTo("uri://ed-fi.org/2000,uri://ed-fi.org/2015,uri://" + run + ".example"))
                .body("contactName", equalTo("David Jiménez"))
                .body("contactEmailAddress", equalTo("david.jimenez@example.com"));
        as(admin).get(plain).then().statusCode(200).body("namespacePrefixes", equalTo(""));
        as(admin)
                .queryParam("limit", 500)
                .get("/adminapi/v2/vendors")
                .then()
                .statusCode(200)
                .body("id", hasItem(idOf(plain)))
                .body("id", hasItem(idOf(several)))
                .body("company", hasItem("State hub"));
        as(admin)
                .queryParam("namespacePrefixes", "uri://" + run + ".example")
                .get("/adminapi/v2/vendors")
                .then()
                .statusCode(200)
                .body("id", contains(idOf(several)));
        as(admin)
                .queryParam("company", "VENDOR3 - NO NAMESPACE " + run)
                .get("/adminapi/v2/vendors")
                .then()
                .statusCode(200)
                .body("id", contains(idOf(plain)));
        as(admin)
                .queryParam("limit", 1)
                .queryParam("offset", 1)
                .queryParam("orderBy", "id")
                .queryParam("direction", "Ascending")
                .get("/adminapi/v2/vendors")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", not(equalTo(1)));
        as(admin)
                .queryParam("limit", "many")
                .queryParam("orderBy", "color")
                .get("/adminapi/v2/vendors")
                .then()
                .statusCode(400)
                .body("errors", hasSize(2));

        // sent twice: the second is refused, "already exists" (the V3 example's rule)
        as(admin)
                .body("{\"company\":\"vendor3 - no namespace " + run
                        + "\",\"contactName\":\"A\",\"contactEmailAddress\":\"a@example.com\"}")
                .post("/adminapi/v2/vendors")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.company'[0]", containsString("already exists"));
        as(admin)
                .body("{\"contactName\":\"A\",\"contactEmailAddress\":\"not an address\"}")
                .post("/adminapi/v2/vendors")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.company'[0]", containsString("required"))
                .body("validationErrors.'$.contactEmailAddress'[0]", containsString("email"));
        as(admin)
                .body("{\"company\": 12, \"contactName\": [\"x\"]}")
                .post("/adminapi/v2/vendors")
                .then()
                .statusCode(400);

        as(admin)
                .body("{\"company\":\"vendor3 - renamed " + run + "\",\"namespacePrefixes\":\"uri://" + run
                        + ".example\",\"contactName\":\"Ana\",\"contactEmailAddress\":\"ana@example.com\"}")
                .put(plain)
                .then()
                .statusCode(200);
        as(admin)
                .get(plain)
                .then()
                .body("company", equalTo("vendor3 - renamed " + run))
                .body("namespacePrefixes", equalTo("uri://" + run + ".example"))
                .body("contactName", equalTo("Ana"));

        as(admin).get("/adminapi/v2/vendors/abc").then().statusCode(404);
        as(admin).get("/adminapi/v2/vendors/2147483647").then().statusCode(404);
        as(admin)
                .body("{\"company\":\"Hub\",\"contactName\":\"A\",\"contactEmailAddress\":\"a@example.com\"}")
                .put("/adminapi/v2/vendors/1")
                .then()
                .statusCode(409);
        as(admin).delete("/adminapi/v2/vendors/1").then().statusCode(409);

        as(admin).delete(plain).then().statusCode(200);
        as(admin).get(plain).then().statusCode(404);
        as(admin).delete(plain).then().statusCode(404);
    }

    @Test
    void anApplicationIsAGatewayClientWhoseKeyAndSecretGetTokensAtOauthToken() {
        String admin = adminApiToken();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String vendorLocation = vendor(admin, "Applications vendor " + run, "uri://" + run + ".example");
        int vendorId = idOf(vendorLocation);
        String name = "Application Duplicate Test " + run;

        // a claim set the hub does not keep is refused
        as(admin)
                .body(application(name, vendorId, "No Such Claim Set", "1", ""))
                .post("/adminapi/v2/applications")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.claimSetName'[0]", containsString("'No Such Claim Set' is none"));
        Response created = as(admin)
                .body(application(name, vendorId, "SISVendor", "255901", ""))
                .post("/adminapi/v2/applications");
        created.then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("id", notNullValue())
                .body("key", notNullValue())
                .body("secret", notNullValue());
        String location = created.header("Location");
        int id = created.path("id");
        String key = created.path("key");
        String secret = created.path("secret");
        assert location.endsWith("/adminapi/v2/applications/" + id);
        // sent twice: "already exists for this vendor"
        as(admin)
                .body(application(name, vendorId, "SISVendor", "255901", ""))
                .post("/adminapi/v2/applications")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.applicationName'[0]", containsString("already exists for this vendor"));

        as(admin)
                .get(location)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("applicationName", equalTo(name))
                .body("claimSetName", equalTo("SISVendor"))
                .body("educationOrganizationIds", contains(255901))
                .body("vendorId", equalTo(vendorId))
                .body("profileIds", empty())
                .body("odsInstanceIds", contains(2224))
                .body("enabled", equalTo(true));

        // the key and secret get a token at /oauth/token, known by the application's claim set and organizations
        String token = token(key, secret, null).then().statusCode(200).extract().path("access_token");
        tokenInfo(token)
                .then()
                .statusCode(200)
                .body("client_id", equalTo(key))
                .body("claim_set.name", equalTo("SISVendor"))
                .body("namespace_prefixes", contains("uri://" + run + ".example"))
                .body("education_organizations.education_organization_id", contains(255901));
        // the same rows as /admin/v1/clients
        as(admin)
                .get("/admin/v1/clients/" + key)
                .then()
                .statusCode(200)
                .body("displayName", equalTo(name))
                .body("claimSet", equalTo("SISVendor"));
        // the services' directory gives its ODS instance ids, the school years it is granted (decision 0020, part 5)
        as(admin).get("/internal/v1/clients/" + key).then().statusCode(200).body("odsInstanceIds", contains(2224));

        // update (the example's PUT to the Location), with a profile by its id
        String profileName = "App-Profile-" + run;
        int profileId = as(admin)
                .contentType(ContentType.XML)
                .body("<Profile name=\"" + profileName + "\"><Resource name=\"School\">"
                        + "<ReadContentType memberSelection=\"IncludeOnly\"><Property name=\"NameOfInstitution\"/>"
                        + "</ReadContentType></Resource></Profile>")
                .post("/admin/v1/profiles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(admin)
                .contentType(ContentType.JSON)
                .body(application(
                        name + " - updated",
                        vendorId,
                        "SISVendor",
                        "255901, 255901001",
                        ",\"profileIds\":[" + profileId + "]"))
                .put(location)
                .then()
                .statusCode(200);
        as(admin)
                .get(location)
                .then()
                .statusCode(200)
                .body("applicationName", equalTo(name + " - updated"))
                .body("educationOrganizationIds", contains(255901, 255901001))
                .body("profileIds", contains(profileId));
        // the token already issued follows the change (the services read organizations from the directory)
        tokenInfo(token)
                .then()
                .statusCode(200)
                .body("education_organizations.education_organization_id", contains(255901, 255901001))
                .body("assigned_profiles", contains(profileName));
        as(admin)
                .body(application(name, vendorId, "SISVendor", "255901", ",\"profileIds\":[2147483647]"))
                .put(location)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.profileIds[0]'[0]", containsString("No profile"));
        as(admin)
                .body(application(name, 2147483647, "SISVendor", "", ""))
                .put(location)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.vendorId'[0]", containsString("No vendor"))
                .body("validationErrors.'$.educationOrganizationIds'[0]", containsString("at least one"));

        // lists: all, by name, by vendor
        as(admin)
                .queryParam("applicationName", name + " - updated")
                .get("/adminapi/v2/applications")
                .then()
                .statusCode(200)
                .body("id", contains(id));
        as(admin)
                .get(vendorLocation + "/applications")
                .then()
                .statusCode(200)
                .body("id", contains(id))
                .body("[0].applicationName", equalTo(name + " - updated"));
        as(admin).get("/adminapi/v2/vendors/2147483647/applications").then().statusCode(404);
        // a client of /admin/v1/clients is an application of the hub's own vendor
        as(admin)
                .queryParam("limit", 1000)
                .get("/adminapi/v2/applications")
                .then()
                .statusCode(200)
                .body("find { it.id == " + id + " }.vendorId", equalTo(vendorId))
                .body("vendorId", hasItem(1));

        // reset-credential: a new secret; the old one gets no token
        Response reset = as(admin).put(location + "/reset-credential");
        reset.then().statusCode(200).body("id", equalTo(id)).body("key", equalTo(key));
        String newSecret = reset.path("secret");
        token(key, secret, null).then().statusCode(401);
        token(key, newSecret, null).then().statusCode(200);

        // disabled: no token, and the ones it holds are refused
        as(admin)
                .body(application(name, vendorId, "SISVendor", "255901", ",\"enabled\":false"))
                .put(location)
                .then()
                .statusCode(200);
        as(admin).get(location).then().body("enabled", equalTo(false));
        token(key, newSecret, null).then().statusCode(401);
        as(admin)
                .body(application(name, vendorId, "SISVendor", "255901", ",\"enabled\":true"))
                .put(location)
                .then()
                .statusCode(200);
        String again =
                token(key, newSecret, null).then().statusCode(200).extract().path("access_token");

        as(admin).delete(location).then().statusCode(200);
        as(admin).get(location).then().statusCode(404);
        as(admin).put(location + "/reset-credential").then().statusCode(404);
        token(key, newSecret, null).then().statusCode(401);
        tokenInfo(again).then().statusCode(401);
        as(admin).get("/adminapi/v2/applications/not-a-number").then().statusCode(404);
    }

    @Test
    void deletingAVendorDeletesItsApplications() {
        String admin = adminApiToken();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String vendorLocation = vendor(admin, "Short-lived vendor " + run, null);
        Response created = as(admin)
                .body(application("Reader " + run, idOf(vendorLocation), "StateSystemReader", "", ""))
                .post("/adminapi/v2/applications");
        created.then().statusCode(201);
        String key = created.path("key");
        String secret = created.path("secret");
        token(key, secret, null).then().statusCode(200);

        as(admin).delete(vendorLocation).then().statusCode(200);
        as(admin)
                .get("/adminapi/v2/applications/" + (int) created.path("id"))
                .then()
                .statusCode(404);
        token(key, secret, null).then().statusCode(401);
    }
}
