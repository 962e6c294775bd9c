package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
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
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * Ed-Fi API profiles on writes (docs/decisions/0020, part 2, step 10): the writable media type in
 * {@code Content-Type} and the implicit single profile on POST, PUT and bulk upserts; what the profile does not let
 * the client write is removed before validation and keeps its stored value (the DMS's {@code ProfilePutMerge}
 * scenarios, and a hidden {@code _ext} member: this module serves the Sample extension); a new item cannot be
 * created when the profile leaves out a required member; each row of the decision's status table for writes.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ProfileWriteTest {

    static final String WRITABLE = "application/vnd.ed-fi.student.%s.writable+json";
    private static final String NICKNAME = "uri://ed-fi.org/OtherNameTypeDescriptor#Nickname";
    private static final String ALIAS = "uri://ed-fi.org/OtherNameTypeDescriptor#Alias";

    private final String run = uniqueId().substring(0, 8);
    /** Reads and writes students without their birth city. */
    private final String noCity = "Student-No-City-" + run;
    /** Writes names, the birth date and the nicknames among the other names; the rest (and _ext) hidden. */
    private final String nicknames = "Student-Nicknames-" + run;
    /** Writes students without their birth date: a required member, so it cannot create one. */
    private final String noBirthDate = "Student-No-Birth-Date-" + run;
    /** Reads students only. */
    private final String readOnly = "Student-Read-" + run;

    private final String schools = "Schools-" + run;
    private String studentUniqueId;
    private String id;

    @BeforeEach
    void profilesAndAStudent() throws Exception {
        ProfileFixtures.declare(noCity, "Student", """
                  <ReadContentType memberSelection="ExcludeOnly"><Property name="BirthCity"/></ReadContentType>
                  <WriteContentType memberSelection="ExcludeOnly"><Property name="BirthCity"/></WriteContentType>""");
        ProfileFixtures.declare(nicknames, "Student", """
                  <WriteContentType memberSelection="IncludeOnly">
                    <Property name="FirstName"/><Property name="LastSurname"/><Property name="BirthDate"/>
                    <Collection name="StudentOtherNames" memberSelection="IncludeAll">
                      <Filter propertyName="OtherNameTypeDescriptor" filterMode="IncludeOnly">
                        <Value>%s</Value>
                      </Filter>
                    </Collection>
                  </WriteContentType>""".formatted(NICKNAME));
        ProfileFixtures.declare(noBirthDate, "Student", """
                  <WriteContentType memberSelection="ExcludeOnly"><Property name="BirthDate"/></WriteContentType>""");
        ProfileFixtures.declare(readOnly, "Student", """
                  <ReadContentType memberSelection="IncludeAll"/>""");
        ProfileFixtures.declare(schools, "School", """
                  <ReadContentType memberSelection="IncludeAll"/>
                  <WriteContentType memberSelection="IncludeAll"/>""");
        studentUniqueId = "W" + run;
        ObjectNode body = ApiTestSupport.student(studentUniqueId);
        body.withArray("otherNames")
                .addObject()
                .put("otherNameTypeDescriptor", ALIAS)
                .put("firstName", "Beth")
                .put("lastSurname", "Woods");
        body.set("_ext", MAPPER.readTree("{\"sample\": {\"pets\": [{\"petName\": \"Bingo\", \"isFixed\": true}]}}"));
        id = ApiTestSupport.create("students", body);
    }

    /** A StateAdmin client (every item in scope) with these profiles. */
    private static String admin(String... profiles) {
        return client("StateAdmin", List.of(), profiles);
    }

    /** A SISVendor client of a new LEA whose school enrolls the test's student, with these profiles. */
    private String vendorOfTheStudent(String... profiles) throws Exception {
        return ProfileFixtures.vendorOf(studentUniqueId, profiles);
    }

    /**
     * A request of the client with a body of this media type, sent as it is: RestAssured neither refuses a type it
     * does not know nor adds a charset the API does not take.
     */
    private static RequestSpecification sending(String token, String contentType, String body) {
        return given().config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth()
                .oauth2(token)
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private Response put(String token, String contentType, JsonNode body) {
        return sending(token, contentType, body.toString()).put(BASE + "students/" + id);
    }

    private static Response post(String token, String contentType, JsonNode body) {
        return sending(token, contentType, body.toString()).post(BASE + "students");
    }

    private static Response bulk(String token, String contentType, JsonNode... items) {
        return sending(
                        token,
                        contentType,
                        MAPPER.createArrayNode().addAll(List.of(items)).toString())
                .post("/bulk/v1/ed-fi/students");
    }

    /** The student as stored (read by a client without profiles). */
    private ObjectNode stored() throws Exception {
        return (ObjectNode) MAPPER.readTree(given().auth()
                .oauth2(admin())
                .get(BASE + "students/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** The stored student as a client sends it back: without the members the API adds. */
    private ObjectNode sendable() throws Exception {
        ObjectNode body = stored();
        body.remove(List.of("id", "_etag", "_lastModifiedDate"));
        return body;
    }

    @Test
    void aPutUnderAProfileKeepsTheStoredValueOfAMemberItExcludes() throws Exception {
        // the vendor reads the student through its one profile (no birth city) and writes it back changed
        String vendor = vendorOfTheStudent(noCity);
        ObjectNode read = (ObjectNode) MAPPER.readTree(given().auth()
                .oauth2(vendor)
                .get(BASE + "students/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(read.has("birthCity")).isFalse();
        read.put("firstName", "Elisabeth");
        put(vendor, "application/json", read).then().statusCode(204);

        ObjectNode stored = stored();
        assertThat(stored.get("firstName").asText()).isEqualTo("Elisabeth");
        assertThat(stored.get("birthCity").asText()).isEqualTo("Lubbock");

        // an excluded member sent anyway is removed, not refused, and keeps its stored value
        ObjectNode withCity = sendable();
        withCity.put("birthCity", "Amarillo");
        withCity.put("middleName", "Ann");
        put(vendor, WRITABLE.formatted(noCity.toLowerCase()), withCity).then().statusCode(204);
        stored = stored();
        assertThat(stored.get("birthCity").asText()).isEqualTo("Lubbock");
        assertThat(stored.get("middleName").asText()).isEqualTo("Ann");
    }

    @Test
    void aPutSendingOnlyTheCollectionItemsTheFilterLetsThroughKeepsTheStoredOthers() throws Exception {
        String token = admin(nicknames);
        ObjectNode body = (ObjectNode) MAPPER.readTree("""
                {"studentUniqueId": "%s", "firstName": "Lisa", "lastSurname": "Woods", "birthDate": "2008-05-17",
                 "otherNames": [
                   {"otherNameTypeDescriptor": "%s", "firstName": "Lizzy", "lastSurname": "Woods"},
                   {"otherNameTypeDescriptor": "%s", "firstName": "Not", "lastSurname": "Kept"}]}""".formatted(studentUniqueId, NICKNAME, ALIAS));
        put(token, WRITABLE.formatted(nicknames.toLowerCase()), body).then().statusCode(204);

        ObjectNode stored = stored();
        assertThat(stored.get("otherNames"))
                .extracting(name -> name.get("otherNameTypeDescriptor").asText() + " "
                        + name.get("firstName").asText())
                .containsExactlyInAnyOrder(NICKNAME + " Lizzy", ALIAS + " Beth");
        // what the profile hides, the Sample extension's members included, is as stored
        assertThat(stored.get("birthCity").asText()).isEqualTo("Lubbock");
        assertThat(stored.get("birthSexDescriptor").asText()).endsWith("#Female");
        assertThat(stored.at("/_ext/sample/pets/0/petName").asText()).isEqualTo("Bingo");
        assertThat(stored.at("/_ext/sample/pets/0/isFixed").asBoolean()).isTrue();
    }

    @Test
    void aPostOfAnExistingItemMergesAndANewOneNeedsEveryRequiredMember() throws Exception {
        String token = admin(noBirthDate);
        // the natural key exists: an update, the birth date the profile excludes is kept
        ObjectNode update = sendable();
        update.put("birthDate", "2001-01-01");
        update.put("firstName", "Liza");
        post(token, "application/json", update).then().statusCode(200);
        ObjectNode stored = stored();
        assertThat(stored.get("birthDate").asText()).isEqualTo("2008-05-17");
        assertThat(stored.get("firstName").asText()).isEqualTo("Liza");

        // a new item cannot be created without the birth date, whether or not the client sends it
        ObjectNode created = ApiTestSupport.student("N" + run);
        for (String contentType : List.of("application/json", WRITABLE.formatted(noBirthDate.toLowerCase()))) {
            problem(
                            post(token, contentType, created),
                            400,
                            "urn:ed-fi:api:data-policy-enforced",
                            "The Profile definition for '" + noBirthDate + "' excludes (or does not include) one or "
                                    + "more required data elements needed to create the resource.")
                    .body("validationErrors", hasKey("$.birthDate"));
        }
        given().auth()
                .oauth2(admin())
                .queryParam("studentUniqueId", "N" + run)
                .get(BASE + "students")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aBulkUpsertTakesTheWritableMediaTypeOfItsContentType() throws Exception {
        ObjectNode update = sendable();
        update.put("birthCity", "Amarillo");
        update.put("firstName", "Lise");
        ObjectNode created = ApiTestSupport.student("B" + run);
        bulk(admin(noCity, noBirthDate), WRITABLE.formatted(noCity.toLowerCase()), update, created)
                .then()
                .statusCode(200)
                .body("status", contains(200, 201));
        ObjectNode stored = stored();
        assertThat(stored.get("birthCity").asText()).isEqualTo("Lubbock");
        assertThat(stored.get("firstName").asText()).isEqualTo("Lise");

        // the implicit single profile: each new item is refused alike, the update goes through
        ObjectNode another = ApiTestSupport.student("C" + run);
        bulk(admin(noBirthDate), "application/json", update, another)
                .then()
                .statusCode(200)
                .body("status", contains(200, 400))
                .body("[1].problem.type", equalTo("urn:ed-fi:api:data-policy-enforced"));

        // a refused use of profiles refuses the whole request
        problem(
                bulk(admin(noCity), "application/vnd.ed-fi.invalid", update),
                400,
                INVALID,
                "The format of the profile-based content type header was invalid.");
        problem(
                bulk(admin(readOnly), "application/json", update),
                405,
                "urn:ed-fi:api:method-not-allowed",
                "The allowed methods for this resource with the '" + readOnly + "' profile are GET, DELETE and "
                        + "OPTIONS.");
    }

    @Test
    void eachRefusedUseOfAProfileOnAWriteHasItsStatus() throws Exception {
        ObjectNode body = sendable();
        String named = admin(noCity, noBirthDate);
        for (String method : List.of("POST", "PUT")) {
            Response malformed = method.equals("POST")
                    ? post(named, "application/vnd.ed-fi.invalid", body)
                    : put(named, "application/vnd.ed-fi.invalid", body);
            problem(malformed, 400, INVALID, "The format of the profile-based content type header was invalid.")
                    .body(
                            "detail",
                            equalTo("The request construction was invalid with respect to usage of a data policy."));
            String readable = "application/vnd.ed-fi.student." + noCity.toLowerCase() + ".readable+json";
            problem(
                    method.equals("POST") ? post(named, readable, body) : put(named, readable, body),
                    400,
                    INVALID,
                    "A profile-based content type that is readable cannot be used with " + method + " requests.");
        }
        problem(
                post(named, "application/vnd.ed-fi.school." + noCity.toLowerCase() + ".writable+json", body),
                400,
                INVALID,
                "The resource specified by the profile-based content type ('school') does not match the requested "
                        + "resource ('Student').");
        // a client without profiles: the ODS/API's 415 of a profile it does not support on a write
        problem(
                put(admin(), WRITABLE.formatted(noCity.toLowerCase()), body),
                415,
                INVALID,
                "The profile '" + noCity.toLowerCase() + "' specified by the content type in the 'Content-Type' "
                        + "header is not supported by this host.");
        problem(
                        put(admin(noBirthDate), WRITABLE.formatted(noCity.toLowerCase()), body),
                        403,
                        POLICY,
                        "Based on profile assignments, one of the following profile-specific content types is required "
                                + "when requesting this resource: '" + WRITABLE.formatted(noBirthDate.toLowerCase())
                                + "'")
                .body("detail", startsWith("A data policy failure was encountered."));
        // several profiles of the resource: the client must name one
        problem(
                put(named, "application/json", body),
                403,
                POLICY,
                "Based on profile assignments, one of the following profile-specific content types is required when "
                        + "requesting this resource: '" + WRITABLE.formatted(noCity.toLowerCase()) + "', '"
                        + WRITABLE.formatted(noBirthDate.toLowerCase()) + "'");
        // a profile of another resource, named for students; a profile that only reads students
        problem(
                put(admin(schools), WRITABLE.formatted(schools.toLowerCase()), body),
                400,
                INVALID,
                "The resource 'Student' is not accessible through the '" + schools + "' profile specified by the "
                        + "content type.");
        problem(
                put(admin(readOnly), "application/json", body),
                405,
                "urn:ed-fi:api:method-not-allowed",
                "The allowed methods for this resource with the '" + readOnly + "' profile are GET, DELETE and "
                        + "OPTIONS.");
        assertThat(stored().get("birthCity").asText()).isEqualTo("Lubbock");
    }

    @Test
    void writesWithoutAProfileOfTheResourceAreAsBefore() throws Exception {
        // a client whose profiles cover another resource replaces the whole item
        ObjectNode whole = sendable();
        whole.remove("birthCity");
        put(admin(schools), "application/json", whole).then().statusCode(204);
        assertThat(stored().has("birthCity")).isFalse();
        // DELETE sends no item: a profile's client may delete
        given().auth()
                .oauth2(vendorOfTheStudent(readOnly))
                .delete(BASE + "students/" + id)
                .then()
                .statusCode(204);
    }
}
