package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class GatewayTokenTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ADMIN = "hub-admin";
    static final String ADMIN_SECRET = "test-admin-secret-0123456789";

    static Response token(String clientId, String secret, String scope) {
        var request = given().auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials");
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post("/oauth/token");
    }

    /** HTTP Basic credentials of a client, as an {@code Authorization} header's value. */
    static String basic(String clientId, String secret) {
        return "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A token request with {@code authorization} (none when null) and the form fields ({@code form}: names and values
     * in turn) is answered {@code status} with the OAuth error {@code error}.
     */
    static void oauthError(int status, String error, String authorization, String... form) {
        var request = given().contentType(ContentType.URLENC);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < form.length; i += 2) {
            request.formParam(form[i], form[i + 1]);
        }
        request.post("/oauth/token").then().statusCode(status).body("error", equalTo(error));
    }

    static String adminToken() {
        return token(ADMIN, ADMIN_SECRET, null).then().statusCode(200).extract().path("access_token");
    }

    JwtClaims verifiedClaims(String token) throws Exception {
        JsonWebKeySet jwks =
                new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
        String issuer = MAPPER.readTree(
                        given().get("/.well-known/openid-configuration").asString())
                .get("issuer")
                .asText();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .build();
        return consumer.processToClaims(token);
    }

    @Test
    void basicCredentialsGetASignedBearerTokenVerifiableWithTheJwks() throws Exception {
        Response response = token(ADMIN, ADMIN_SECRET, null);
        response.then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("bearer"))
                .body("expires_in", equalTo(1800))
                .body("scope", nullValue());
        JwtClaims claims = verifiedClaims(response.path("access_token"));
        assertThat(claims.getSubject()).isEqualTo(ADMIN);
        assertThat(claims.getClaimValueAsString("claim_set")).isEqualTo("StateAdmin");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                .isEqualTo(1800);
        given().get("/.well-known/jwks.json")
                .then()
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kty", equalTo("RSA"));
    }

    @Test
    void credentialsInAFormOrJsonBodyWorkToo() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", ADMIN)
                .formParam("client_secret", ADMIN_SECRET)
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .body("access_token", notNullValue());
        given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + ADMIN + "\",\"client_secret\":\""
                        + ADMIN_SECRET + "\"}")
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .body("access_token", notNullValue());
    }

    @Test
    void tokenErrorsFollowTheOAuthForm() {
        token("nobody", "x", null).then().statusCode(401).body("error", equalTo("invalid_client"));
        token(ADMIN, "wrong", null).then().statusCode(401).body("error", equalTo("invalid_client"));
        String admin = basic(ADMIN, ADMIN_SECRET);
        oauthError(401, "invalid_request", null, "grant_type", "client_credentials", "client_id", ADMIN);
        oauthError(400, "invalid_request", "Basic %%%", "grant_type", "client_credentials");
        oauthError(401, "invalid_client", "Bearer abc", "grant_type", "client_credentials");
        oauthError(400, "invalid_client", admin, "grant_type", "client_credentials", "client_id", ADMIN);
        oauthError(400, "unsupported_grant_type", admin, "grant_type", "password");
    }

    @Test
    void vendorClientsAreCreatedRotatedAndRevokedByAStateAdmin() throws Exception {
        String admin = adminToken();
        Response created = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"displayName\":\"Acme SIS for Grand Bend\",\"claimSet\":\"SISVendor\","
                        + "\"educationOrganizationIds\":[255901,255901001],"
                        + "\"namespacePrefixes\":[\"uri://acme.example\"]}")
                .post("/admin/v1/clients");
        created.then().statusCode(201).header("Location", notNullValue()).body("clientSecret", notNullValue());
        String clientId = created.path("clientId");
        String secret = created.path("clientSecret");

        Response vendor = token(clientId, secret, "255901001");
        vendor.then().statusCode(200).body("scope", equalTo("255901001"));
        JwtClaims claims = verifiedClaims(vendor.path("access_token"));
        assertThat(claims.getClaimValueAsString("claim_set")).isEqualTo("SISVendor");
        // the organizations are in the client directory, not the token (decision 0009); the scope narrows them
        assertThat(claims.getClaimValue("education_organization_ids")).isNull();
        assertThat(claims.getClaimValueAsString("scope")).isEqualTo("255901001");
        JwtClaims unscoped = verifiedClaims(token(clientId, secret, null).path("access_token"));
        assertThat(unscoped.getClaimValue("education_organization_ids")).isNull();
        assertThat(unscoped.getClaimValue("scope")).isNull();
        token(clientId, secret, "999").then().statusCode(400).body("error", equalTo("invalid_scope"));
        token(clientId, secret, "abc").then().statusCode(400).body("error", equalTo("invalid_scope"));

        given().auth()
                .oauth2(admin)
                .get("/admin/v1/clients")
                .then()
                .statusCode(200)
                .body("clientId", hasItem(clientId))
                .body("clientSecret", org.hamcrest.Matchers.everyItem(nullValue()));
        given().auth()
                .oauth2((String) vendor.path("access_token"))
                .get("/admin/v1/clients")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:ed-fi:api:security:authorization"))
                .body(
                        "errors[0]",
                        equalTo(
                                "Managing API clients needs the hubAdministration grant (a claim set granting it, as StateAdmin does)."));

        String rotated = given().auth()
                .oauth2(admin)
                .post("/admin/v1/clients/" + clientId + "/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("clientSecret");
        token(clientId, secret, null).then().statusCode(401);
        token(clientId, rotated, null).then().statusCode(200);

        // a token issued before the revocation is routed until then (the services are down here: 502), refused after
        String issued = token(clientId, rotated, null).path("access_token");
        given().auth().oauth2(issued).get("/data/v3/ed-fi/students").then().statusCode(502);
        given().auth()
                .oauth2(admin)
                .delete("/admin/v1/clients/" + clientId)
                .then()
                .statusCode(204);
        token(clientId, rotated, null).then().statusCode(401).body("error", equalTo("invalid_client"));
        isProblemOfType(
                        given().auth()
                                .oauth2(issued)
                                .get("/data/v3/ed-fi/students")
                                .then(),
                        401,
                        "urn:ed-fi:api:security:authentication")
                .body("errors[0]", equalTo("This client's access has been revoked."));
        given().auth()
                .oauth2(issued)
                .get("/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(admin)
                .get("/admin/v1/clients/" + clientId)
                .then()
                .statusCode(200)
                .body("revokedAt", notNullValue());
        given().auth()
                .oauth2(admin)
                .delete("/admin/v1/clients/" + clientId)
                .then()
                .statusCode(404);
    }

    @Test
    void theAdminApiRefusesMissingForgedAndInvalidInput() throws Exception {
        given().get("/admin/v1/clients")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"))
                .body("errors[0]", equalTo("Authorization header is missing."));
        String admin = adminToken();
        String forged =
                admin.substring(0, admin.lastIndexOf('.') + 1) + "AAAA" + admin.substring(admin.lastIndexOf('.') + 5);
        given().auth()
                .oauth2(forged)
                .get("/admin/v1/clients")
                .then()
                .statusCode(401)
                .body("errors[0]", equalTo("Invalid token"));
        assertThatThrownBy(() -> verifiedClaims(forged)).isInstanceOf(InvalidJwtException.class);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"displayName\":\"\",\"claimSet\":\"Everything\"}")
                .post("/admin/v1/clients")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.displayName'", notNullValue())
                .body("validationErrors.'$.claimSet'", notNullValue());
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"displayName\":\"No scope\",\"claimSet\":\"SISVendor\"}")
                .post("/admin/v1/clients")
                .then()
                .statusCode(400)
                .body("validationErrors.'$.educationOrganizationIds'", notNullValue());
        JsonNode discovery =
                MAPPER.readTree(given().get("/.well-known/openid-configuration").asString());
        assertThat(discovery.get("jwks_uri").asText()).endsWith("/.well-known/jwks.json");
        assertThat(List.of(discovery.get("token_endpoint").asText())).allMatch(u -> u.endsWith("/oauth/token"));
    }
}
