package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.statehub.student.ApiTestSupport.BASE;
import static org.statehub.student.ApiTestSupport.MAPPER;
import static org.statehub.student.ApiTestSupport.uniqueId;
import static org.statehub.student.ProfileFixtures.INVALID;
import static org.statehub.student.ProfileFixtures.POLICY;
import static org.statehub.student.ProfileFixtures.client;
import static org.statehub.student.ProfileFixtures.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * Ed-Fi API profiles on reads (docs/decisions/0020, part 2, step 9), each row of the decision's status table and the
 * implicit single profile, through real tokens whose clients the test client directory lists with their profiles,
 * and profile definitions the directory serves as the gateway does ({@code /internal/v1/profiles/{name}}).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ProfileReadTest {

    static final String READABLE = "application/vnd.ed-fi.student.%s.readable+json";

    private final String run = uniqueId().substring(0, 8);
    private final String names = "Student-Names-" + run;
    private final String noBirth = "Student-No-Birth-" + run;
    private final String writeOnly = "Student-Write-" + run;
    private final String schools = "Schools-" + run;
    private String studentUniqueId;
    private String id;

    @BeforeEach
    void profilesAndAStudent() {
        ProfileFixtures.declare(names, "Student", """
                  <ReadContentType memberSelection="IncludeOnly">
                    <Property name="FirstName"/><Property name="LastSurname"/>
                  </ReadContentType>""");
        ProfileFixtures.declare(noBirth, "Student", """
                  <ReadContentType memberSelection="ExcludeOnly">
                    <Property name="BirthDate"/><Property name="BirthCity"/>
                    <Collection name="StudentOtherNames" memberSelection="IncludeAll"/>
                  </ReadContentType>""");
        ProfileFixtures.declare(writeOnly, "Student", """
                  <WriteContentType memberSelection="IncludeAll"/>""");
        ProfileFixtures.declare(schools, "School", """
                  <ReadContentType memberSelection="IncludeAll"/>""");
        studentUniqueId = "P" + run;
        ObjectNode body = ApiTestSupport.student(studentUniqueId);
        id = ApiTestSupport.create("students", body);
    }

    /** A SISVendor client of a new LEA whose school enrolls the test's student, with these profiles. */
    private String vendorOfTheStudent(String... profiles) throws Exception {
        return ProfileFixtures.vendorOf(studentUniqueId, profiles);
    }

    private static String reader(String... profiles) {
        return client("StateSystemReader", List.of(), profiles);
    }

    private Response getById(String token, String accept) {
        var request = given().auth().oauth2(token);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return request.get(BASE + "students/" + id);
    }

    @Test
    void aMalformedProfileMediaTypeIs400() {
        for (String token : List.of(reader(), reader(names))) {
            problem(
                            getById(token, "application/vnd.ed-fi.invalid"),
                            400,
                            INVALID,
                            "The format of the profile-based content type header was invalid.")
                    .body(
                            "detail",
                            equalTo("The request construction was invalid with respect to usage of a data policy."));
        }
        problem(
                given().auth()
                        .oauth2(reader(names))
                        .header("Accept", "application/vnd.ed-fi.student.x.y.readable+json")
                        .get(BASE + "students"),
                400,
                INVALID,
                "The format of the profile-based content type header was invalid.");
    }

    @Test
    void aMediaTypeOfAnotherResourceIs400() {
        problem(
                getById(reader(names), "application/vnd.ed-fi.school." + names.toLowerCase() + ".readable+json"),
                400,
                INVALID,
                "The resource specified by the profile-based content type ('school') does not match the requested "
                        + "resource ('Student').");
    }

    @Test
    void aWritableMediaTypeOnAGetIs400() {
        problem(
                getById(reader(names), "application/vnd.ed-fi.student." + names.toLowerCase() + ".writable+json"),
                400,
                INVALID,
                "A profile-based content type that is writable cannot be used with GET requests.");
    }

    @Test
    void aProfileMediaTypeFromAClientWithoutProfilesIs406() {
        problem(
                        getById(reader(), READABLE.formatted(names.toLowerCase())),
                        406,
                        INVALID,
                        "The profile '" + names.toLowerCase() + "' specified by the content type in the 'Accept' "
                                + "header is not supported by this host.")
                .body(
                        "detail",
                        equalTo("The request construction was invalid with respect to usage of a data policy."));
    }

    @Test
    void aProfileNotAssignedToTheClientIs403NamingTheContentTypesItMayUse() {
        problem(
                        getById(reader(names), READABLE.formatted(noBirth.toLowerCase())),
                        403,
                        POLICY,
                        "Based on profile assignments, one of the following profile-specific content types is required "
                                + "when requesting this resource: '" + READABLE.formatted(names.toLowerCase()) + "'")
                .body("detail", startsWith("A data policy failure was encountered."));
    }

    @Test
    void theNamedProfileSelectsTheMembersAndNamesItsMediaType() throws Exception {
        String token = reader(names, noBirth);
        Response onlyNames = getById(token, READABLE.formatted(names.toLowerCase()));
        onlyNames.then().statusCode(200).contentType(startsWith(READABLE.formatted(names.toLowerCase())));
        JsonNode item = MAPPER.readTree(onlyNames.asString());
        assertThat(fieldNames(item))
                .containsExactlyInAnyOrder(
                        "id", "studentUniqueId", "firstName", "lastSurname", "_etag", "_lastModifiedDate");
        assertThat(onlyNames.header("ETag")).isNotBlank();

        // the profile's name in any case; the ETag of the item, so If-None-Match works as without a profile
        Response withoutBirth =
                getById(token, READABLE.formatted(noBirth).toUpperCase().replace("APPLICATION", "application"));
        withoutBirth.then().statusCode(200);
        JsonNode other = MAPPER.readTree(withoutBirth.asString());
        assertThat(other.has("birthDate")).isFalse();
        assertThat(other.has("birthCity")).isFalse();
        assertThat(other.has("otherNames")).isFalse();
        assertThat(other.get("birthSexDescriptor").asText()).endsWith("#Female");
        given().auth()
                .oauth2(token)
                .header("Accept", READABLE.formatted(names.toLowerCase()))
                .header("If-None-Match", onlyNames.header("ETag"))
                .get(BASE + "students/" + id)
                .then()
                .statusCode(304);

        // a collection: each item selected, Total-Count as without a profile
        Response collection = given().auth()
                .oauth2(token)
                .header("Accept", READABLE.formatted(names.toLowerCase()) + ", application/json;q=0.5")
                .queryParam("studentUniqueId", studentUniqueId)
                .queryParam("totalCount", true)
                .get(BASE + "students");
        collection
                .then()
                .statusCode(200)
                .contentType(startsWith(READABLE.formatted(names.toLowerCase())))
                .header("Total-Count", "1");
        JsonNode items = MAPPER.readTree(collection.asString());
        assertThat(items).hasSize(1);
        assertThat(fieldNames(items.get(0)))
                .containsExactlyInAnyOrder(
                        "id", "studentUniqueId", "firstName", "lastSurname", "_etag", "_lastModifiedDate");
    }

    @Test
    void withSeveralProfilesOfTheResourceTheClientMustNameOne() {
        String token = reader(names, noBirth, schools);
        problem(
                given().auth().oauth2(token).get(BASE + "students"),
                403,
                POLICY,
                "Based on profile assignments, one of the following profile-specific content types is required when "
                        + "requesting this resource: '" + READABLE.formatted(names.toLowerCase()) + "', '"
                        + READABLE.formatted(noBirth.toLowerCase()) + "'");
        problem(
                getById(token, null),
                403,
                POLICY,
                "Based on profile assignments, one of the following "
                        + "profile-specific content types is required when requesting this resource: '"
                        + READABLE.formatted(names.toLowerCase()) + "', '" + READABLE.formatted(noBirth.toLowerCase())
                        + "'");
    }

    @Test
    void theOneProfileCoveringTheResourceAppliesWithoutAHeader() throws Exception {
        // a vendor client with one profile of students and one of schools
        String vendor = vendorOfTheStudent(names, schools);

        Response implicit = getById(vendor, null);
        implicit.then().statusCode(200).contentType(startsWith(READABLE.formatted(names.toLowerCase())));
        assertThat(fieldNames(MAPPER.readTree(implicit.asString())))
                .containsExactlyInAnyOrder(
                        "id", "studentUniqueId", "firstName", "lastSurname", "_etag", "_lastModifiedDate");
        Response collection = given().auth()
                .oauth2(vendor)
                .queryParam("studentUniqueId", studentUniqueId)
                .get(BASE + "students");
        collection.then().statusCode(200).contentType(startsWith(READABLE.formatted(names.toLowerCase())));
        assertThat(fieldNames(MAPPER.readTree(collection.asString()).get(0)))
                .containsExactlyInAnyOrder(
                        "id", "studentUniqueId", "firstName", "lastSurname", "_etag", "_lastModifiedDate");

        // a profile that covers only another resource leaves students as they are; named for students it is a 400
        String schoolsOnly = reader(schools);
        Response whole = getById(schoolsOnly, null);
        whole.then().statusCode(200).contentType(startsWith("application/json"));
        assertThat(MAPPER.readTree(whole.asString()).get("birthCity").asText()).isEqualTo("Lubbock");
        problem(
                getById(schoolsOnly, READABLE.formatted(schools.toLowerCase())),
                400,
                INVALID,
                "The resource 'Student' is not accessible through the '" + schools + "' profile specified by the "
                        + "content type.");

        // a profile that only writes students: a GET under it is not allowed
        problem(
                getById(reader(writeOnly), null),
                405,
                "urn:ed-fi:api:method-not-allowed",
                "The allowed methods for this resource with the '" + writeOnly + "' profile are PUT, POST, DELETE "
                        + "and OPTIONS.");
    }

    @Test
    void aClientWithoutProfilesReadsAsBefore() throws Exception {
        String token = reader();
        Response whole = getById(token, null);
        whole.then().statusCode(200).contentType(startsWith("application/json"));
        JsonNode item = MAPPER.readTree(whole.asString());
        assertThat(item.get("birthCity").asText()).isEqualTo("Lubbock");
        assertThat(item.get("otherNames")).hasSize(1);
        getById(token, "text/html").then().statusCode(406);
        // the change records beside a collection are not a profile's to select
        given().auth()
                .oauth2(reader(names))
                .get(BASE + "students/deletes")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"));
    }

    private static List<String> fieldNames(JsonNode item) {
        List<String> names = new ArrayList<>();
        item.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
