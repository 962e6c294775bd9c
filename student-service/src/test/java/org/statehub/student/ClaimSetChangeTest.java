package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.create;
import static org.statehub.student.ApiTestSupport.student;
import static org.statehub.student.ApiTestSupport.uniqueId;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestDirectory;
import org.statehub.testing.TestTokens;

/**
 * Claim sets at run time (docs/decisions/0020, step 14): the service applies the claim set the gateway's directory
 * answers ({@code /internal/v1/claimSets/{name}}, edfi-test-support's {@code TestDirectory} here), kept as a
 * client's entry is (5 s in production; the tests revalidate on every call), so a claim set an administrator
 * changes applies to the next request after that period, to tokens already issued.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ClaimSetChangeTest {

    /** A state's claim set granting students these actions (state-wide: no further authorization). */
    private static String studentReaders(String name, String actions) {
        return """
                {"name": "%s", "resourceClaims": [{"name": "student", "actions": [%s],
                  "authorizationStrategyOverridesForCRUD": [{"actionName": "Read",
                    "authorizationStrategies": [{"authStrategyName": "NoFurtherAuthorizationRequired"}]}]}]}""".formatted(name, actions);
    }

    @Test
    void removingReadOnStudentsFromAClaimSetMakesTheNextRequest403() throws Exception {
        String run = uniqueId().substring(0, 8);
        String name = "Student readers " + run;
        String id = create("students", student("CS-" + run));
        TestDirectory.claimSet(studentReaders(name, "{\"name\": \"Read\", \"enabled\": true}"));
        String token = TestTokens.token("reader-" + run, name, List.of(), List.of(), 1800);

        given().auth().oauth2(token).get(BASE + "students/" + id).then().statusCode(200);
        // a resource the claim set does not name stays closed
        given().auth().oauth2(token).get(BASE + "contacts").then().statusCode(403);

        // the administrator takes Read away: the same token is refused from the next request
        TestDirectory.claimSet("""
                {"name": "%s", "resourceClaims": [{"name": "student",
                  "actions": [{"name": "Create", "enabled": true}]}]}""".formatted(name));
        given().auth().oauth2(token).get(BASE + "students/" + id).then().statusCode(403);

        // a claim set the gateway does not keep grants nothing
        String unknown = TestTokens.token("unknown-" + run, "No such claim set " + run, List.of(), List.of(), 1800);
        given().auth().oauth2(unknown).get(BASE + "students/" + id).then().statusCode(403);
    }
    /**
     * Administration is what a claim set grants (docs/decisions/0023): a state's claim set with the
     * {@code hubAdministration} claim reads the access log, a StateAdmin-only endpoint; without it, 403.
     */
    @Test
    void aClaimSetWithHubAdministrationAdministersWhateverItsNameAndLosesItWithTheClaim() {
        String run = uniqueId().substring(0, 8);
        String name = "Deputy administrators " + run;
        String administration = """
                {"name": "%s", "resourceClaims": [{"name": "hubAdministration", "actions": [
                  {"name": "Create", "enabled": true}, {"name": "Read", "enabled": true},
                  {"name": "Update", "enabled": true}, {"name": "Delete", "enabled": true}]}]}""";
        TestDirectory.claimSet(administration.formatted(name));
        String token = TestTokens.token("deputy-" + run, name, List.of(), List.of(), 1800);
        given().auth().oauth2(token).get("/audit/v1/accesses").then().statusCode(200);

        TestDirectory.claimSet(studentReaders(name, "{\"name\": \"Read\", \"enabled\": true}"));
        given().auth()
                .oauth2(token)
                .get("/audit/v1/accesses")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body(
                        "errors[0]",
                        org.hamcrest.Matchers.equalTo(
                                "The access log needs the hubAdministration grant (a claim set granting it, as StateAdmin does)."));
    }
}
