package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.statehub.gateway.GatewayTokenTest.adminToken;
import static org.statehub.gateway.GatewayTokenTest.token;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;

/**
 * {@code POST /oauth/token_info} as the Ed-Fi ODS/API 7.3 answers it ("Token Info",
 * https://docs.ed-fi.org/reference/ods-api/client-developers-guide/authorization): the bearer token and the same
 * token in the {@code token} field; {@code active}, {@code client_id}, {@code namespace_prefixes},
 * {@code education_organizations} (id, name, type and the organizations above), {@code assigned_profiles},
 * {@code claim_set.name}, {@code resources} with their {@code operations}, and {@code services}. The ODS/API's
 * controller answers 400 to a missing or malformed token, 404 to an unknown one and 401 to another client's.
 */
@QuarkusTest
@TestProfile(TokenInfoTest.WithOrganizations.class)
class TokenInfoTest {

    /** enrollment-service's education organizations, from {@link OrganizationsService}. */
    public static class WithOrganizations extends SettingsProfile {
        public WithOrganizations() {
            super(Map.of("gateway.rate-limit-burst", "1000"), PostgresTestResource.class, OrganizationsService.class);
        }
    }

    static String[] client(String claimSet, String organizations) {
        Response created = given().auth()
                .oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body("{\"displayName\":\"Token info\",\"claimSet\":\"" + claimSet + "\",\"educationOrganizationIds\":["
                        + organizations + "],\"namespacePrefixes\":[\"uri://acme.example\"]}")
                .post("/admin/v1/clients");
        created.then().statusCode(201);
        return new String[] {created.path("clientId"), created.path("clientSecret")};
    }

    @Test
    void aVendorsTokenInfoNamesItsOrganizationsClaimSetAndResourceOperations() {
        String[] vendor = client("SISVendor", "255901001,255901,999999");
        String token = token(vendor[0], vendor[1], null).path("access_token");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post("/oauth/token_info")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("client_id", equalTo(vendor[0]))
                .body("namespace_prefixes", contains("uri://acme.example"))
                .body("education_organizations.education_organization_id", contains(255901, 999999, 255901001))
                .body("education_organizations[0].name_of_institution", equalTo("Grand Bend ISD"))
                .body("education_organizations[0].type", equalTo("edfi.LocalEducationAgency"))
                .body("education_organizations[0].local_education_agency_id", equalTo(255901))
                .body("education_organizations[0].education_service_center_id", equalTo(255960))
                .body("education_organizations[1].name_of_institution", nullValue())
                .body("education_organizations[2].name_of_institution", equalTo("Bayside High School"))
                .body("education_organizations[2].type", equalTo("edfi.School"))
                .body("education_organizations[2].local_education_agency_id", equalTo(255901))
                .body("assigned_profiles", empty())
                .body("claim_set.name", equalTo("SISVendor"))
                .body(
                        "resources.find { it.resource == '/ed-fi/students' }.operations",
                        contains("Create", "Read", "Update", "Delete", "ReadChanges"))
                .body(
                        "resources.find { it.resource == '/ed-fi/schoolYearTypes' }.operations",
                        contains("Read", "ReadChanges"))
                .body("resources.resource", hasItem("/ed-fi/sexDescriptors"))
                .body("services", empty());

        // a JSON body too; a token narrowed to one organization shows that one
        String scoped = token(vendor[0], vendor[1], "255901001").path("access_token");
        given().auth()
                .oauth2(scoped)
                .contentType(ContentType.JSON)
                .body("{\"token\":\"" + scoped + "\"}")
                .post("/oauth/token_info")
                .then()
                .statusCode(200)
                .body("education_organizations.education_organization_id", contains(255901001));
    }

    /** A state education agency and a service center are named with their Ed-Fi types (same page). */
    @Test
    void stateAgenciesAndServiceCentersAreNamedWithTheirTypes() {
        String[] client = client("SISVendor", "255950,255960");
        String token = token(client[0], client[1], null).path("access_token");
        tokenInfo(token)
                .statusCode(200)
                .body("education_organizations.education_organization_id", contains(255950, 255960))
                .body("education_organizations[0].name_of_institution", equalTo("State Education Agency"))
                .body("education_organizations[0].type", equalTo("edfi.StateEducationAgency"))
                .body("education_organizations[0].state_education_agency_id", equalTo(255950))
                .body("education_organizations[1].name_of_institution", equalTo("Region 99 Education Service Center"))
                .body("education_organizations[1].type", equalTo("edfi.EducationServiceCenter"))
                .body("education_organizations[1].education_service_center_id", equalTo(255960))
                .body("education_organizations[1].state_education_agency_id", equalTo(255950));
    }

    @Test
    void stateClientsHaveTheirClaimSetsOperations() {
        String admin = adminToken();
        tokenInfo(admin)
                .statusCode(200)
                .body("claim_set.name", equalTo("StateAdmin"))
                .body("education_organizations", empty())
                .body("resources.operations", everyItem(hasSize(5)));
        String[] reader = client("StateSystemReader", "");
        String token = token(reader[0], reader[1], null).path("access_token");
        tokenInfo(token).statusCode(200).body("resources.operations", everyItem(contains("Read", "ReadChanges")));
    }

    @Test
    void aMissingMalformedUnknownOrForeignTokenIsRefusedWithProblemDetails() {
        String[] vendor = client("SISVendor", "255901");
        String token = token(vendor[0], vendor[1], null).path("access_token");
        given().formParam("token", token)
                .post("/oauth/token_info")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.URLENC)
                .formParam("other", "x")
                .post("/oauth/token_info")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request"))
                .body("errors[0]", equalTo("Invalid token"));
        given().auth()
                .oauth2(token)
                .formParam("token", "385432d854194fd5bb09fe08092353b5")
                .post("/oauth/token_info")
                .then()
                .statusCode(400)
                .body("errors[0]", equalTo("Invalid token"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"token\":")
                .post("/oauth/token_info")
                .then()
                .statusCode(400);
        String forged =
                token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth()
                .oauth2(token)
                .formParam("token", forged)
                .post("/oauth/token_info")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:ed-fi:api:not-found"));
        String admin = adminToken();
        given().auth()
                .oauth2(token)
                .formParam("token", admin)
                .post("/oauth/token_info")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"))
                .body("errors[0]", equalTo("The token belongs to another client."));
    }

    /** {@code POST /oauth/token_info} of a token, authorized by itself (as a client asks of its own token). */
    static ValidatableResponse tokenInfo(String token) {
        return given().auth()
                .oauth2(token)
                .formParam("token", token)
                .post("/oauth/token_info")
                .then();
    }
}
