package org.statehub.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.statehub.testing.EdFiBodies.session;
import static org.statehub.testing.ScopeMatrix.create;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TwoLeaScopeFixture;

/**
 * An extension project's own resource secured by the school it names, by data alone (docs/decisions/0020, part 3):
 * the tests' {@code state} project ({@code src/test/resources/extensions/state}, named by {@code edfi.extensions} in
 * this module's pom) declares {@code $.schoolReference.schoolId} the organization of its
 * {@code schoolAccreditations}, so a SIS vendor of an LEA reads and writes the accreditations of its schools and
 * none of another LEA's, answered as the core answers the same requests on sessions.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ExtensionResourceScopeTest extends TwoLeaScopeFixture {

    /** The tests' state project's resources. */
    static final String STATE = "/data/v3/state/";

    private static final String BASE = "/data/v3/ed-fi/";

    static String accreditation(long school, int year) {
        return """
                {"schoolReference": {"schoolId": %d}, "accreditationYear": %d, "accreditingBody": "State board"}""".formatted(school, year);
    }

    private static Response as(String token, String method, String path, String body) {
        var request = given().auth().oauth2(token);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.request(method, path);
    }

    @Test
    void aVendorOfAnLeaReachesTheAccreditationsOfItsSchoolsAndNoneOfAnotherLeas() {
        leasWithASchoolEach(BASE);
        String atSchool1 = create(STATE, "schoolAccreditations", accreditation(school1, 2025));
        String atSchoolB = create(STATE, "schoolAccreditations", accreditation(schoolB, 2025));
        String sessionAtB = create(BASE, "sessions", session(schoolB, "Fall " + run));
        String vendor1 = vendor(LEA1, lea1);
        String vendor2 = vendor(LEA2, lea2);

        // GET by id and the collection
        as(vendor1, "GET", STATE + "schoolAccreditations/" + atSchool1, null)
                .then()
                .statusCode(200);
        sameAnswer(
                as(vendor1, "GET", STATE + "schoolAccreditations/" + atSchoolB, null),
                as(vendor1, "GET", BASE + "sessions/" + sessionAtB, null));
        assertThat(accreditations(vendor1, "accreditationYear", 2025))
                .contains(atSchool1)
                .doesNotContain(atSchoolB);
        assertThat(accreditations(vendor2, "schoolId", school1)).isEmpty();

        // POST at the other LEA's school is refused as the core refuses a session there; at its own, created
        sameAnswer(
                as(vendor1, "POST", STATE + "schoolAccreditations", accreditation(schoolB, 2026)),
                as(vendor1, "POST", BASE + "sessions", session(schoolB, "Spring " + run)));
        as(vendor1, "POST", STATE + "schoolAccreditations", accreditation(school1, 2026))
                .then()
                .statusCode(201);
        // PUT and DELETE of the other LEA's item
        sameAnswer(
                as(vendor2, "PUT", STATE + "schoolAccreditations/" + atSchool1, accreditation(school1, 2025)),
                as(vendor1, "PUT", BASE + "sessions/" + sessionAtB, session(schoolB, "Fall " + run)));
        sameAnswer(
                as(vendor2, "DELETE", STATE + "schoolAccreditations/" + atSchool1, null),
                as(vendor1, "DELETE", BASE + "sessions/" + sessionAtB, null));
        given().get(STATE + "schoolAccreditations/" + atSchool1).then().statusCode(200);
    }

    /** The ids of the accreditations {@code token}'s client reads with the query {@code parameter=value}. */
    private static List<String> accreditations(String token, String parameter, Object value) {
        return given().auth()
                .oauth2(token)
                .queryParam(parameter, value)
                .queryParam("limit", 500)
                .get(STATE + "schoolAccreditations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class);
    }

    /** The extension resource's answer is the core's: 403, with the same problem type. */
    private static void sameAnswer(Response extension, Response core) {
        assertThat(core.statusCode()).as(core.asString()).isEqualTo(403);
        assertThat(extension.statusCode()).as(extension.asString()).isEqualTo(403);
        assertThat(extension.jsonPath().getString("type"))
                .isEqualTo(core.jsonPath().getString("type"));
        assertThat(List.of(extension.contentType())).containsExactly(core.contentType());
    }
}
