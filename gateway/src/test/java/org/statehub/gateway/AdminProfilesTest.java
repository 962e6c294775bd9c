package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.statehub.gateway.ClientDirectoryTest.vendor;
import static org.statehub.gateway.GatewayTokenTest.adminToken;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.statehub.testing.EdFiBodies;
import org.statehub.testing.PostgresTestResource;

/**
 * Ed-Fi API profiles kept by state administrators and assigned to clients (docs/decisions/0020, step 8): the
 * ODS/API's profile XML, checked against the contract when stored; the client directory gives the services each
 * client's profiles, and {@code token_info} names them ({@code assigned_profiles}) as the ODS/API does.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class AdminProfilesTest {

    private static String profile(String name) {
        return """
                <Profile name="%s">
                %s  <Resource name="Student">
                    <WriteContentType memberSelection="ExcludeOnly">
                      <Property name="BirthCity"/>
                    </WriteContentType>
                  </Resource>
                </Profile>""".formatted(name, EdFiBodies.SCHOOL_NAMES_AND_CITIES);
    }

    /** Requests with the token of a new SISVendor client (of organization 255901), made by the admin. */
    private static RequestSpecification asVendor(String admin) {
        String[] client = vendor(admin, "255901");
        String vendorToken = GatewayTokenTest.token(client[0], client[1], null)
                .then()
                .extract()
                .path("access_token");
        return given().auth().oauth2(vendorToken);
    }

    private static RequestSpecification asAdmin(String admin) {
        return given().auth().oauth2(admin);
    }

    private static Response create(String admin, String xml) {
        return asAdmin(admin).contentType(ContentType.XML).body(xml).post("/admin/v1/profiles");
    }

    @Test
    void aProfileIsStoredShownReplacedAndDeleted() {
        String admin = adminToken();
        String name = "Schools-" + UUID.randomUUID();

        create(admin, profile(name))
                .then()
                .statusCode(201)
                .header("Location", containsString("/admin/v1/profiles/" + name))
                .body("name", equalTo(name))
                .body("resources.resource", contains("schools", "students"))
                .body("resources.readable", contains(true, false))
                .body("resources.writable", contains(false, true));
        asAdmin(admin)
                .get("/admin/v1/profiles/" + name.toUpperCase())
                .then()
                .statusCode(200)
                .body("definition", containsString("NameOfInstitution"));
        asAdmin(admin).get("/admin/v1/profiles").then().statusCode(200).body("name", hasItem(name));

        create(admin, profile(name.toLowerCase())).then().statusCode(409);
        asAdmin(admin)
                .contentType(ContentType.XML)
                .body(profile(name)
                        .replace(
                                "<Property name=\"BirthCity\"/>",
                                "<Property name=\"BirthCity\"/>" + "<Property name=\"MaidenName\"/>"))
                .put("/admin/v1/profiles/" + name)
                .then()
                .statusCode(200);
        asAdmin(admin)
                .contentType(ContentType.XML)
                .body(profile("Another-Name"))
                .put("/admin/v1/profiles/" + name)
                .then()
                .statusCode(400)
                .body("validationErrors.'$.name'[0]", containsString("not '" + name + "'"));

        asAdmin(admin).delete("/admin/v1/profiles/" + name).then().statusCode(204);
        asAdmin(admin).get("/admin/v1/profiles/" + name).then().statusCode(404);
    }

    @Test
    void aDefinitionThatDoesNotFitTheContractIsRefusedWithEveryFinding() {
        String admin = adminToken();

        create(
                        admin,
                        profile("Broken-" + UUID.randomUUID())
                                .replace("NameOfInstitution", "NameOfTheSchool")
                                .replace("\"School\"", "\"School\" ")
                                // no resource of the contract (the Sample extension these tests load has a Bus)
                                .replace("<Resource name=\"Student\">", "<Resource name=\"Spaceship\">"))
                .then()
                .statusCode(400)
                .body("type", containsString("data-validation-failed"))
                .body("validationErrors.'$'", hasItem(containsString("no member 'NameOfTheSchool'")))
                .body("validationErrors.'$'", hasItem(containsString("resource Spaceship: the hub serves no such")));
        create(admin, "<Profile name=\"x\"><Resource").then().statusCode(400);
        create(admin, "").then().statusCode(400);
        asAdmin(admin)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/admin/v1/profiles")
                .then()
                .statusCode(415)
                .contentType(containsString("problem+json"));
    }

    @Test
    void profilesAssignedToAClientAreInItsDirectoryEntryAndCannotBeDeleted() {
        String admin = adminToken();
        String name = "Assigned-" + UUID.randomUUID();
        create(admin, profile(name)).then().statusCode(201);
        String[] client = vendor(admin, "255901");
        String etag = asAdmin(admin).get("/internal/v1/clients/" + client[0]).header("ETag");

        asAdmin(admin)
                .contentType(ContentType.JSON)
                .body("{\"profiles\": [\"" + name.toLowerCase() + "\"]}")
                .put("/admin/v1/clients/" + client[0] + "/profiles")
                .then()
                .statusCode(200)
                .body("profiles", contains(name));
        asAdmin(admin)
                .get("/internal/v1/clients/" + client[0])
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(etag)))
                .body("profiles", contains(name));
        asAdmin(admin)
                .get("/admin/v1/clients")
                .then()
                .statusCode(200)
                .body("find { it.clientId == '" + client[0] + "' }.profiles", contains(name));
        asAdmin(admin)
                .delete("/admin/v1/profiles/" + name)
                .then()
                .statusCode(409)
                .body("detail", containsString(client[0]));

        asAdmin(admin)
                .contentType(ContentType.JSON)
                .body("{\"profiles\": [\"No-Such-Profile\"]}")
                .put("/admin/v1/clients/" + client[0] + "/profiles")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.profiles[0]'[0]", containsString("No-Such-Profile"));
        asAdmin(admin)
                .contentType(ContentType.JSON)
                .body("{\"profiles\": []}")
                .put("/admin/v1/clients/" + client[0] + "/profiles")
                .then()
                .statusCode(200)
                .body("profiles", empty());
        asAdmin(admin).delete("/admin/v1/profiles/" + name).then().statusCode(204);
    }

    @Test
    void tokenInfoNamesTheClientsProfiles() {
        String admin = adminToken();
        String name = "Reader-" + UUID.randomUUID();
        create(admin, profile(name)).then().statusCode(201);
        Response reader = asAdmin(admin)
                .contentType(ContentType.JSON)
                .body("{\"displayName\": \"Profiled reader\", \"claimSet\": \"StateSystemReader\"}")
                .post("/admin/v1/clients");
        String clientId = reader.path("clientId");
        asAdmin(admin)
                .contentType(ContentType.JSON)
                .body("{\"profiles\": [\"" + name + "\"]}")
                .put("/admin/v1/clients/" + clientId + "/profiles")
                .then()
                .statusCode(200);
        String token = GatewayTokenTest.token(clientId, reader.path("clientSecret"), null)
                .then()
                .extract()
                .path("access_token");

        TokenInfoTest.tokenInfo(token).statusCode(200).body("assigned_profiles", contains(name));
    }

    @Test
    void theServicesReadAProfilesDefinitionWithAnETag() {
        String admin = adminToken();
        String name = "Served-" + UUID.randomUUID();
        create(admin, profile(name)).then().statusCode(201);

        Response served = asAdmin(admin).get("/internal/v1/profiles/" + name.toUpperCase());
        served.then()
                .statusCode(200)
                .contentType(containsString("application/xml"))
                .header("ETag", notNullValue())
                .body(equalTo(profile(name)));
        String etag = served.header("ETag");
        asAdmin(admin)
                .header("If-None-Match", etag)
                .get("/internal/v1/profiles/" + name)
                .then()
                .statusCode(304)
                .header("ETag", etag);

        asAdmin(admin)
                .contentType(ContentType.XML)
                .body(profile(name)
                        .replace("<Property name=\"City\"/>", "<Property name=\"StateAbbreviationDescriptor\"/>"))
                .put("/admin/v1/profiles/" + name)
                .then()
                .statusCode(200);
        Response changed = asAdmin(admin).header("If-None-Match", etag).get("/internal/v1/profiles/" + name);
        changed.then().statusCode(200).header("ETag", not(equalTo(etag))).body(containsString("StateAbbreviation"));

        asAdmin(admin)
                .get("/internal/v1/profiles/No-Such-Profile")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:ed-fi:api:not-found"));
        asVendor(admin)
                .get("/internal/v1/profiles/" + name)
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"));
        given().get("/internal/v1/profiles/" + name).then().statusCode(401);
        asAdmin(admin).delete("/admin/v1/profiles/" + name).then().statusCode(204);
        asAdmin(admin).get("/internal/v1/profiles/" + name).then().statusCode(404);
    }

    @Test
    void onlyAStateAdministratorKeepsProfiles() {
        String admin = adminToken();
        asVendor(admin)
                .contentType(ContentType.XML)
                .body(profile("Vendor-" + UUID.randomUUID()))
                .post("/admin/v1/profiles")
                .then()
                .statusCode(403);
        given().contentType(ContentType.XML)
                .body(profile("Anonymous"))
                .post("/admin/v1/profiles")
                .then()
                .statusCode(401);
    }
}
